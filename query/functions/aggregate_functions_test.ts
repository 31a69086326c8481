import assert from "node:assert/strict";
import type { Value } from "../values/value.ts";
import { AGGREGATE_FUNCTIONS } from "./aggregate_functions.ts";

/** Aggregates rows (each row: the per-row argument values) with the given constants. */
function aggregate(name: string, rows: readonly Value[][], constants: readonly Value[] = []): Value {
  const fn = AGGREGATE_FUNCTIONS[name];
  let state = fn.init(constants);
  for (const row of rows) state = fn.add(state, row);
  return fn.result(state);
}

const column = (...values: Value[]) => values.map((v) => [v]);

Deno.test("count, countif, sum, sumif, avg and avgif skip nulls", () => {
  assert.equal(aggregate("count", [[], [], []]), 3);
  assert.equal(aggregate("countif", column(true, false, null, true)), 2);
  assert.equal(aggregate("sum", column(1, null, 2, 3)), 6);
  assert.equal(aggregate("sum", column(null, null)), null);
  assert.equal(aggregate("sumif", [[1, true], [2, false], [3, true]]), 4);
  assert.equal(aggregate("avg", column(1, 2, null, 3)), 2);
  assert.equal(aggregate("avg", []), null);
  assert.equal(aggregate("avgif", [[1, true], [5, false], [3, true]]), 2);
});

Deno.test("min, max, minif and maxif", () => {
  assert.equal(aggregate("min", column(3, null, 1, 2)), 1);
  assert.equal(aggregate("max", column(3, null, 1, 2)), 3);
  assert.equal(aggregate("max", column("b", "a", "c")), "c");
  assert.equal(aggregate("max", column(null)), null);
  assert.equal(aggregate("minif", [[3, true], [1, false], [2, true]]), 2);
  assert.equal(aggregate("maxif", [[3, false], [1, true], [2, true]]), 2);
});

Deno.test("stdev, variance and their population forms", () => {
  const values = column(2, 4, 4, 4, 5, 5, 7, 9);
  assert.ok(Math.abs((aggregate("variance", values) as number) - 32 / 7) < 1e-12);
  assert.ok(Math.abs((aggregate("stdev", values) as number) - Math.sqrt(32 / 7)) < 1e-12);
  assert.equal(aggregate("variancep", values), 4);
  assert.equal(aggregate("stdevp", values), 2);
  assert.equal(aggregate("stdev", column(5)), 0);
  assert.equal(aggregate("stdevif", [[1, true], [100, false], [3, true]]), Math.sqrt(2));
});

Deno.test("dcount, dcountif and count_distinct", () => {
  const rows = column("a", "b", "a", null, "c", "b");
  assert.equal(aggregate("dcount", rows), 3);
  assert.equal(aggregate("dcount", rows, [0]), 3);
  assert.equal(aggregate("dcountif", [["a", true], ["b", false], ["c", true]]), 2);
  assert.equal(aggregate("count_distinct", rows), 3);
  assert.equal(aggregate("count_distinctif", [["a", true], ["a", true], ["b", false]]), 1);
});

Deno.test("hll, hll_merge and dcount_hll", () => {
  const left = aggregate("hll", column(1, 2, 3));
  const right = aggregate("hll", column(3, 4));
  assert.equal(aggregate("dcount", [[null]]), 0);
  const merged = aggregate("hll_merge", [[left], [right]]);
  const fn = AGGREGATE_FUNCTIONS.dcount;
  assert.equal(fn.result(fn.load(merged as never)), 4);
});

