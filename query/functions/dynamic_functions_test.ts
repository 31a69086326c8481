import assert from "node:assert/strict";
import { call } from "./_call.ts";

Deno.test("array_length, array_concat, array_slice and array_reverse", () => {
  assert.equal(call("array_length", [[1, 2, 3]]), 3);
  assert.equal(call("array_length", ["abc"]), null);
  assert.deepEqual(call("array_concat", [[1, 2], [3], []]), [1, 2, 3]);
  assert.deepEqual(call("array_slice", [[1, 2, 3], 1, 2]), [2, 3]);
  assert.deepEqual(call("array_slice", [[1, 2, 3, 4, 5], 2, -1]), [3, 4, 5]);
  assert.deepEqual(call("array_slice", [[1, 2, 3, 4, 5], -3, -2]), [3, 4]);
  assert.deepEqual(call("array_slice", [[1, 2, 3], 2, 1]), []);
  assert.deepEqual(call("array_reverse", [[1, 2, 3]]), [3, 2, 1]);
});

Deno.test("array_index_of with start, length and occurrence", () => {
  const a = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1];
  assert.equal(call("array_index_of", [a, 3]), 2);
  assert.equal(call("array_index_of", [a, 1, 1]), 10);
  assert.equal(call("array_index_of", [a, 3, 1, 1]), -1);
  assert.equal(call("array_index_of", [a, 1, 0, -1, 2]), 10);
  assert.equal(call("array_index_of", [["a", null], null]), 1);
  assert.equal(call("array_index_of", ["x", 1]), null);
});

Deno.test("array_sort_asc and array_sort_desc, nulls last by default", () => {
  assert.deepEqual(call("array_sort_asc", [[3, null, 1, 2]]), [1, 2, 3, null]);
  assert.deepEqual(call("array_sort_asc", [[3, null, 1], false]), [null, 1, 3]);
  assert.deepEqual(call("array_sort_desc", [["b", "a", "c"]]), ["c", "b", "a"]);
  assert.deepEqual(call("array_sort_asc", [[3, 1, 2], ["c", "a", "b"]]), [[1, 2, 3], ["a", "b", "c"]]);
  assert.equal(call("array_sort_asc", [[3, 1], ["x"]]), null);
});

Deno.test("array_strcat, set functions and set_has_element", () => {
  assert.equal(call("array_strcat", [[1, 2, 3], "-"]), "1-2-3");
  assert.deepEqual(call("set_union", [[1, 2, 3], [1, 2], [4, 5, 6, 3]]), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(call("set_intersect", [[1, 2, 3], [1, 2], [1, 2, 5]]), [1, 2]);
  assert.deepEqual(call("set_difference", [[1, 2, 3, 4], [1, 2], [4]]), [3]);
  assert.deepEqual(call("set_union", [["a", "A"], ["a"]]), ["a", "A"]);
  assert.equal(call("set_has_element", [["this", "string", "example"], "example"]), true);
  assert.equal(call("set_has_element", [[1, 2], 3]), false);
});

Deno.test("bags: bag_keys, bag_merge, bag_pack, bag_remove_keys, bag_has_key", () => {
  assert.deepEqual(call("bag_keys", [{ a: 1, b: { c: 2 } }]), ["a", "b"]);
  assert.deepEqual(call("bag_merge", [{ A1: 12, B1: 2 }, { A1: 1, C1: 3 }]), { A1: 12, B1: 2, C1: 3 });
  assert.deepEqual(call("bag_pack", ["Level", "Information", "Count", 3]), {
    Level: "Information",
    Count: 3,
  });
  assert.deepEqual(call("pack", ["a", null]), { a: null });
  assert.equal(call("bag_pack", ["odd"]), null);
  assert.deepEqual(call("bag_remove_keys", [{ key1: 123, key2: "abc" }, ["key1"]]), { key2: "abc" });
  assert.deepEqual(
    call("bag_remove_keys", [{ key1: 1, key2: { prop1: 1, prop2: 2 } }, ["$.key2.prop1", "$['key1']"]]),
    { key2: { prop2: 2 } },
  );
  assert.equal(call("bag_has_key", [{ a: { b: 1 } }, "$.a.b"]), true);
  assert.equal(call("bag_has_key", [{ a: { b: 1 } }, "c"]), false);
});

Deno.test("pack_array, zip and treepath", () => {
  assert.deepEqual(call("pack_array", [1, "a", null]), [1, "a", null]);
  assert.deepEqual(call("zip", [[1, 3, 5], [2, 4, 6]]), [[1, 2], [3, 4], [5, 6]]);
  assert.deepEqual(call("zip", [[1, 3, 5], [2, 4]]), [[1, 2], [3, 4], [5, null]]);
  assert.deepEqual(call("treepath", [{ a: "b", c: 123, d: ["e", { f: 1 }] }]), [
    "['a']",
    "['c']",
    "['d']",
    "['d'][0]",
    "['d'][0]['f']",
  ]);
});

Deno.test("jaccard_index of distinct values", () => {
  assert.equal(call("jaccard_index", [[1, 2, 3], [1, 2, 3, 4]]), 0.75);
  assert.equal(call("jaccard_index", [[1, 2, 2], [2, 3]]), 1 / 3);
  assert.equal(call("jaccard_index", [["a"], [1]]), 0);
});

Deno.test("dynamic_to_json sorts bag keys", () => {
  assert.equal(
    call("dynamic_to_json", [{ b: 1, a: [true, { d: null, c: "x" }] }]),
    '{"a":[true,{"c":"x","d":null}],"b":1}',
  );
  assert.equal(call("dynamic_to_json", [null]), "null");
});
