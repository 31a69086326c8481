/**
 * Durations in configuration (`7d`, `12h`, `90m`, `30s`, `500ms`), the same shorthand Sentinel rules use for
 * queryPeriod and queryFrequency.
 */

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * Parse a duration such as `7d` or `1.5h` into milliseconds.
 *
 * @param text the duration
 * @returns milliseconds, or `undefined` when the text is not a duration
 *
 * @example
 * ```ts
 * import { parseDuration } from "./duration.ts";
 * parseDuration("90m"); // 5400000
 * ```
 */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/i.exec(text.trim());
  if (!match) return undefined;
  return Math.round(Number(match[1]) * UNIT_MS[match[2].toLowerCase()]);
}
