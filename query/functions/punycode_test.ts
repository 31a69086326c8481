import assert from "node:assert/strict";
import { call } from "./_call.ts";
import { punycodeDecode, punycodeEncode } from "./punycode.ts";

Deno.test("punycode encodes and decodes the RFC 3492 and documentation samples", () => {
  assert.equal(punycodeEncode("bücher"), "bcher-kva");
  assert.equal(punycodeEncode("académie-française"), "acadmie-franaise-npb1a");
  assert.equal(punycodeEncode("他们为什么不说中文"), "ihqwcrb4cv8a8dqg056pqjye");
  assert.equal(punycodeEncode("abc"), "abc-");
  assert.equal(punycodeDecode("bcher-kva"), "bücher");
  assert.equal(punycodeDecode("ihqwcrb4cv8a8dqg056pqjye"), "他们为什么不说中文");
  assert.equal(punycodeDecode("abc-"), "abc");
  assert.equal(punycodeDecode("a-!!"), null);
  assert.equal(call("punycode_from_string", ["académie-française"]), "acadmie-franaise-npb1a");
  assert.equal(call("punycode_to_string", ["acadmie-franaise-npb1a"]), "académie-française");
});

Deno.test("punycode round-trips arbitrary text", () => {
  for (const text of ["", "ü", "😀x😀", "Ελληνικά-text", "ascii only"]) {
    assert.equal(punycodeDecode(punycodeEncode(text)!), text);
  }
});
