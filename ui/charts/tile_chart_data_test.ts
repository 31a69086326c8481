import assert from "node:assert/strict";
import { categoryData, pieSlices, timeSeriesData } from "./tile_chart_data.ts";

Deno.test("timeSeriesData: x from the datetime column, series split by the string column", () => {
  const data = timeSeriesData({
    columns: [
      { name: "TimeGenerated", type: "datetime" },
      { name: "Outcome", type: "string" },
      { name: "Logons", type: "long" },
    ],
    rows: [
      ["2024-01-01T01:00:00Z", "Success", 3],
      ["2024-01-01T00:00:00Z", "Success", 1],
      ["2024-01-01T00:00:00Z", "Failure", 2],
      ["not a time", "Failure", 9],
    ],
  });
  assert.deepEqual(data.series, ["Failure", "Success"]);
  assert.deepEqual(data.columns, [[1704067200, 1704070800], [2, null], [1, 3]]);
});

Deno.test("timeSeriesData: several numeric columns without a split are one series each", () => {
  const data = timeSeriesData({
    columns: [{ name: "t", type: "datetime" }, { name: "a", type: "long" }, { name: "b", type: "real" }],
    rows: [["2024-01-01T00:00:00Z", 1, 0.5]],
  });
  assert.deepEqual(data, { series: ["a", "b"], columns: [[1704067200], [1], [0.5]] });
});

Deno.test("categoryData: labels from the first text column, Other past the limit, query order kept", () => {
  const answer = {
    columns: [{ name: "Location", type: "string" }, { name: "n", type: "long" }],
    rows: [["DE", 5], ["US", 3], ["", 2], ["FR", 1]],
  };
  assert.deepEqual(categoryData(answer), {
    valueName: "n",
    items: [{ label: "DE", value: 5 }, { label: "US", value: 3 }, { label: "(empty)", value: 2 }, {
      label: "FR",
      value: 1,
    }],
  });
  assert.deepEqual(categoryData(answer, { max: 3 }).items.at(-1), { label: "Other (2)", value: 3 });
});

Deno.test("pieSlices: fractions add up, arcs start at 12 o'clock, one category is a full circle", () => {
  const slices = pieSlices(
    [{ label: "a", value: 3 }, { label: "b", value: 1 }, { label: "z", value: 0 }],
    10,
  );
  assert.deepEqual(slices.map((s) => [s.label, s.fraction]), [["a", 0.75], ["b", 0.25]]);
  assert.equal(slices[0].path, "M 0 0 L 0 -10 A 10 10 0 1 1 -10 0 Z");
  assert.equal(slices[1].path, "M 0 0 L -10 0 A 10 10 0 0 1 0 -10 Z");
  assert.match(pieSlices([{ label: "all", value: 2 }], 10)[0].path, /^M 0 -10 A .* Z$/);
  assert.deepEqual(pieSlices([{ label: "none", value: 0 }], 10), []);
});