Deno.test("make_set, make_list and their limits and conditions", () => {
  assert.deepEqual(aggregate("make_set", column(1, 2, 1, null, 3)), [1, 2, 3]);
  assert.deepEqual(aggregate("make_set", column(1, 2, 3, 4), [2]), [1, 2]);
  assert.deepEqual(aggregate("make_set_if", [[1, true], [2, false], [1, true]]), [1]);
  assert.deepEqual(aggregate("make_set", column(["A1", "A2", "A3"], ["A2", "C1"], ["C2", "A3"])), [
    "A1",
    "A2",
    "A3",
    "C1",
    "C2",
  ]);
  assert.deepEqual(aggregate("make_set", column({ a: 1 }, { a: 1 })), [{ a: 1 }]);
  assert.deepEqual(aggregate("make_list", column(["A1", "A2"], ["A2"])), ["A1", "A2", "A2"]);
  assert.equal(
    (aggregate("makeset", column(...Array.from({ length: 200 }, (_, i) => i))) as Value[]).length,
    128,
  );
  assert.equal(
    (aggregate("make_set", column(...Array.from({ length: 200 }, (_, i) => i))) as Value[]).length,
    200,
  );
  assert.deepEqual(aggregate("make_list", column(1, 2, 1, null)), [1, 2, 1]);
  assert.deepEqual(aggregate("make_list", column(1, 2, 3), [2]), [1, 2]);
  assert.deepEqual(aggregate("make_list_if", [[1, true], [2, null]]), [1]);
  assert.deepEqual(aggregate("make_list_with_nulls", column(1, null)), [1, null]);
  assert.deepEqual(aggregate("makeset", column("x", "x")), ["x"]);
});

Deno.test("make_bag merges bags, first value wins", () => {
  assert.deepEqual(aggregate("make_bag", column({ a: 1 }, { b: 2 }, { a: 3 }, null, "x")), { a: 1, b: 2 });
  assert.deepEqual(aggregate("make_bag", column({ a: 1, b: 2, c: 3 }), [2]), { a: 1, b: 2 });
  assert.deepEqual(aggregate("make_bag_if", [[{ a: 1 }, false], [{ b: 2 }, true]]), { b: 2 });
});

Deno.test("arg_max and arg_min carry the row, first wins on ties", () => {
  const rows: Value[][] = [[3, "a", 1], [5, "b", 2], [5, "c", 3], [null, "d", 4], [1, "e", 5]];
  assert.deepEqual(aggregate("arg_max", rows), [5, "b", 2]);
  assert.deepEqual(aggregate("arg_min", rows), [1, "e", 5]);
  assert.equal(aggregate("arg_max", [[null, "x"]]), null);
});

Deno.test("take_any and take_anyif return the first non-null", () => {
  assert.equal(aggregate("take_any", column(null, 7, 8)), 7);
  assert.deepEqual(aggregate("take_any", [[null, null], [1, "a"]]), [1, "a"]);
  assert.equal(aggregate("take_anyif", [[1, false], [2, true]]), 2);
  assert.equal(aggregate("any", column(null)), null);
});

Deno.test("percentile, percentiles and percentiles_array by nearest rank", () => {
  const values = column(...Array.from({ length: 10 }, (_, i) => i + 1), null);
  assert.equal(aggregate("percentile", values, [50]), 5);
  assert.equal(aggregate("percentile", values, [0]), 1);
  assert.equal(aggregate("percentile", values, [100]), 10);
  assert.deepEqual(aggregate("percentiles", values, [5, 50, 95]), [1, 5, 10]);
  assert.deepEqual(aggregate("percentiles_array", values, [[25, 75]]), [3, 8]);
  assert.equal(aggregate("percentile", [], [50]), null);
  assert.equal(aggregate("percentile", values, [101]), null);
});

Deno.test("binary_all_and, binary_all_or and binary_all_xor over 64-bit integers", () => {
  assert.equal(aggregate("binary_all_and", column(0b1110, 0b0111, null)), 0b0110);
  assert.equal(aggregate("binary_all_or", column(0b0001, 0b0100)), 0b0101);
  assert.equal(aggregate("binary_all_xor", column(0b0011, 0b0110)), 0b0101);
  assert.equal(aggregate("binary_all_and", column(-1, 2 ** 40)), 2 ** 40);
  assert.equal(aggregate("binary_all_or", column(null)), null);
});

Deno.test("rowArgs separates per-row arguments from constants", () => {
  assert.equal(AGGREGATE_FUNCTIONS.dcount.rowArgs(2), 1);
  assert.equal(AGGREGATE_FUNCTIONS.dcountif.rowArgs(3), 2);
  assert.equal(AGGREGATE_FUNCTIONS.percentiles.rowArgs(4), 1);
  assert.equal(AGGREGATE_FUNCTIONS.arg_max.rowArgs(4), 4);
  assert.equal(AGGREGATE_FUNCTIONS.make_set_if.rowArgs(3), 2);
  assert.equal(AGGREGATE_FUNCTIONS.count.rowArgs(0), 0);
});

Deno.test("count(x) counts non-null values", () => {
  assert.equal(aggregate("count", column(1, null, 3)), 2);
});
