import type { Value } from "../values/value.ts";
import { estimate, type HllSketch, mergeInto, sketchFromJson, sketchToJson } from "./hyperloglog.ts";
import { define, type ScalarFunctionTable } from "./scalar_function.ts";

function mergeAll(values: readonly Value[]): HllSketch | null {
  let merged: HllSketch | null = null;
  for (const v of values) {
    const sketch = sketchFromJson(v);
    if (sketch === null) continue;
    merged = merged === null ? sketch : mergeInto(merged, sketch);
  }
  return merged;
}

/** Scalar functions over `hll()` sketches: `dcount_hll` estimates, `hll_merge` combines sketches in a row. */
export const HLL_SCALAR_FUNCTIONS: ScalarFunctionTable = {
  dcount_hll: define([1, 1], "long", ([h]) => {
    const sketch = mergeAll(Array.isArray(h) && sketchFromJson(h) === null ? h : [h]);
    return sketch === null ? null : estimate(sketch);
  }),
  hll_merge: define([2, 64], "dynamic", (args) => {
    const sketch = mergeAll(args);
    return sketch === null ? null : sketchToJson(sketch) as unknown as Value;
  }, { strict: false }),
};
