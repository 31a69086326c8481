import assert from "node:assert/strict";
import { equalsIgnoreCase, kqlEquals, sameValue, valueKey } from "./equality.ts";

Deno.test("kqlEquals propagates null and compares numbers by value", () => {
  assert.equal(kqlEquals(1, 1.0), true);
  assert.equal(kqlEquals("a", "A"), false);
  assert.equal(kqlEquals(null, 1), null);
  assert.equal(kqlEquals(null, null), null);
  assert.equal(kqlEquals({ a: [1] }, { a: [1] }), true);
  assert.equal(kqlEquals(NaN, NaN), false);
});

Deno.test("equalsIgnoreCase compares strings without case", () => {
  assert.equal(equalsIgnoreCase("ABC", "abc"), true);
  assert.equal(equalsIgnoreCase("ABC", "abd"), false);
  assert.equal(equalsIgnoreCase("x", null), null);
});

Deno.test("sameValue and valueKey identify values for grouping", () => {
  assert.equal(sameValue(null, null), true);
  assert.equal(sameValue(NaN, NaN), true);
  assert.equal(sameValue({ a: 1, b: 2 }, { b: 2, a: 1 }), true);
  assert.equal(sameValue([1], { 0: 1 }), false);
  assert.equal(valueKey({ a: 1, b: 2 }), valueKey({ b: 2, a: 1 }));
  assert.notEqual(valueKey(1), valueKey("1"));
  assert.notEqual(valueKey(null), valueKey("z"));
  assert.equal(valueKey(1), valueKey(1.0));
});
