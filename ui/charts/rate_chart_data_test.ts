import assert from "node:assert/strict";
import { pruneRateSamples, RATE_WINDOW_MS, rateChartData } from "./rate_chart_data.ts";

const NOW = Date.parse("2026-11-27T12:00:00Z");

Deno.test("rate chart data: sorted tables, zero for a missing table, window range in seconds", () => {
  const data = rateChartData([
    { time: NOW - 1000, perSecond: { Syslog: 2, SecurityEvent: 1 } },
    { time: NOW - 2000, perSecond: { Syslog: 5 } },
    { time: NOW, perSecond: {} },
  ], NOW);
  assert.deepEqual(data.tables, ["SecurityEvent", "Syslog"]);
  assert.deepEqual(data.columns, [
    [(NOW - 2000) / 1000, (NOW - 1000) / 1000, NOW / 1000],
    [0, 1, 0],
    [5, 2, 0],
  ]);
  assert.deepEqual(data.range, [(NOW - RATE_WINDOW_MS) / 1000, NOW / 1000]);
});

Deno.test("rate chart data: samples outside the window are left out", () => {
  const data = rateChartData([
    { time: NOW - RATE_WINDOW_MS, perSecond: { Old: 9 } },
    { time: NOW + 1000, perSecond: { Future: 9 } },
    { time: NOW - 5000, perSecond: { Syslog: 1 } },
  ], NOW);
  assert.deepEqual(data.tables, ["Syslog"]);
  assert.deepEqual(data.columns, [[(NOW - 5000) / 1000], [1]]);
});

Deno.test("rate chart data: a silence of the stream breaks the line instead of drawing zeros", () => {
  const data = rateChartData([
    { time: NOW - 10_000, perSecond: { Syslog: 3 } },
    { time: NOW - 1000, perSecond: { Syslog: 4 } },
  ], NOW);
  assert.deepEqual(data.columns, [
    [(NOW - 10_000) / 1000, (NOW - 9000) / 1000, (NOW - 1000) / 1000],
    [3, null, 4],
  ]);
});

Deno.test("rate chart data: no samples give empty columns and still the window", () => {
  const data = rateChartData([], NOW, { windowMs: 60_000 });
  assert.deepEqual(data.tables, []);
  assert.deepEqual(data.columns, [[]]);
  assert.deepEqual(data.range, [(NOW - 60_000) / 1000, NOW / 1000]);
});

Deno.test("prune keeps only samples inside the window", () => {
  const kept = pruneRateSamples([
    { time: NOW - RATE_WINDOW_MS - 1, perSecond: {} },
    { time: NOW - 1, perSecond: { A: 1 } },
  ], NOW);
  assert.deepEqual(kept, [{ time: NOW - 1, perSecond: { A: 1 } }]);
});
