import { valueKey } from "../values/equality.ts";
import type { Value } from "../values/value.ts";
import {
  type AggregateFunction,
  type AggregateFunctionTable,
  defineAggregate,
  type Json,
} from "./aggregate_function.ts";
import {
  addValue,
  estimate,
  type HllJson,
  type HllSketch,
  mergeInto,
  newSketch,
  precisionFor,
  sketchFromJson,
  sketchToJson,
} from "./hyperloglog.ts";

/**
 * Distinct counting: `dcount`/`dcountif` and `hll`/`hll_if`/`hll_merge` on HyperLogLog sketches (see
 * hyperloglog.ts for accuracy), and the exact `count_distinct`.
 */

function sketchAggregate(options: { conditional: boolean; output: "dcount" | "hll" }): AggregateFunction {
  const rows = options.conditional ? 2 : 1;
  return defineAggregate<HllSketch>({
    arity: [rows, rows + 1],
    rowArgs: rows,
    returns: options.output === "dcount" ? "long" : "dynamic",
    init: ([accuracy]) => newSketch(precisionFor(accuracy)),
    add: (s, [x, p]) => {
      if (!options.conditional || p === true) addValue(s, x);
      return s;
    },
    merge: mergeInto,
    result: (s) => options.output === "dcount" ? estimate(s) : sketchToJson(s) as unknown as Value,
    save: (s) => sketchToJson(s) as unknown as Json,
    load: (json) => sketchFromJson(json as unknown as HllJson) ?? newSketch(precisionFor(undefined)),
  });
}

/** `hll_merge(hll)`: the union of the sketches in a column; rows that are not sketches are skipped. */
const HLL_MERGE = defineAggregate<{ sketch: HllSketch | null }>({
  arity: [1, 1],
  returns: "dynamic",
  init: () => ({ sketch: null }),
  add: (s, [h]) => {
    const sketch = sketchFromJson(h);
    if (sketch !== null) s.sketch = s.sketch === null ? sketch : mergeInto(s.sketch, sketch);
    return s;
  },
  merge: (a, b) => {
    if (b.sketch !== null) a.sketch = a.sketch === null ? b.sketch : mergeInto(a.sketch, b.sketch);
    return a;
  },
  result: (s) => s.sketch === null ? null : sketchToJson(s.sketch) as unknown as Value,
  save: (s) => s.sketch === null ? null : sketchToJson(s.sketch) as unknown as Json,
  load: (json) => ({ sketch: sketchFromJson(json as unknown as HllJson) }),
});

function countDistinct(conditional: boolean): AggregateFunction {
  return defineAggregate<Set<string>>({
    arity: conditional ? [2, 2] : [1, 1],
    returns: "long",
    init: () => new Set(),
    add: (s, [x, p]) => {
      if (x !== null && (!conditional || p === true)) s.add(valueKey(x));
      return s;
    },
    merge: (a, b) => {
      for (const key of b) a.add(key);
      return a;
    },
    result: (s) => s.size,
    save: (s) => [...s].sort(),
    load: (json) => new Set(Array.isArray(json) ? json as string[] : []),
  });
}

/** The distinct-count aggregates. */
export const DISTINCT_AGGREGATES: AggregateFunctionTable = {
  dcount: sketchAggregate({ conditional: false, output: "dcount" }),
  dcountif: sketchAggregate({ conditional: true, output: "dcount" }),
  hll: sketchAggregate({ conditional: false, output: "hll" }),
  hll_if: sketchAggregate({ conditional: true, output: "hll" }),
  hll_merge: HLL_MERGE,
  count_distinct: countDistinct(false),
  count_distinctif: countDistinct(true),
};
