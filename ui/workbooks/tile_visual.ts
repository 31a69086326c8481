/**
 * Which visual a tile draws: the tile's own choice, else the query's `render`, else the shape of the result.
 * A result that cannot be drawn as asked falls back to a table, with a note saying why.
 */
import type { QueryAnswer, TileVisual } from "../api/workbook_types.ts";

/** What a tile can draw. */
export type Visual = Exclude<TileVisual, "auto">;

const NUMERIC = new Set(["long", "int", "real", "decimal"]);

/** `render` visualizations and what draws them here. */
const RENDERS: Record<string, Visual> = {
  timechart: "timechart",
  linechart: "timechart",
  areachart: "timechart",
  stackedareachart: "timechart",
  timepivot: "timechart",
  barchart: "barchart",
  columnchart: "barchart",
  piechart: "piechart",
  card: "single",
  table: "table",
};

/**
 * Choose the visual.
 *
 * @param requested the tile's setting
 * @param answer the query's result (with its `render`, if any)
 * @returns the visual, and a note when the result could not be drawn as asked
 * @example
 * ```ts
 * chooseVisual("auto", { columns: [{ name: "n", type: "long" }], rows: [[3]] }); // { visual: "single" }
 * ```
 */
export function chooseVisual(requested: TileVisual, answer: QueryAnswer): { visual: Visual; note?: string } {
  const types = answer.columns.map((c) => c.type);
  const hasNumber = types.some((t) => NUMERIC.has(t));
  const hasTime = types.includes("datetime") &&
    types.some((t, i) => NUMERIC.has(t) && i !== types.indexOf("datetime"));
  let wanted: Visual | undefined;
  let why = "";
  if (requested !== "auto") {
    wanted = requested;
    why = `'${requested}'`;
  } else if (answer.chart) {
    const name = answer.chart.chart.toLowerCase();
    wanted = RENDERS[name];
    why = `'render ${name}'`;
    if (!wanted) return { visual: "table", note: `${why} is not drawn here: shown as a table` };
  }
  if (!wanted) {
    if (answer.rows.length === 1 && answer.columns.length === 1 && hasNumber) return { visual: "single" };
    if (hasTime && answer.rows.length > 1) return { visual: "timechart" };
    return { visual: "table" };
  }
  if (wanted === "timechart" && !hasTime) {
    return { visual: "table", note: `${why} needs a datetime and a numeric column: shown as a table` };
  }
  if ((wanted === "barchart" || wanted === "piechart") && !hasNumber) {
    return { visual: "table", note: `${why} needs a numeric column: shown as a table` };
  }
  return { visual: wanted };
}

/**
 * The table a query reads first (`SigninLogs | ...` gives `SigninLogs`), to name it when there is no data.
 *
 * @param query the tile's query
 * @returns the table name, or undefined when the query does not start with one
 */
export function sourceTable(query: string): string | undefined {
  const text = query.replace(/^\s*(\/\/[^\n]*\n\s*)*/, "");
  const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*(\||$)/.exec(text);
  return m && !/^(print|let|datatable|range|union|search|find|set)$/i.test(m[1]) ? m[1] : undefined;
}
