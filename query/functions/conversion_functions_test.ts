import assert from "node:assert/strict";
import { call } from "./_call.ts";

Deno.test("tostring uses the argument's bound type", () => {
  assert.equal(call("tostring", [123], { argTypes: ["long"] }), "123");
  assert.equal(call("tostring", [null], { argTypes: ["long"] }), "");
  assert.equal(call("tostring", [86_400_000_000], { argTypes: ["timespan"] }), "1.00:00:00");
  assert.equal(call("tostring", [0], { argTypes: ["datetime"] }), "1970-01-01T00:00:00Z");
  assert.equal(call("tostring", [{ a: 1 }], { argTypes: ["dynamic"] }), '{"a":1}');
});

Deno.test("numeric, bool, guid, datetime and timespan conversions", () => {
  assert.equal(call("toint", ["123"]), 123);
  assert.equal(call("tolong", ["abc"]), null);
  assert.equal(call("toreal", ["1e-3"]), 0.001);
  assert.equal(call("todouble", ["1.5"]), 1.5);
  assert.equal(call("todecimal", ["3.25"]), 3.25);
  assert.equal(call("tobool", ["true"]), true);
  assert.equal(call("toboolean", ["0"]), false);
  assert.equal(
    call("toguid", ["74be27de-1e4e-49d9-b579-fe0b331d3642"]),
    "74be27de-1e4e-49d9-b579-fe0b331d3642",
  );
  assert.equal(call("todatetime", ["2015-12-24"]), 1450915200000000);
  assert.equal(call("todatetime", ["not a date"]), null);
  assert.equal(call("totimespan", ["0.00:01:00"]), 60_000_000);
  assert.equal(call("tolong", [null]), null);
});

Deno.test("todynamic and parse_json parse JSON text", () => {
  assert.deepEqual(call("parse_json", ['{"a":123, "b":"hello", "c":[1,2,3], "d":{}}']), {
    a: 123,
    b: "hello",
    c: [1, 2, 3],
    d: {},
  });
  assert.deepEqual(call("todynamic", ["[1,2]"]), [1, 2]);
  assert.equal(call("parse_json", ["oops"]), "oops");
});

Deno.test("parse_xml maps elements, attributes and repeated children", () => {
  assert.deepEqual(call("parse_xml", ["<event><id>1</id><name>x</name></event>"]), {
    event: { id: "1", name: "x" },
  });
  assert.deepEqual(
    call("parse_xml", [
      '<?xml version="1.0"?><root a="1"><item>x</item><item>y</item><empty/><!-- c --><t k="v">text &amp; more</t></root>',
    ]),
    { root: { "@a": "1", item: ["x", "y"], empty: null, t: { "@k": "v", "#text": "text & more" } } },
  );
  assert.equal(call("parse_xml", ["<a><b></a>"]), null);
  assert.equal(call("parse_xml", ["not xml"]), null);
});
