import assert from "node:assert/strict";
import { splitJsonBody } from "./split_json_body.ts";
import { scanJsonValue } from "./scan_json.ts";

Deno.test("splitJsonBody reads an object, an array and NDJSON", () => {
  assert.deepEqual(splitJsonBody('{"a":1}').records.map((r) => r.value), [{ a: 1 }]);
  assert.deepEqual(splitJsonBody('[{"a":1},{"a":2}]').records.map((r) => r.index), [0, 1]);
  const ndjson = splitJsonBody('{"a":1}\n\n{"a":2}\r\n');
  assert.deepEqual(ndjson.records.map((r) => [r.index, r.value]), [[0, { a: 1 }], [2, { a: 2 }]]);
  assert.deepEqual(splitJsonBody("  ").records, []);
});

Deno.test("splitJsonBody rejects one bad NDJSON line and keeps the others", () => {
  const result = splitJsonBody('{"a":1}\n{"a":\n{"a":3}');
  assert.deepEqual(result.records.map((r) => r.value), [{ a: 1 }, { a: 3 }]);
  assert.equal(result.errors.length, 1);
  assert.equal(result.errors[0].index, 1);
  assert.equal(result.errors[0].raw, '{"a":');
  assert.equal(result.errors[0].position?.line, 2);
});

Deno.test("splitJsonBody gives the position of a syntax error in a broken document", () => {
  const result = splitJsonBody('[\n  {"a": 1},\n  {"a": 2,}\n]');
  assert.equal(result.records.length, 0);
  const error = result.errors[0];
  assert.equal(error.index, 0);
  assert.deepEqual(error.position, { offset: 24, byteOffset: 24, line: 3, column: 11 });
  assert.match(
    error.message,
    /^Cannot parse JSON body: unexpected character "}": expected a double-quoted property name at line 3, column 11/,
  );
});

Deno.test("splitJsonBody counts bytes of multi-byte text in error positions", () => {
  const error = splitJsonBody('{"name":"é", x}').errors[0];
  assert.equal(error.position?.offset, 13);
  assert.equal(error.position?.byteOffset, 14);
});

Deno.test("splitJsonBody splits concatenated values and stops at the first broken one", () => {
  const result = splitJsonBody('{"event":1}{"event":2} {"event":', { shape: "concatenated" });
  assert.deepEqual(result.records.map((r) => r.value), [{ event: 1 }, { event: 2 }]);
  assert.equal(result.errors[0].index, 2);
  assert.match(result.errors[0].message, /^Cannot parse JSON event 2: unexpected end of input/);
});

Deno.test("splitJsonBody rejects records nested deeper than the limit without overflowing", () => {
  const deep = "[".repeat(100_000) + "]".repeat(100_000);
  const result = splitJsonBody(`{"ok":true}\n${deep}`);
  assert.equal(result.records.length, 1);
  assert.match(result.errors[0].message, /nested deeper than 64 levels/);
  const concatenated = splitJsonBody(deep, { shape: "concatenated" });
  assert.equal(concatenated.records.length, 0);
  assert.equal(concatenated.errors.length, 1);
});

Deno.test("scanJsonValue explains malformed values", () => {
  assert.deepEqual(scanJsonValue('"abc', 0), { ok: false, offset: 0, message: "Unterminated string" });
  assert.equal(scanJsonValue("[1 2]", 0).ok, false);
  assert.equal(scanJsonValue('{"a":"\\q"}', 0).ok, false);
  assert.deepEqual(scanJsonValue(' [1,{"b":[true,null,-1.5e3]}] ', 0), { ok: true, end: 29, depth: 3 });
});
