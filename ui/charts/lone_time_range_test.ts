import assert from "node:assert/strict";
import { loneTimeRange } from "./lone_time_range.ts";

const T = Date.parse("2026-11-28T00:00:00Z") / 1000;

Deno.test("lone time range: half an hour either side of a single time, also of repeated ones", () => {
  assert.deepEqual(loneTimeRange([T]), [T - 1800, T + 1800]);
  // Several series at one bin share the x value.
  assert.deepEqual(loneTimeRange([T, T]), [T - 1800, T + 1800]);
});

Deno.test("lone time range: uPlot's own range for no points or points at several times", () => {
  assert.equal(loneTimeRange([]), undefined);
  assert.equal(loneTimeRange([T, T + 60]), undefined);
  assert.equal(loneTimeRange([T - 3600, T, T + 3600]), undefined);
});
