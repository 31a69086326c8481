import assert from "node:assert/strict";
import {
  addValue,
  estimate,
  HLL_PRECISIONS,
  mergeInto,
  newSketch,
  precisionFor,
  sketchFromJson,
  sketchToJson,
} from "./hyperloglog.ts";
import { call } from "./_call.ts";

Deno.test("precisionFor maps Kusto accuracy levels", () => {
  assert.equal(precisionFor(undefined), 14);
  assert.equal(precisionFor(0), 12);
  assert.equal(precisionFor(4), 18);
  assert.equal(precisionFor(9), 14);
});

Deno.test("small cardinalities are exact (sparse sketch)", () => {
  const sketch = newSketch(14);
  for (let i = 0; i < 1000; i++) addValue(sketch, `user${i % 700}`);
  addValue(sketch, null);
  assert.equal(estimate(sketch), 700);
});

Deno.test("dense estimates stay within three standard errors at every accuracy level", () => {
  for (const p of HLL_PRECISIONS) {
    const standardError = 1.04 / Math.sqrt(2 ** p);
    for (const n of [2 ** p, 10 * 2 ** p]) {
      const sketch = newSketch(p);
      for (let i = 0; i < n; i++) addValue(sketch, i);
      const error = Math.abs(estimate(sketch) - n) / n;
      assert.ok(error < 3 * standardError, `p=${p} n=${n} error=${error}`);
    }
  }
});

Deno.test("merging sketches equals the sketch of the union, and JSON round-trips", () => {
  const whole = newSketch(12);
  const a = newSketch(12);
  const b = newSketch(12);
  for (let i = 0; i < 20000; i++) {
    addValue(whole, i % 15000);
    addValue(i < 9000 ? a : b, i % 15000);
  }
  const merged = mergeInto(sketchFromJson(sketchToJson(a))!, sketchFromJson(sketchToJson(b))!);
  assert.deepEqual(sketchToJson(merged), sketchToJson(whole));
});

Deno.test("sketches of different accuracy merge into the coarser one", () => {
  const coarse = newSketch(12);
  const fine = newSketch(16);
  for (let i = 0; i < 50000; i++) addValue(i % 2 === 0 ? coarse : fine, i);
  const merged = mergeInto(coarse, fine);
  assert.equal(merged.p, 12);
  assert.ok(Math.abs(estimate(merged) - 50000) / 50000 < 3 * 1.04 / 64);
});

Deno.test("dcount_hll and hll_merge read sketches from dynamic values", () => {
  const a = newSketch(14);
  const b = newSketch(14);
  ["x", "y"].forEach((v) => addValue(a, v));
  ["y", "z"].forEach((v) => addValue(b, v));
  const merged = call("hll_merge", [sketchToJson(a) as never, sketchToJson(b) as never]);
  assert.equal(call("dcount_hll", [merged]), 3);
  assert.equal(call("dcount_hll", [{ not: "a sketch" }]), null);
});
