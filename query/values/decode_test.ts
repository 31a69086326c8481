import assert from "node:assert/strict";
import { decodeValue, rowDecoder } from "./decode.ts";

Deno.test("decodeValue converts JSON values to the column type once", () => {
  assert.equal(decodeValue("2024-01-01T00:00:00Z", "datetime"), 1704067200000000);
  assert.equal(decodeValue("garbage", "datetime"), null);
  assert.equal(decodeValue("00:05:00", "timespan"), 300_000_000);
  assert.equal(decodeValue("42", "long"), 42);
  assert.equal(decodeValue(4624, "int"), 4624);
  assert.equal(decodeValue("true", "bool"), true);
  assert.equal(decodeValue(12, "string"), "12");
  assert.deepEqual(decodeValue('{"a":1}', "dynamic"), { a: 1 });
  assert.equal(decodeValue("plain", "dynamic"), "plain");
  assert.equal(decodeValue(undefined, "string"), "");
});

Deno.test("rowDecoder reads columns in schema order", () => {
  const decode = rowDecoder([
    { name: "TimeGenerated", type: "datetime" },
    { name: "EventID", type: "int" },
    { name: "Missing", type: "string" },
  ]);
  assert.deepEqual(decode({ TimeGenerated: "1970-01-01T00:00:01Z", EventID: 4625 }), [1_000_000, 4625, ""]);
});
