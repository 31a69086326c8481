import assert from "node:assert/strict";
import { getIndex, getPath, getProperty } from "./dynamic_access.ts";

Deno.test("getProperty returns a bag's property or null", () => {
  assert.deepEqual(getProperty({ a: { b: 1 } }, "a"), { b: 1 });
  assert.equal(getProperty({ a: 1 }, "missing"), null);
  assert.equal(getProperty([1], "a"), null);
  assert.equal(getProperty("text", "length"), null);
  assert.equal(getProperty({}, "constructor"), null);
});

Deno.test("getIndex supports negative indexes and string keys", () => {
  assert.equal(getIndex([1, 2, 3], 0), 1);
  assert.equal(getIndex([1, 2, 3], -1), 3);
  assert.equal(getIndex([1, 2, 3], 3), null);
  assert.equal(getIndex({ a: 1 }, "a"), 1);
  assert.equal(getIndex(null, 0), null);
});

Deno.test("getPath stops at the first missing step", () => {
  assert.equal(getPath({ a: [{ b: 5 }] }, ["a", 0, "b"]), 5);
  assert.equal(getPath({ a: null }, ["a", "b", "c"]), null);
});
