import type { ScalarType } from "../symbols/types.ts";
import type { Value } from "../values/value.ts";
import {
  type AggregateFunction,
  type AggregateFunctionTable,
  defineAggregate,
} from "./aggregate_function.ts";

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
    arity: output === "one" ? [2, 2] : [2, 64],
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
      return output === "one" ? results[0] : results;
    },
  });
}

/** The percentile aggregates. `percentiles` returns one value per percentile for the evaluator to spread. */
export const PERCENTILE_AGGREGATES: AggregateFunctionTable = {
  percentile: percentiles("one"),
  percentiles: percentiles("many"),
  percentiles_array: percentiles("array"),
};
