/**
 * The x range of a time chart whose points all stand at one time (one bin of `summarize ... by bin()`): uPlot
 * widens such an axis by 86,400 of its time units, which for epoch seconds is a thousand days, so the point sits
 * at the edge of an axis labelled in years.
 */

/** Half an hour either side of the lone time, in seconds. */
export const LONE_TIME_PAD_SECONDS = 1800;

/**
 * The range to show for a time axis with a single time on it.
 *
 * @param times the chart's x values, epoch seconds in ascending order
 * @returns `[time - 30 min, time + 30 min]` when every x is the same time, otherwise undefined (uPlot's own range)
 */
export function loneTimeRange(times: readonly number[]): [number, number] | undefined {
  if (times.length === 0 || times[0] !== times[times.length - 1]) return undefined;
  return [times[0] - LONE_TIME_PAD_SECONDS, times[0] + LONE_TIME_PAD_SECONDS];
}
