import assert from "node:assert/strict";
import { formatReal, toKqlString } from "./to_string.ts";

Deno.test("toKqlString prints every type the Kusto way", () => {
  assert.equal(toKqlString(null, "string"), "");
  assert.equal(toKqlString(123, "long"), "123");
  assert.equal(toKqlString(true, "bool"), "true");
  assert.equal(toKqlString(0, "datetime"), "1970-01-01T00:00:00Z");
  assert.equal(toKqlString(90_000_000, "timespan"), "00:01:30");
  assert.equal(toKqlString(1.5, "real"), "1.5");
  assert.equal(toKqlString("abc", "dynamic"), "abc");
  assert.equal(toKqlString({ a: [1, "x"] }, "dynamic"), '{"a":[1,"x"]}');
  assert.equal(toKqlString(1e21, "dynamic"), "1E+21");
});

Deno.test("formatReal follows .NET round-trip formatting", () => {
  assert.equal(formatReal(1), "1");
  assert.equal(formatReal(0.1), "0.1");
  assert.equal(formatReal(1e14), "100000000000000");
  assert.equal(formatReal(1e15), "1E+15");
  assert.equal(formatReal(1.5e20), "1.5E+20");
  assert.equal(formatReal(0.0001), "0.0001");
  assert.equal(formatReal(0.00001), "1E-05");
  assert.equal(formatReal(-2.5e-10), "-2.5E-10");
  assert.equal(formatReal(NaN), "NaN");
  assert.equal(formatReal(-Infinity), "-Infinity");
});
