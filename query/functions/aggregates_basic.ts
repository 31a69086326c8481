import type { ScalarType } from "../symbols/types.ts";
import { compareValues } from "../values/compare.ts";
import type { Value } from "../values/value.ts";
import {
  type AggregateFunction,
  type AggregateFunctionTable,
  defineAggregate,
  type Json,
} from "./aggregate_function.ts";
import { SAME_AS_FIRST } from "./scalar_function.ts";

/**
 * Counting, summing, averaging, extremes, spread and bitwise aggregates. Nulls are skipped; `…if` variants add a
 * row only when their predicate is `true`. Aggregating only nulls gives null (0 for the counts), as SQL does, so
 * that the DuckDB back end agrees.
 */

/**
 * `count()` counts rows; `count(x)` (which Kusto also accepts) counts rows where `x` is not null, like SQL's
 * `COUNT(x)`; `countif(p)` counts rows where `p` is true.
 */
function count(conditional: boolean): AggregateFunction {
  // The state is the count itself: a window of a day keeps one per pane and key, and a number is no object to
  // the garbage collector (streams/plan/key_window.ts).
  return defineAggregate<number>({
    arity: conditional ? [1, 1] : [0, 1],
    returns: "long",
    init: () => 0,
    add: (n, values) =>
      (conditional ? values[0] === true : values.length === 0 || values[0] !== null) ? n + 1 : n,
    merge: (a, b) => a + b,
    result: (n) => n,
  });
}

function sum(conditional: boolean): AggregateFunction {
  return defineAggregate<{ sum: number | null }>({
    arity: conditional ? [2, 2] : [1, 1],
    returns: (types) => types[0] === "int" ? "long" : types[0] ?? "long",
    init: () => ({ sum: null }),
    add: (s, [x, p]) => {
      if (typeof x === "number" && (!conditional || p === true)) s.sum = (s.sum ?? 0) + x;
      return s;
    },
    merge: (a, b) => {
      if (b.sum !== null) a.sum = (a.sum ?? 0) + b.sum;
      return a;
    },
    result: (s) => s.sum,
  });
}

function avg(conditional: boolean): AggregateFunction {
  return defineAggregate<{ sum: number; n: number }>({
    arity: conditional ? [2, 2] : [1, 1],
    returns: (types: readonly ScalarType[]) => types[0] === "timespan" ? "timespan" : "real",
    init: () => ({ sum: 0, n: 0 }),
    add: (s, [x, p]) => {
      if (typeof x === "number" && (!conditional || p === true)) {
        s.sum += x;
        s.n++;
      }
      return s;
    },
    merge: (a, b) => {
      a.sum += b.sum;
      a.n += b.n;
      return a;
    },
    result: (s) => s.n === 0 ? null : s.sum / s.n,
  });
}

function extreme(sign: 1 | -1, conditional: boolean): AggregateFunction {
  const better = (candidate: Value, best: Value) =>
    candidate !== null && (best === null || sign * compareValues(candidate, best) > 0);
  return defineAggregate<{ best: Value }>({
    arity: conditional ? [2, 2] : [1, 1],
    returns: SAME_AS_FIRST,
    init: () => ({ best: null }),
    add: (s, [x, p]) => {
      if ((!conditional || p === true) && !(typeof x === "number" && x !== x) && better(x, s.best)) {
        s.best = x;
      }
      return s;
    },
    merge: (a, b) => {
      if (better(b.best, a.best)) a.best = b.best;
      return a;
    },
    result: (s) => s.best,
    save: (s) => s.best as Json,
    load: (json) => ({ best: json as Value }),
  });
}

/**
 * Count, mean and sum of squared deviations, merged with Chan et al.'s parallel formula; numerically stable, and
 * equal to the whole-sequence state up to floating-point rounding (the property test allows 1e-9 relative).
 */
interface Moments {
  n: number;
  mean: number;
  m2: number;
}

function spread(kind: "stdev" | "variance", population: boolean, conditional: boolean): AggregateFunction {
  return defineAggregate<Moments>({
    arity: conditional ? [2, 2] : [1, 1],
    returns: "real",
    init: () => ({ n: 0, mean: 0, m2: 0 }),
    add: (s, [x, p]) => {
      if (typeof x !== "number" || (conditional && p !== true)) return s;
      s.n++;
      const delta = x - s.mean;
      s.mean += delta / s.n;
      s.m2 += delta * (x - s.mean);
      return s;
    },
    merge: (a, b) => {
      if (b.n === 0) return a;
      if (a.n === 0) return { ...b };
      const n = a.n + b.n;
      const delta = b.mean - a.mean;
      a.m2 += b.m2 + delta * delta * a.n * b.n / n;
      a.mean += delta * b.n / n;
      a.n = n;
      return a;
    },
    result: (s) => {
      if (s.n === 0) return null;
      const divisor = population ? s.n : s.n - 1;
      const variance = divisor === 0 ? 0 : Math.max(0, s.m2 / divisor);
      return kind === "stdev" ? Math.sqrt(variance) : variance;
    },
  });
}

/** Bitwise aggregates over 64-bit integers, computed in BigInt so no bit is lost. */
function bitwise(op: "and" | "or" | "xor"): AggregateFunction {
  const apply = (a: bigint, b: bigint) => op === "and" ? a & b : op === "or" ? a | b : a ^ b;
  return defineAggregate<{ bits: bigint | null }>({
    arity: [1, 1],
    returns: "long",
    init: () => ({ bits: null }),
    add: (s, [x]) => {
      if (typeof x === "number" && Number.isInteger(x)) {
        const v = BigInt.asIntN(64, BigInt(x));
        s.bits = s.bits === null ? v : apply(s.bits, v);
      }
      return s;
    },
    merge: (a, b) => {
      if (b.bits !== null) a.bits = a.bits === null ? b.bits : apply(a.bits, b.bits);
      return a;
    },
    result: (s) => s.bits === null ? null : Number(BigInt.asIntN(64, s.bits)),
    save: (s) => s.bits === null ? null : s.bits.toString(),
    load: (json) => ({ bits: typeof json === "string" ? BigInt(json) : null }),
  });
}

/** The basic aggregates. */
export const BASIC_AGGREGATES: AggregateFunctionTable = {
  count: count(false),
  countif: count(true),
  sum: sum(false),
  sumif: sum(true),
  avg: avg(false),
  avgif: avg(true),
  min: extreme(-1, false),
  minif: extreme(-1, true),
  max: extreme(1, false),
  maxif: extreme(1, true),
  stdev: spread("stdev", false, false),
  stdevif: spread("stdev", false, true),
  stdevp: spread("stdev", true, false),
  variance: spread("variance", false, false),
  varianceif: spread("variance", false, true),
  variancep: spread("variance", true, false),
  binary_all_and: bitwise("and"),
  binary_all_or: bitwise("or"),
  binary_all_xor: bitwise("xor"),
};
