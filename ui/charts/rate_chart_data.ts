/**
 * Shapes the live stream's per-second rate samples into uPlot's aligned columns. Pure, with `now` as input, so
 * the chart is pinned by unit tests and never depends on the wall clock.
 */

/** One `event: rates` message: events per second per table at `time` (epoch milliseconds). */
export interface RateSample {
  readonly time: number;
  readonly perSecond: Readonly<Record<string, number>>;
}

/** uPlot's input: x in epoch seconds, then one column per table (null breaks the line). */
export interface RateChartData {
  readonly tables: readonly string[];
  readonly columns: readonly [number[], ...(number | null)[][]];
  /** The visible x range in epoch seconds. */
  readonly range: readonly [number, number];
}

/** How much history the overview shows. */
export const RATE_WINDOW_MS = 15 * 60 * 1000;

/** A silence longer than this means the stream was down, not that rates were zero: the line breaks. */
const GAP_MS = 3_000;

/**
 * Build the chart columns for the window ending at `now`.
 *
 * @param samples rate samples in any order
 * @param now the window's end, epoch milliseconds
 * @param options the window length
 * @returns tables (sorted), aligned columns and the x range
 */
export function rateChartData(
  samples: readonly RateSample[],
  now: number,
  options: { windowMs?: number } = {},
): RateChartData {
  const windowMs = options.windowMs ?? RATE_WINDOW_MS;
  const start = now - windowMs;
  const visible = samples.filter((s) => s.time > start && s.time <= now).sort((a, b) => a.time - b.time);
  const tables = [...new Set(visible.flatMap((s) => Object.keys(s.perSecond)))].sort();
  const xs: number[] = [];
  const ys: (number | null)[][] = tables.map(() => []);
  let previous: number | undefined;
  for (const sample of visible) {
    if (previous !== undefined && sample.time - previous > GAP_MS) {
      xs.push((previous + 1000) / 1000);
      for (const column of ys) column.push(null);
    }
    xs.push(sample.time / 1000);
    // A table missing from a sample had no events in that second.
    tables.forEach((table, i) => ys[i].push(sample.perSecond[table] ?? 0));
    previous = sample.time;
  }
  return { tables, columns: [xs, ...ys], range: [start / 1000, now / 1000] };
}

/**
 * Drop samples older than the window, keeping the array small while the page stays open all day.
 *
 * @param samples the samples so far
 * @param now epoch milliseconds
 * @param windowMs the window length
 * @returns the samples still inside the window
 */
export function pruneRateSamples(
  samples: readonly RateSample[],
  now: number,
  windowMs: number = RATE_WINDOW_MS,
): RateSample[] {
  return samples.filter((s) => s.time > now - windowMs);
}
