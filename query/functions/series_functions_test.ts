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

Deno.test("series_decompose splits a weekly pattern into trend, season and residual", () => {
  const week = [10, 12, 11, 13, 30, 31, 12];
  const series = Array.from({ length: 28 }, (_, i) => week[i % 7] + i * 0.5);
  const [baseline, seasonal, trend, residual] = call("series_decompose", [
    series,
    7,
    "linefit",
  ]) as number[][];
  assert.equal(baseline.length, 28);
  for (let i = 0; i < 28; i++) {
    assert.ok(Math.abs(baseline[i] - series[i]) < 1e-6, `baseline at ${i}`);
    assert.ok(Math.abs(residual[i]) < 1e-6);
    assert.ok(Math.abs(baseline[i] - seasonal[i] - trend[i]) < 1e-9);
  }
});

Deno.test("series_decompose_anomalies flags an injected spike and dip, with autodetected seasonality", () => {
  const series = Array.from(
    { length: 24 * 7 },
    (_, i) => 100 + 20 * Math.sin((2 * Math.PI * i) / 24) + (i % 5),
  );
  series[50] += 200;
  series[120] -= 200;
  const [flags, scores, baseline] = call("series_decompose_anomalies", [series]) as number[][];
  assert.equal(flags[50], 1);
  assert.equal(flags[120], -1);
  assert.equal(flags.filter((f) => f !== 0).length, 2);
  assert.ok(scores[50] > 1.5 && scores[120] < -1.5);
  assert.ok(Math.abs(baseline[10] - series[10]) < 10, "the daily cycle is in the baseline");
});

Deno.test("series_outliers scores with Tukey fences", () => {
  const scores = call("series_outliers", [[1, 2, 3, 4, 5, 6, 7, 8, 9, 100]]) as number[];
  assert.ok(scores[9] > 1.5);
  assert.equal(scores[4], 0);
});

Deno.test("series_fit_2lines finds the break between two lines", () => {
  const series = [1, 2, 3, 4, 5, 20, 18, 16, 14, 12];
  const fit = call("series_fit_2lines", [series]) as Record<string, number | number[]>;
  assert.equal(fit.split_idx, 4);
  assert.equal(fit.left_slope, 1);
  assert.ok(Math.abs((fit.right_slope as number) + 2) < 1e-9);
  assert.ok(Math.abs((fit.rsquare as number) - 1) < 1e-9);
  assert.equal(call("series_fit_2lines", [[1, 2]]), null);
});

Deno.test("series_decompose_forecast extends the learnt baseline over the last points", () => {
  const pattern = [5, 9, 5, 1];
  const series = Array.from({ length: 40 }, (_, i) => pattern[i % 4] + i);
  const forecast = call("series_decompose_forecast", [
    [...series.slice(0, 32), ...Array(8).fill(0)],
    8,
    4,
    "linefit",
  ]) as number[];
  for (let i = 32; i < 40; i++) assert.ok(Math.abs(forecast[i] - series[i]) < 1e-6, `point ${i}`);
});

Deno.test("series_fill_* fill gaps as documented", () => {
  assert.deepEqual(call("series_fill_const", [[null, 1, null, 3], 0]), [0, 1, 0, 3]);
  assert.deepEqual(call("series_fill_forward", [[null, 1, null, null, 4]]), [null, 1, 1, 1, 4]);
  assert.deepEqual(call("series_fill_backward", [[null, 1, null, null, 4, null]]), [1, 1, 4, 4, 4, null]);
  assert.deepEqual(call("series_fill_linear", [[null, 2, null, null, 5, null]]), [2, 2, 3, 4, 5, 5]);
  assert.deepEqual(call("series_fill_linear", [[null, 2, null, 4], null, false]), [null, 2, 3, 4]);
  assert.deepEqual(call("series_fill_forward", [[1, -1, 3], -1]), [1, 1, 3]);
});

Deno.test("series comparisons are element-wise", () => {
  assert.deepEqual(call("series_greater", [[1, 2, 3], [3, 2, 1]]), [false, false, true]);
  assert.deepEqual(call("series_less_equals", [[1, 2, 3], 2]), [true, true, false]);
});

Deno.test("series_outliers honours ignore_val and custom percentiles", () => {
  const series = [...Array.from({ length: 40 }, (_, i) => i % 10), -1, 100];
  const scores = call("series_outliers", [series, "ctukey", -1, 5, 95]) as number[];
  assert.equal(scores[40], 0, "the ignored placeholder scores 0");
  assert.ok(scores[41] > 1.5);
  assert.equal(scores[3], 0);
  assert.deepEqual(call("series_fill_linear", [[null, null], null, true, 7]), [7, 7]);
});

Deno.test("series_iir computes a cumulative sum and a moving average", () => {
  assert.deepEqual(call("series_iir", [[1, 2, 3, 4], [1], [1, -1]]), [1, 3, 6, 10]);
  assert.deepEqual(call("series_iir", [[2, 4, 6], [0.5, 0.5], [1]]), [1, 3, 5]);
  assert.equal(call("series_iir", [[1], [1], [0]]), null);
});

Deno.test("series_periods_detect finds a daily cycle in hourly data", () => {
  const series = Array.from({ length: 24 * 14 }, (_, i) => 10 + 5 * Math.sin((2 * Math.PI * i) / 24));
  const [periods, scores] = call("series_periods_detect", [series, 4, 100, 2]) as number[][];
  assert.equal(periods[0], 24);
  assert.ok(scores[0] > 0.8);
});
