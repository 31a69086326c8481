import assert from "node:assert/strict";
import { binaryOperation, binaryResultType } from "./arithmetic.ts";
import { MICROS_PER_HOUR } from "./value.ts";

Deno.test("binaryResultType follows Kusto's datetime and timespan arithmetic", () => {
  assert.equal(binaryResultType("-", "datetime", "datetime"), "timespan");
  assert.equal(binaryResultType("+", "datetime", "timespan"), "datetime");
  assert.equal(binaryResultType("+", "timespan", "datetime"), "datetime");
  assert.equal(binaryResultType("*", "timespan", "long"), "timespan");
  assert.equal(binaryResultType("/", "timespan", "timespan"), "real");
  assert.equal(binaryResultType("/", "timespan", "real"), "timespan");
  assert.equal(binaryResultType("+", "int", "long"), "long");
  assert.equal(binaryResultType("*", "long", "real"), "real");
  assert.equal(binaryResultType("+", "datetime", "datetime"), undefined);
  assert.equal(binaryResultType("<", "string", "string"), "bool");
  assert.equal(binaryResultType("<", "string", "long"), undefined);
});

Deno.test("integer division truncates and a zero divisor gives null", () => {
  const longs = { left: "long", right: "long" } as const;
  assert.equal(binaryOperation("/", 7, 2, longs), 3);
  assert.equal(binaryOperation("/", -7, 2, longs), -3);
  assert.equal(binaryOperation("%", -7, 3, longs), -1);
  assert.equal(binaryOperation("/", 1, 0, longs), null);
  assert.equal(binaryOperation("/", 7, 2, { left: "long", right: "real" }), 3.5);
  assert.equal(binaryOperation("/", 1, 0, { left: "real", right: "real" }), Infinity);
});

Deno.test("datetime and timespan arithmetic in microseconds", () => {
  assert.equal(
    binaryOperation("-", 5 * MICROS_PER_HOUR, 2 * MICROS_PER_HOUR, { left: "datetime", right: "datetime" }),
    3 * MICROS_PER_HOUR,
  );
  assert.equal(
    binaryOperation("/", MICROS_PER_HOUR, 30 * 60_000_000, { left: "timespan", right: "timespan" }),
    2,
  );
  assert.equal(binaryOperation("*", 1_000_000, 1.5, { left: "timespan", right: "real" }), 1_500_000);
  assert.equal(binaryOperation("/", 1, 3, { left: "timespan", right: "long" }), 0);
});

Deno.test("comparisons and null propagation", () => {
  const t = { left: "long", right: "real" } as const;
  assert.equal(binaryOperation("<", 1, 1.5, t), true);
  assert.equal(binaryOperation(">=", 2, 2.0, t), true);
  assert.equal(binaryOperation("<", "B", "a", { left: "string", right: "string" }), true);
  assert.equal(binaryOperation("<", NaN, 1, t), false);
  assert.equal(binaryOperation("+", null, 1, t), null);
  assert.equal(binaryOperation("<", null, 1, t), null);
});
