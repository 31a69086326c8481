/**
 * Shapes a hunting result into uPlot's aligned columns, when it can be drawn: over time when it has a datetime
 * column (or `render` names the x column), otherwise by category (one bar group per row) when `render` asks for
 * a chart. A single numeric column with a string column beside it is split into one series per value, as
 * `summarize count() by bin(TimeGenerated, 1h), Computer | render timechart` expects. Pure, so it is unit tested.
 */

/** A result column as the query API returns it. */
export interface ChartColumn {
  readonly name: string;
  readonly type: string;
}

/** The `render` information the query API returns (`chart`). */
export interface RenderInfo {
  readonly chart: string;
  readonly properties?: Readonly<Record<string, unknown>>;
}

/** What to draw. */
export interface HuntingChartData {
  /** `time`: x in epoch seconds; `category`: x is the row index, labelled by `labels`. */
  readonly kind: "time" | "category";
  /** Lines, or bars for column/bar/pie charts. */
  readonly style: "line" | "bars";
  readonly xName: string;
  readonly labels: readonly string[];
  readonly series: readonly string[];
  readonly columns: readonly [number[], ...(number | null)[][]];
  /** Said under the chart, e.g. when series were left out. */
  readonly note: string;
}

/** Most series drawn; the rest are named in the note. */
export const MAX_SERIES = 12;

const NUMERIC = new Set(["long", "int", "real", "decimal", "double"]);
const BAR_CHARTS = new Set(["columnchart", "barchart", "piechart", "ladderchart"]);

/**
 * Chart data for a result, or a reason why there is none.
 *
 * @param columns the result's columns
 * @param rows its rows
 * @param render the `render` info, if the query ended with one
 * @returns the data, or `{ reason }`
 */
export function huntingChartData(
  columns: readonly ChartColumn[],
  rows: readonly (readonly unknown[])[],
  render?: RenderInfo,
): HuntingChartData | { reason: string } {
  const props = render?.properties ?? {};
  const named = (key: string) => {
    const v = props[key];
    return typeof v === "string" ? columns.findIndex((c) => c.name === v) : -1;
  };
  const xWanted = named("xcolumn");
  const timeIndex = xWanted >= 0 && columns[xWanted].type === "datetime"
    ? xWanted
    : columns.findIndex((c) => c.type === "datetime");
  const style = render && BAR_CHARTS.has(render.chart.toLowerCase()) ? "bars" : "line";
  // `with (ycolumns=a, b)` arrives as one name or a list, depending on the back end.
  const ycolumns = Array.isArray(props.ycolumns)
    ? props.ycolumns.map(String)
    : typeof props.ycolumns === "string"
    ? props.ycolumns.split(",").map((c) => c.trim())
    : [];
  const numeric = columns.map((c, i) => ({ c, i })).filter(({ c, i }) =>
    NUMERIC.has(c.type) && i !== timeIndex && (ycolumns.length === 0 || ycolumns.includes(c.name))
  );
  if (rows.length === 0) return { reason: "No rows to chart" };
  if (numeric.length === 0) return { reason: "No numeric column to chart" };
  if (timeIndex >= 0 && (!render || style === "line" || xWanted === timeIndex)) {
    return timeSeries(columns, rows, { timeIndex, numeric, style });
  }
  if (!render) return { reason: "No datetime column: add `render columnchart` to chart by category" };
  const labelIndex = xWanted >= 0
    ? xWanted
    : columns.findIndex((c, i) => !NUMERIC.has(c.type) && i !== timeIndex);
  const shown = numeric.slice(0, MAX_SERIES);
  return {
    kind: "category",
    style,
    xName: labelIndex >= 0 ? columns[labelIndex].name : "row",
    labels: rows.map((r, i) => (labelIndex >= 0 ? String(r[labelIndex] ?? "") : String(i + 1))),
    series: shown.map(({ c }) => c.name),
    columns: [rows.map((_, i) => i), ...shown.map(({ i }) => rows.map((r) => toNumber(r[i])))],
    note: omitted(numeric.map(({ c }) => c.name), MAX_SERIES),
  };
}

function timeSeries(
  columns: readonly ChartColumn[],
  rows: readonly (readonly unknown[])[],
  options: { timeIndex: number; numeric: { c: ChartColumn; i: number }[]; style: "line" | "bars" },
): HuntingChartData | { reason: string } {
  const { timeIndex, numeric, style } = options;
  const splitIndex = numeric.length === 1
    ? columns.findIndex((c, i) => c.type === "string" && i !== timeIndex)
    : -1;
  // series name -> time (s) -> value; values at the same time and series add up.
  const bySeries = new Map<string, Map<number, number>>();
  const times = new Set<number>();
  for (const row of rows) {
    const t = Date.parse(String(row[timeIndex]));
    if (Number.isNaN(t)) continue;
    const x = t / 1000;
    times.add(x);
    for (const { c, i } of numeric) {
      const name = splitIndex >= 0 ? String(row[splitIndex] ?? "") || "(empty)" : c.name;
      const v = toNumber(row[i]);
      if (v === null) continue;
      const series = bySeries.get(name) ?? new Map<number, number>();
      bySeries.set(name, series);
      series.set(x, (series.get(x) ?? 0) + v);
    }
  }
  if (times.size === 0) return { reason: "No valid times to chart" };
  const xs = [...times].sort((a, b) => a - b);
  // The biggest series first, so that the ones left out are the smallest.
  const total = (m: Map<number, number>) => [...m.values()].reduce((a, b) => a + Math.abs(b), 0);
  const names = [...bySeries.keys()].sort((a, b) => total(bySeries.get(b)!) - total(bySeries.get(a)!));
  const shown = names.slice(0, MAX_SERIES);
  return {
    kind: "time",
    style,
    xName: columns[timeIndex].name,
    labels: [],
    series: shown,
    columns: [xs, ...shown.map((n) => xs.map((x) => bySeries.get(n)!.get(x) ?? null))],
    note: omitted(names, MAX_SERIES),
  };
}

function omitted(names: readonly string[], max: number): string {
  return names.length > max
    ? `Showing ${max} of ${names.length} series; left out: ${names.slice(max).join(", ")}`
    : "";
}

function toNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value))) return Number(value);
  return null;
}
