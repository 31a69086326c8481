import assert from "node:assert/strict";
import { toBool, toDynamic, toGuid, toInt, toReal, toStr } from "./coerce.ts";

Deno.test("toInt reads decimal and hex text and refuses unsafe integers", () => {
  assert.equal(toInt(" 8080 "), 8080);
  assert.equal(toInt("0x1f"), 31);
  assert.equal(toInt("-12"), -12);
  assert.equal(toInt("12a"), null);
  assert.equal(toInt(1.5), null);
  assert.equal(toInt("99999999999999999999"), null);
});

Deno.test("toReal, toBool and toStr coerce and reject", () => {
  assert.equal(toReal("1.5"), 1.5);
  assert.equal(toReal("x"), null);
  assert.equal(toReal(Infinity), null);
  assert.equal(toBool("True"), true);
  assert.equal(toBool(0), false);
  assert.equal(toBool("maybe"), null);
  assert.equal(toStr(443), "443");
  assert.equal(toStr(""), null);
  assert.equal(toStr({}), null);
});

Deno.test("toDynamic parses stringified objects and keeps other text", () => {
  assert.deepEqual(toDynamic('{"a":1}'), { a: 1 });
  assert.equal(toDynamic("{not json}"), "{not json}");
  assert.equal(toDynamic(undefined), null);
});

Deno.test("toGuid normalises braces and case", () => {
  assert.equal(toGuid("{6F9619FF-8B86-D011-B42D-00C04FC964FF}"), "6f9619ff-8b86-d011-b42d-00c04fc964ff");
  assert.equal(toGuid("nope"), null);
});
