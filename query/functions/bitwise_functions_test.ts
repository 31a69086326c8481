import assert from "node:assert/strict";
import { call } from "./_call.ts";

Deno.test("binary_and, binary_or, binary_xor and binary_not (documentation examples)", () => {
  assert.equal(call("binary_and", [6, 3]), 2);
  assert.equal(call("binary_or", [6, 3]), 7);
  assert.equal(call("binary_xor", [1, 3]), 2);
  assert.equal(call("binary_not", [100]), -101);
  assert.equal(call("binary_and", [2 ** 40 + 1, 2 ** 40]), 2 ** 40, "works past 32 bits");
  assert.equal(call("binary_and", [1.5, 1]), null);
});

Deno.test("shifts and bitset_count_ones", () => {
  assert.equal(call("binary_shift_left", [1, 5]), 32);
  assert.equal(call("binary_shift_left", [1, 40]), 2 ** 40);
  assert.equal(call("binary_shift_right", [32, 5]), 1);
  assert.equal(call("binary_shift_right", [-8, 1]), -4);
  assert.equal(call("bitset_count_ones", [42]), 3);
  assert.equal(call("bitset_count_ones", [-1]), 64);
});
