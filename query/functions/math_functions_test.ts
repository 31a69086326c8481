import assert from "node:assert/strict";
import { call } from "./_call.ts";

Deno.test("round with digits, half away from zero", () => {
  assert.equal(call("round", [2.98765, 3]), 2.988);
  assert.equal(call("round", [2.15, 1]), 2.2);
  assert.equal(call("round", [2.15]), 2);
  assert.equal(call("round", [-50.55, -2]), -100);
  assert.equal(call("round", [21.5, -1]), 20);
  assert.equal(call("round", [2.5]), 3);
  assert.equal(call("round", [-2.5]), -3);
  assert.equal(call("round", [1.005, 2]), 1.01);
  assert.equal(call("round", [null]), null);
});

Deno.test("abs, sign, ceiling, exp, log and pow", () => {
  assert.equal(call("abs", [-5]), 5);
  assert.equal(call("sign", [-3.5]), -1);
  assert.equal(call("ceiling", [1.1]), 2);
  assert.equal(call("ceiling", [-1.1]), -1);
  assert.equal(call("exp", [0]), 1);
  assert.equal(call("exp2", [3]), 8);
  assert.equal(call("exp10", [2]), 100);
  assert.equal(call("log", [Math.E]), 1);
  assert.equal(call("log", [0]), -Infinity);
  assert.ok(Number.isNaN(call("log", [-1]) as number));
  assert.equal(call("log2", [8]), 3);
  assert.equal(call("log10", [1000]), 3);
  assert.equal(call("pow", [2, 10]), 1024);
  assert.equal(call("sqrt", [16]), 4);
  assert.equal(call("pi", []), Math.PI);
});

Deno.test("rand uses the injected source", () => {
  assert.equal(call("rand", [], { random: () => 0.25 }), 0.25);
  assert.equal(call("rand", [10], { random: () => 0.99 }), 9);
  assert.equal(call("rand", [0]), null);
});
