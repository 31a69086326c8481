import assert from "node:assert/strict";
import { csvField, toCsv, toJsonRecords } from "./hunting_export.ts";

const COLUMNS = [{ name: "Computer", type: "string" }, { name: "n", type: "long" }, {
  name: "bag",
  type: "dynamic",
}];

Deno.test("toCsv quotes what needs quoting, writes objects as JSON and nulls as empty", () => {
  const csv = toCsv(COLUMNS, [["web,1", 3, { a: 1 }], ['say "hi"', null, null], ["multi\nline", 0, [1, 2]]]);
  assert.equal(
    csv,
    'Computer,n,bag\r\n"web,1",3,"{""a"":1}"\r\n"say ""hi""",,\r\n"multi\nline",0,"[1,2]"\r\n',
  );
  assert.equal(csvField(" padded"), '" padded"');
  assert.equal(csvField(true), "true");
});

Deno.test("toJsonRecords gives one object per row keyed by column", () => {
  assert.deepEqual(JSON.parse(toJsonRecords(COLUMNS, [["a", 1, { x: [1] }], ["b"]])), [
    { Computer: "a", n: 1, bag: { x: [1] } },
    { Computer: "b", n: null, bag: null },
  ]);
});
