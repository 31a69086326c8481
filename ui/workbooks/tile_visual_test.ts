import assert from "node:assert/strict";
import type { QueryAnswer } from "../api/workbook_types.ts";
import { chooseVisual, sourceTable } from "./tile_visual.ts";

const series: QueryAnswer = {
  columns: [{ name: "TimeGenerated", type: "datetime" }, { name: "n", type: "long" }],
  rows: [["2024-01-01T00:00:00Z", 1], ["2024-01-01T01:00:00Z", 2]],
};
const counts: QueryAnswer = {
  columns: [{ name: "Location", type: "string" }, { name: "n", type: "long" }],
  rows: [["DE", 3], ["US", 1]],
};

Deno.test("chooseVisual: the query's render picks the visual", () => {
  assert.deepEqual(chooseVisual("auto", { ...counts, chart: { chart: "piechart" } }), { visual: "piechart" });
  assert.deepEqual(chooseVisual("auto", { ...counts, chart: { chart: "columnchart" } }), {
    visual: "barchart",
  });
  assert.deepEqual(chooseVisual("auto", { ...series, chart: { chart: "timechart" } }), {
    visual: "timechart",
  });
  assert.deepEqual(chooseVisual("auto", { ...counts, chart: { chart: "card" } }), { visual: "single" });
});

Deno.test("chooseVisual: the tile's own choice wins over render", () => {
  assert.deepEqual(chooseVisual("table", { ...counts, chart: { chart: "piechart" } }), { visual: "table" });
});

Deno.test("chooseVisual: without render, the shape of the result decides", () => {
  assert.deepEqual(chooseVisual("auto", { columns: [{ name: "n", type: "long" }], rows: [[5]] }), {
    visual: "single",
  });
  assert.deepEqual(chooseVisual("auto", series), { visual: "timechart" });
  assert.deepEqual(chooseVisual("auto", counts), { visual: "table" });
});

Deno.test("chooseVisual: a result that cannot be drawn as asked is a table with a note", () => {
  assert.deepEqual(chooseVisual("auto", { ...counts, chart: { chart: "timechart" } }), {
    visual: "table",
    note: "'render timechart' needs a datetime and a numeric column: shown as a table",
  });
  assert.deepEqual(chooseVisual("auto", { ...counts, chart: { chart: "scatterchart" } }), {
    visual: "table",
    note: "'render scatterchart' is not drawn here: shown as a table",
  });
  const words: QueryAnswer = { columns: [{ name: "a", type: "string" }], rows: [["x"]] };
  assert.equal(chooseVisual("piechart", words).visual, "table");
});

Deno.test("sourceTable: names the table a query starts from", () => {
  assert.equal(sourceTable("SigninLogs\n| where x"), "SigninLogs");
  assert.equal(sourceTable("// failed\nSecurityEvent | take 1"), "SecurityEvent");
  assert.equal(sourceTable("print x = 1"), undefined);
  assert.equal(sourceTable("let a = 1; T"), undefined);
});
