import assert from "node:assert/strict";
import { call } from "./_call.ts";

Deno.test("base64 GUID encoding uses .NET byte order (documentation example)", () => {
  assert.equal(
    call("base64_encode_fromguid", ["ae3133f2-6e22-49ae-b06a-16e6a9b212eb"]),
    "8jMxriJurkmwahbmqbIS6w==",
  );
  assert.equal(
    call("base64_decode_toguid", ["8jMxriJurkmwahbmqbIS6w=="]),
    "ae3133f2-6e22-49ae-b06a-16e6a9b212eb",
  );
  assert.equal(call("base64_decode_toguid", ["YWJj"]), null);
});

Deno.test("tohex, toutf8, isutf8 and make_string", () => {
  assert.equal(call("tohex", [256]), "100");
  assert.equal(call("tohex", [-256]), "ffffffffffffff00");
  assert.equal(call("tohex", [256, 8]), "00000100");
  assert.deepEqual(call("toutf8", ["Ā"]), [196, 128]);
  assert.equal(call("isutf8", ["abc"]), true);
  assert.equal(call("isutf8", ["a\uD800b"]), false);
  assert.equal(call("make_string", [75, 117, 115, 116, 111]), "Kusto");
  assert.equal(call("make_string", [[75, 117], 115]), "Kus");
});

Deno.test("format_bytes picks base-1024 units (documentation examples)", () => {
  assert.equal(call("format_bytes", [564]), "564 Bytes");
  assert.equal(call("format_bytes", [10832]), "11 KB");
  assert.equal(call("format_bytes", [20010332]), "19 MB");
  assert.equal(call("format_bytes", [20010332, 2]), "19.08 MB");
  assert.equal(call("format_bytes", [54, 2, "MB"]), "0.00 MB");
});

Deno.test("new_guid is a version 4 GUID from the injected random source", () => {
  const guid = call("new_guid", [], { random: () => 0.5 }) as string;
  assert.match(guid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(guid, call("new_guid", [], { random: () => 0.5 }));
});

Deno.test("regressions found by the scalar fuzz test", () => {
  assert.equal(call("tohex", [255, Infinity]), "ff");
  assert.equal(call("format_bytes", [1024, 1000]), "1.00000000000000000000 KB");
  assert.equal(typeof call("hash", [Infinity], { argTypes: ["datetime"] }), "number");
});
