/**
 * Query results shaped for the workbook charts: time series for uPlot (x in epoch seconds, one column per
 * series) and labelled values for bar and pie charts. Pure, pinned by tests.
 */
import type { QueryAnswer } from "../api/workbook_types.ts";

const NUMERIC = new Set(["long", "int", "real", "decimal"]);

/** uPlot's aligned columns, with the series names. */
export interface TimeSeriesData {
  readonly series: readonly string[];
  readonly columns: readonly [number[], ...(number | null)[][]];
}

/**
 * Time series as Kusto's `render timechart` reads a result: the first datetime column is x, every numeric
 * column is a y, and the string columns split the series (`Outcome` = Success / Failure).
 *
 * @param answer the query result
 * @returns series names and aligned columns (null where a series has no point)
 */
export function timeSeriesData(answer: QueryAnswer): TimeSeriesData {
  const types = answer.columns.map((c) => c.type);
  const x = types.indexOf("datetime");
  const ys = types.flatMap((t, i) => (NUMERIC.has(t) && i !== x ? [i] : []));
  const splits = types.flatMap((t, i) => (t === "string" ? [i] : []));
  const points = new Map<string, Map<number, number>>();
  const times = new Set<number>();
  for (const row of answer.rows) {
    const t = Date.parse(String(row[x]));
    if (Number.isNaN(t)) continue;
    const split = splits.map((i) => String(row[i] ?? "")).join(" / ");
    for (const y of ys) {
      const v = Number(row[y]);
      if (row[y] === null || !Number.isFinite(v)) continue;
      const name = split && ys.length > 1
        ? `${split} · ${answer.columns[y].name}`
        : split || answer.columns[y].name;
      let byTime = points.get(name);
      if (!byTime) points.set(name, byTime = new Map());
      byTime.set(t / 1000, (byTime.get(t / 1000) ?? 0) + v);
      times.add(t / 1000);
    }
  }
  const xs = [...times].sort((a, b) => a - b);
  const series = [...points.keys()].sort();
  const columns = series.map((s) => xs.map((t) => points.get(s)!.get(t) ?? null));
  return { series, columns: [xs, ...columns] };
}

/** One bar or slice. */
export interface Category {
  readonly label: string;
  readonly value: number;
}

/**
 * Labelled values: the first non-numeric column labels, the first numeric column is the value; rows keep the
 * query's order. Past `max` categories, the rest are summed into "Other".
 *
 * @param answer the query result
 * @param options how many categories to keep
 * @returns the categories and the value column's name
 */
export function categoryData(
  answer: QueryAnswer,
  options: { max?: number } = {},
): { valueName: string; items: Category[] } {
  const types = answer.columns.map((c) => c.type);
  const value = types.findIndex((t) => NUMERIC.has(t));
  const labels = types.flatMap((t, i) => (!NUMERIC.has(t) ? [i] : []));
  const items: Category[] = answer.rows.map((row) => ({
    label: labels.length === 0 ? String(row[value]) : labels.map((i) => cellLabel(row[i])).join(" / "),
    value: Number(row[value]) || 0,
  }));
  const max = options.max ?? Infinity;
  if (items.length > max) {
    const rest = items.splice(max - 1);
    items.push({ label: `Other (${rest.length})`, value: rest.reduce((s, c) => s + c.value, 0) });
  }
  return { valueName: answer.columns[value]?.name ?? "", items };
}

function cellLabel(value: unknown): string {
  if (value === null || value === undefined || value === "") return "(empty)";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** One pie slice as an SVG path. */
export interface PieSlice extends Category {
  readonly fraction: number;
  /** `d` of the slice's path, in a box from -r to r around 0,0. */
  readonly path: string;
}

/**
 * Pie slices (uPlot has no pie): clockwise from 12 o'clock; a single category is a full circle.
 *
 * @param items the categories (negative values count as 0)
 * @param radius the circle's radius
 * @returns the slices, or none when everything is 0
 */
export function pieSlices(items: readonly Category[], radius: number): PieSlice[] {
  const total = items.reduce((s, c) => s + Math.max(0, c.value), 0);
  if (total <= 0) return [];
  const r = radius;
  const point = (angle: number) => `${round(r * Math.sin(angle))} ${round(-r * Math.cos(angle))}`;
  let angle = 0;
  return items.filter((c) => c.value > 0).map((c) => {
    const fraction = c.value / total;
    const start = angle;
    angle += fraction * 2 * Math.PI;
    const path = fraction >= 0.999999
      ? `M 0 ${-r} A ${r} ${r} 0 1 1 0 ${r} A ${r} ${r} 0 1 1 0 ${-r} Z`
      : `M 0 0 L ${point(start)} A ${r} ${r} 0 ${fraction > 0.5 ? 1 : 0} 1 ${point(angle)} Z`;
    return { ...c, fraction, path };
  });
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
