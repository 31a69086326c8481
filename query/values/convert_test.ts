import assert from "node:assert/strict";
import { toBool, toDatetime, toDynamic, toGuid, toInt, toLong, toReal, toTimespan } from "./convert.ts";

Deno.test("numeric conversions parse, truncate and reject", () => {
  assert.equal(toInt("123", "string"), 123);
  assert.equal(toLong("123.9", "string"), 123);
  assert.equal(toLong("-7.5", "string"), -7);
  assert.equal(toLong("abc", "string"), null);
  assert.equal(toInt("3000000000", "string"), null);
  assert.equal(toReal("1e3", "string"), 1000);
  assert.equal(toReal("NaN", "string"), NaN);
  assert.equal(toReal(true, "bool"), 1);
  assert.equal(toLong(1, "datetime"), 10, "datetime converts to ticks");
  assert.equal(toReal(null), null);
});

Deno.test("toBool reads booleans, numbers and their text", () => {
  assert.equal(toBool("TRUE"), true);
  assert.equal(toBool("false"), false);
  assert.equal(toBool("1"), true);
  assert.equal(toBool(0), false);
  assert.equal(toBool("yes"), null);
});

Deno.test("toDatetime, toTimespan, toGuid and toDynamic", () => {
  assert.equal(toDatetime("2024-01-01", "string"), 1704067200000000);
  assert.equal(toDatetime(5, "long"), null);
  assert.equal(toTimespan("00:01:00", "string"), 60_000_000);
  assert.equal(toTimespan(10, "long"), 1, "a number is read as ticks");
  assert.equal(toGuid("{74BE27DE-1E4E-49D9-B579-FE0B331D3642}"), "74be27de-1e4e-49d9-b579-fe0b331d3642");
  assert.equal(toGuid("74be27de1e4e49d9b579fe0b331d3642"), "74be27de-1e4e-49d9-b579-fe0b331d3642");
  assert.equal(toGuid("not a guid"), null);
  assert.deepEqual(toDynamic('{"a":[1,2]}'), { a: [1, 2] });
  assert.equal(toDynamic("not json"), "not json");
});
