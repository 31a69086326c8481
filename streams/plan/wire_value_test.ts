import assert from "node:assert/strict";
import type { Value } from "../../query/values/mod.ts";
import { decodeWireRow, decodeWireValue, encodeWireRow, encodeWireValue } from "./wire_value.ts";

function roundTrip(value: Value): Value {
  return decodeWireValue(JSON.parse(JSON.stringify(encodeWireValue(value))));
}

Deno.test("values JSON cannot write come back exactly", () => {
  const values: Value[] = [
    NaN,
    Infinity,
    -Infinity,
    -0,
    0,
    1.5,
    -(2 ** 53),
    "text",
    "\ud800 lone surrogate",
    true,
    null,
    [NaN, [-0, { a: Infinity }]],
    { nested: { deep: [-Infinity, "x"] }, plain: 1 },
  ];
  for (const v of values) assert.deepStrictEqual(roundTrip(v), v, String(v));
  assert.ok(Object.is(roundTrip(-0), -0));
  assert.ok(Object.is(roundTrip(0), 0));
});

Deno.test("bags that look like markers stay bags", () => {
  const values: Value[] = [
    { $num: "NaN" },
    { $num: -0 },
    { $bag: { $num: "Infinity" } },
    { $bag: 3 },
    { $bag: { $bag: {} } },
    { $num: "NaN", other: 1 },
    [{ $num: "-0" }],
  ];
  for (const v of values) assert.deepStrictEqual(roundTrip(v), v, JSON.stringify(v));
  const proto = JSON.parse('{"__proto__": {"$num": "NaN"}}') as Value;
  const back = roundTrip(proto) as Record<string, Value>;
  assert.ok(Object.hasOwn(back, "__proto__"));
  assert.deepStrictEqual(back["__proto__"], { $num: "NaN" });
});

Deno.test("plain values are written as themselves, without a copy", () => {
  const bag = { a: [1, "b", { c: null }] };
  assert.equal(encodeWireValue(bag), bag);
  assert.equal(decodeWireValue(bag), bag);
  assert.deepStrictEqual(
    JSON.stringify(encodeWireValue({ x: -0, y: [NaN] })),
    '{"x":{"$num":"-0"},"y":[{"$num":"NaN"}]}',
  );
});

Deno.test("rows are copied and come back exactly", () => {
  const row: Value[] = [1, NaN, "a", { $num: "x" }, null, -0];
  const encoded = encodeWireRow(row);
  assert.notEqual(encoded, row);
  const back = decodeWireRow(JSON.parse(JSON.stringify(encoded)));
  assert.deepStrictEqual(back, row);
});
