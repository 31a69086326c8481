import assert from "node:assert/strict";
import { call } from "./_call.ts";

Deno.test("array shifts and rotations (documentation examples)", () => {
  assert.deepEqual(call("array_shift_left", [[1, 2, 3, 4, 5], 2]), [3, 4, 5, null, null]);
  assert.deepEqual(call("array_shift_left", [[1, 2, 3, 4, 5], 2, -1]), [3, 4, 5, -1, -1]);
  assert.deepEqual(call("array_shift_left", [[1, 2, 3, 4, 5], -2]), [null, null, 1, 2, 3]);
  assert.deepEqual(call("array_shift_right", [[1, 2, 3, 4, 5], 2]), [null, null, 1, 2, 3]);
  assert.deepEqual(call("array_rotate_left", [[1, 2, 3, 4, 5], 2]), [3, 4, 5, 1, 2]);
  assert.deepEqual(call("array_rotate_right", [[1, 2, 3, 4, 5], 2]), [4, 5, 1, 2, 3]);
  assert.deepEqual(call("array_rotate_left", [[1, 2, 3, 4, 5], -2]), [4, 5, 1, 2, 3]);
});

Deno.test("array_split at one or several points", () => {
  assert.deepEqual(call("array_split", [[1, 2, 3, 4, 5], 2]), [[1, 2], [3, 4, 5]]);
  assert.deepEqual(call("array_split", [[1, 2, 3, 4, 5], [1, 3]]), [[1], [2, 3], [4, 5]]);
  assert.deepEqual(call("array_split", [[1, 2, 3, 4, 5], -1]), [[1, 2, 3, 4], [5]]);
});

Deno.test("array_iff/array_iif choose element-wise", () => {
  assert.deepEqual(call("array_iff", [[true, false, true], [1, 2, 3], [4, 5, 6]]), [1, 5, 3]);
  assert.deepEqual(call("array_iif", [[true, false, 1], [1, 2, 3], 0]), [1, 0, null]);
});

Deno.test("range, repeat and bag_set_key", () => {
  assert.deepEqual(call("range", [1, 8, 3]), [1, 4, 7]);
  assert.deepEqual(call("range", [5, 1, -2]), [5, 3, 1]);
  assert.deepEqual(call("range", [1, 3]), [1, 2, 3]);
  assert.equal(call("range", [1, 3, 0]), null);
  assert.deepEqual(call("repeat", ["a", 3]), ["a", "a", "a"]);
  assert.deepEqual(call("repeat", [1, 0]), []);
  assert.deepEqual(call("bag_set_key", [{ a: 1 }, "b", 2]), { a: 1, b: 2 });
  assert.deepEqual(call("bag_set_key", [{ a: { x: 1 } }, "$.a.y", 2]), { a: { x: 1, y: 2 } });
  assert.deepEqual(call("bag_set_key", [{}, "$.a.b", 3]), { a: { b: 3 } });
});
