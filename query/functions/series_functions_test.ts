import assert from "node:assert/strict";
import { call } from "./_call.ts";

Deno.test("series_stats reports min, max, their indexes, avg, stdev and variance", () => {
  const stats = call("series_stats", [[2, 4, 4, 4, 5, 5, 7, 9]]) as Record<string, number>;
  assert.equal(stats.min, 2);
  assert.equal(stats.min_idx, 0);
  assert.equal(stats.max, 9);
  assert.equal(stats.max_idx, 7);
  assert.equal(stats.avg, 5);
  assert.ok(Math.abs(stats.variance - 32 / 7) < 1e-12);
  assert.ok(Math.abs(stats.stdev - Math.sqrt(32 / 7)) < 1e-12);
  assert.deepEqual(call("series_stats_dynamic", [[null, 1]]), {
    min: 1,
    min_idx: 1,
    max: 1,
    max_idx: 1,
    avg: 1,
    stdev: 0,
    variance: 0,
  });
  assert.equal(call("series_stats", ["not a series"]), null);
});

Deno.test("series_fit_line fits a perfect line exactly", () => {
  const fit = call("series_fit_line", [[3, 5, 7, 9]]) as Record<string, number | number[]>;
  assert.equal(fit.slope, 2);
  assert.equal(fit.interception, 1);
  assert.equal(fit.rsquare, 1);
  assert.equal(fit.rvariance, 0);
  assert.deepEqual(fit.line_fit, [3, 5, 7, 9]);
});

Deno.test("series arithmetic is element-wise with null for gaps", () => {
  assert.deepEqual(call("series_add", [[1, 2, 3], [10, 20]]), [11, 22, null]);
  assert.deepEqual(call("series_multiply", [[1, 2], 3]), [3, 6]);
  assert.deepEqual(call("series_divide", [[1, null], [2, 2]]), [0.5, null]);
});
