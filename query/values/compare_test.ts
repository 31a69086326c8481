import assert from "node:assert/strict";
import { compareValues, promoteTypes, sortComparator } from "./compare.ts";

Deno.test("compareValues orders numbers across long and real, strings by ordinal", () => {
  assert.ok(compareValues(1, 1.5) < 0);
  assert.equal(compareValues(2, 2.0), 0);
  assert.ok(compareValues("B", "a") < 0);
  assert.ok(compareValues(false, true) < 0);
  assert.ok(compareValues(NaN, -Infinity) < 0);
  assert.equal(compareValues(NaN, NaN), 0);
  assert.ok(compareValues(1, "1") < 0);
  assert.ok(compareValues([1, 2], [1, 3]) < 0);
});

Deno.test("sortComparator puts nulls first ascending and last descending by default", () => {
  assert.deepEqual([3, null, 1].sort(sortComparator({ descending: false })), [null, 1, 3]);
  assert.deepEqual([3, null, 1].sort(sortComparator({ descending: true })), [3, 1, null]);
  assert.deepEqual([3, null, 1].sort(sortComparator({ descending: true, nulls: "first" })), [null, 3, 1]);
  assert.deepEqual([3, null, 1].sort(sortComparator({ descending: false, nulls: "last" })), [1, 3, null]);
});

Deno.test("promoteTypes follows Kusto numeric promotion", () => {
  assert.equal(promoteTypes("int", "int"), "int");
  assert.equal(promoteTypes("int", "long"), "long");
  assert.equal(promoteTypes("long", "real"), "real");
  assert.equal(promoteTypes("int", "decimal"), "decimal");
  assert.equal(promoteTypes("string", "long"), undefined);
  assert.equal(promoteTypes("dynamic", "long"), "dynamic");
});
