import assert from "node:assert/strict";
import { call } from "./_call.ts";

Deno.test("iif/iff and case", () => {
  assert.equal(call("iif", [true, "a", "b"]), "a");
  assert.equal(call("iff", [false, "a", "b"]), "b");
  assert.equal(call("iif", [null, "a", "b"]), "b", "a null condition takes the else branch");
  assert.equal(call("case", [false, 1, true, 2, 3]), 2);
  assert.equal(call("case", [false, 1, false, 2, 3]), 3);
});

Deno.test("coalesce skips nulls and empty strings", () => {
  assert.equal(call("coalesce", [null, 10, 20]), 10);
  assert.equal(call("coalesce", ["", "x"]), "x");
  assert.equal(call("coalesce", [null, null]), null);
  assert.equal(call("coalesce", [null, ""]), "");
});

Deno.test("emptiness and nullness", () => {
  assert.equal(call("isempty", [""]), true);
  assert.equal(call("isempty", [null]), true);
  assert.equal(call("isempty", ["a"]), false);
  assert.equal(call("isnotempty", ["a"]), true);
  assert.equal(call("notempty", [""]), false);
  assert.equal(call("isnull", [null]), true);
  assert.equal(call("isnull", [""]), false, "strings are never null in Kusto");
  assert.equal(call("isnotnull", [0]), true);
});

Deno.test("isnan, isfinite, isinf, not, max_of, min_of and gettype", () => {
  assert.equal(call("isnan", [NaN]), true);
  assert.equal(call("isnan", [1]), false);
  assert.equal(call("isfinite", [Infinity]), false);
  assert.equal(call("isinf", [-Infinity]), true);
  assert.equal(call("isnan", [null]), null);
  assert.equal(call("not", [true]), false);
  assert.equal(call("max_of", [10, 1, 4]), 10);
  assert.equal(call("min_of", [10, 1, 4]), 1);
  assert.equal(call("max_of", [null, 3]), 3);
  assert.equal(call("max_of", ["a", "b"]), "b");
  assert.equal(call("max_of", [null, null]), null);
  assert.equal(call("gettype", [[1]]), "array");
  assert.equal(call("gettype", [{ a: 1 }]), "dictionary");
  assert.equal(call("gettype", [1], { argTypes: ["datetime"] }), "datetime");
});
