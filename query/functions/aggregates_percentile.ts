import type { ScalarType } from "../symbols/types.ts";
import type { Value } from "../values/value.ts";
import {
  type AggregateFunction,
  type AggregateFunctionTable,
  defineAggregate,
  type Json,
} from "./aggregate_function.ts";
import {
  digestFromValue,
  digestOf,
  digestPercentile,
  digestToValue,
  type ExactDigest,
  mergeDigests,
} from "./exact_digest.ts";

/**
 * `percentile`, `percentiles` and `percentiles_array`, computed exactly: the state keeps every non-null number,
 * merging concatenates, and the result is the nearest-rank percentile (the smallest value with at least p% of the
 * values at or below it), which is always a value of the input as in Kusto. Kusto estimates with T-Digest for
 * large inputs; exact values are within its error, at the cost of memory linear in the group size.
 */
interface PercentileState {
  ps: number[];
  values: number[];
}

function nearestRank(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0 || !(p >= 0 && p <= 100)) return null;
  const rank = Math.ceil(p / 100 * sorted.length);
  return sorted[Math.max(0, rank - 1)];
}

function percentiles(output: "one" | "many" | "array"): AggregateFunction {
  return defineAggregate<PercentileState>({
    arity: output === "one" ? [2, 2] : [1, 64],
    rowArgs: 1,
    returns: output === "one" ? ((types: readonly ScalarType[]) => types[0] ?? "real") : "dynamic",
    init: (constants) => ({
      ps: constants.flatMap((c) => Array.isArray(c) ? c : [c]).map((c) => typeof c === "number" ? c : NaN),
      values: [],
    }),
    add: (s, [x]) => {
      if (typeof x === "number" && x === x) s.values.push(x);
      return s;
    },
    merge: (a, b) => {
      for (const v of b.values) a.values.push(v);
      return a;
    },
    result: (s): Value => {
      const sorted = [...s.values].sort((a, b) => a - b);
      const results = s.ps.map((p) => nearestRank(sorted, p));
      return output === "one" ? results[0] ?? null : results;
    },
  });
}

/** `percentilew(x, weight, p)` and friends: weighted nearest rank over an exact digest. */
function weightedPercentiles(output: "one" | "many" | "array"): AggregateFunction {
  return defineAggregate<{ ps: number[]; values: number[]; weights: number[] }>({
    arity: output === "one" ? [3, 3] : [3, 64],
    rowArgs: 2,
    returns: output === "one" ? ((types: readonly ScalarType[]) => types[0] ?? "real") : "dynamic",
    init: (constants) => ({
      ps: constants.flatMap((c) => Array.isArray(c) ? c : [c]).map((c) => typeof c === "number" ? c : NaN),
      values: [],
      weights: [],
    }),
    add: (s, [x, w]) => {
      if (typeof x === "number" && x === x && typeof w === "number" && w > 0) {
        s.values.push(x);
        s.weights.push(w);
      }
      return s;
    },
    merge: (a, b) => {
      a.values.push(...b.values);
      a.weights.push(...b.weights);
      return a;
    },
    result: (s): Value => {
      const digest = digestOf(s.values, s.weights);
      const results = s.ps.map((p) => digestPercentile(digest, p));
      return output === "one" ? results[0] ?? null : results;
    },
  });
}

/** `tdigest(x [, weight])`: the digest of a column, for `percentile_tdigest` and `tdigest_merge`. */
const TDIGEST = defineAggregate<ExactDigest>({
  arity: [1, 2],
  returns: "dynamic",
  init: () => ({ values: [], weights: [] }),
  add: (s, [x, w]) => {
    const weight = w === undefined ? 1 : w;
    if (typeof x === "number" && typeof weight === "number") {
      return mergeDigests([s, digestOf([x], [weight])]);
    }
    return s;
  },
  merge: (a, b) => mergeDigests([a, b]),
  result: digestToValue,
  save: (s) => digestToValue(s) as Json,
  load: (json) => digestFromValue(json as Value) ?? { values: [], weights: [] },
});

/** `tdigest_merge(digest)`: the union of the digests in a column; values that are not digests are skipped. */
const TDIGEST_MERGE = defineAggregate<ExactDigest>({
  arity: [1, 1],
  returns: "dynamic",
  init: () => ({ values: [], weights: [] }),
  add: (s, [d]) => {
    const digest = digestFromValue(d);
    return digest === null ? s : mergeDigests([s, digest]);
  },
  merge: (a, b) => mergeDigests([a, b]),
  result: digestToValue,
  save: (s) => digestToValue(s) as Json,
  load: (json) => digestFromValue(json as Value) ?? { values: [], weights: [] },
});

/** The percentile aggregates. `percentiles` returns one value per percentile for the evaluator to spread. */
export const PERCENTILE_AGGREGATES: AggregateFunctionTable = {
  percentile: percentiles("one"),
  percentiles: percentiles("many"),
  percentiles_array: percentiles("array"),
  percentilew: weightedPercentiles("one"),
  percentilesw: weightedPercentiles("many"),
  percentilesw_array: weightedPercentiles("array"),
  tdigest: TDIGEST,
  tdigest_merge: TDIGEST_MERGE,
  merge_tdigest: TDIGEST_MERGE,
};
