import assert from "node:assert/strict";
import type { Value } from "../values/value.ts";
import { AGGREGATE_FUNCTIONS } from "./aggregate_functions.ts";
import { call } from "./_call.ts";

function aggregate(name: string, rows: Value[][], constants: Value[] = []): Value {
  const fn = AGGREGATE_FUNCTIONS[name];
  return fn.result(rows.reduce((s, row) => fn.add(s, row), fn.init(constants)));
}

Deno.test("tdigest, tdigest_merge and percentile_tdigest agree with percentile", () => {
  const values = Array.from({ length: 100 }, (_, i) => [i + 1]);
  const left = aggregate("tdigest", values.slice(0, 60));
  const right = aggregate("tdigest", values.slice(60));
  const merged = aggregate("tdigest_merge", [[left], [right]]);
  assert.equal(call("percentile_tdigest", [merged, 50]), aggregate("percentile", values, [50]));
  assert.equal(call("percentile_tdigest", [merged, 95]), 95);
  assert.deepEqual(call("percentiles_array_tdigest", [merged, 10, [90]]), [10, 90]);
  assert.equal(call("percentrank_tdigest", [merged, 25]), 25);
  assert.deepEqual(call("merge_tdigest", [left, right]), merged);
  assert.equal(call("percentile_tdigest", [{ not: "a digest" }, 50]), null);
});

Deno.test("percentilew weights each value", () => {
  const rows: Value[][] = [[1, 1], [2, 1], [3, 10], [4, 1]];
  assert.equal(aggregate("percentilew", rows, [50]), 3);
  assert.equal(aggregate("percentilew", rows, [5]), 1);
  assert.deepEqual(aggregate("percentilesw", rows, [5, 50, 100]), [1, 3, 4]);
  assert.equal(aggregate("percentilew", [[1, 0]], [50]), null, "zero weights are dropped");
});
