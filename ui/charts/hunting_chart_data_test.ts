import assert from "node:assert/strict";
import { huntingChartData, MAX_SERIES } from "./hunting_chart_data.ts";

const T = (h: number) => `2026-11-27T0${h}:00:00Z`;
const S = (h: number) => Date.parse(T(h)) / 1000;

Deno.test("huntingChartData splits one numeric column by a string column over time", () => {
  const data = huntingChartData(
    [{ name: "TimeGenerated", type: "datetime" }, { name: "Computer", type: "string" }, {
      name: "count_",
      type: "long",
    }],
    [[T(2), "web1", 3], [T(1), "web1", 1], [T(1), "db1", 10], [T(2), "web1", 1]],
    { chart: "timechart", properties: {} },
  );
  assert.ok(!("reason" in data));
  assert.equal(data.kind, "time");
  assert.deepEqual(data.series, ["db1", "web1"]);
  assert.deepEqual(data.columns, [[S(1), S(2)], [10, null], [1, 4]]);
});

Deno.test("huntingChartData draws every numeric column over time without a render", () => {
  const data = huntingChartData(
    [{ name: "t", type: "datetime" }, { name: "a", type: "long" }, { name: "b", type: "real" }],
    [[T(1), 1, 0.5], ["not a time", 9, 9]],
  );
  assert.ok(!("reason" in data));
  assert.deepEqual(data.series, ["a", "b"]);
  assert.deepEqual(data.columns, [[S(1)], [1], [0.5]]);
  assert.equal(data.style, "line");
});

Deno.test("huntingChartData draws categories for a columnchart and explains when it cannot chart", () => {
  const columns = [{ name: "Location", type: "string" }, { name: "n", type: "long" }];
  const data = huntingChartData(columns, [["US", 2], ["FR", 1]], { chart: "columnchart", properties: {} });
  assert.ok(!("reason" in data));
  assert.equal(data.kind, "category");
  assert.equal(data.style, "bars");
  assert.deepEqual(data.labels, ["US", "FR"]);
  assert.deepEqual(data.columns, [[0, 1], [2, 1]]);
  assert.match((huntingChartData(columns, [["US", 2]]) as { reason: string }).reason, /render columnchart/);
  assert.deepEqual(huntingChartData(columns, []), { reason: "No rows to chart" });
  assert.deepEqual(huntingChartData([{ name: "s", type: "string" }], [["x"]]), {
    reason: "No numeric column to chart",
  });
});

Deno.test("huntingChartData keeps the biggest series and names the rest", () => {
  const rows = Array.from({ length: MAX_SERIES + 2 }, (_, i) => [T(1), `h${i}`, i + 1]);
  const data = huntingChartData(
    [{ name: "t", type: "datetime" }, { name: "h", type: "string" }, { name: "n", type: "long" }],
    rows,
  );
  assert.ok(!("reason" in data));
  assert.equal(data.series.length, MAX_SERIES);
  assert.equal(data.series[0], `h${MAX_SERIES + 1}`);
  assert.match(data.note, /left out: h1, h0$/);
});

Deno.test("huntingChartData draws only the ycolumns render names, given as a list or a name", () => {
  const columns = [{ name: "t", type: "datetime" }, { name: "a", type: "long" }, { name: "b", type: "long" }];
  for (const ycolumns of ["b", ["b"]]) {
    const data = huntingChartData(columns, [[T(1), 1, 2]], { chart: "timechart", properties: { ycolumns } });
    assert.ok(!("reason" in data));
    assert.deepEqual(data.series, ["b"]);
  }
});
