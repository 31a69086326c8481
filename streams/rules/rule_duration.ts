/**
 * Rule durations as Sentinel's YAML writes them (`5m`, `1h`, `14d`, also seconds `30s`) or as ARM templates
 * do (ISO 8601 `PT5M`, `P1D`). Values are microseconds, like every timespan in the value model.
 */

const MICROS: Record<string, number> = { s: 1e6, m: 60e6, h: 3600e6, d: 86400e6 };

/**
 * Parse a rule duration.
 *
 * @param text e.g. `5m`, `1h`, `14d`, `PT1H`
 * @returns microseconds, or `undefined` when the text is not a duration
 * @example
 * ```ts
 * import { parseRuleDuration } from "./rule_duration.ts";
 * parseRuleDuration("5m"); // 300000000
 * parseRuleDuration("PT1H"); // 3600000000
 * parseRuleDuration("five minutes"); // undefined
 * ```
 */
export function parseRuleDuration(text: string): number | undefined {
  // Units are case-insensitive: the public rule library has `2H` and `1D` next to `5m`.
  const short = /^(\d+)([smhd])$/i.exec(text.trim());
  if (short !== null) return Number(short[1]) * MICROS[short[2].toLowerCase()];
  const iso = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i.exec(text.trim());
  if (iso === null || text.trim().toUpperCase() === "P" || /T$/i.test(text.trim())) return undefined;
  const [, d, h, m, s] = iso;
  if (d === undefined && h === undefined && m === undefined && s === undefined) return undefined;
  return Number(d ?? 0) * MICROS.d + Number(h ?? 0) * MICROS.h + Number(m ?? 0) * MICROS.m +
    Number(s ?? 0) * MICROS.s;
}

/** Format microseconds the way rule files write them (`5m`, `1h`, `14d`). */
export function formatRuleDuration(micros: number): string {
  for (const unit of ["d", "h", "m", "s"] as const) {
    if (micros % MICROS[unit] === 0) return `${micros / MICROS[unit]}${unit}`;
  }
  return `${micros / 1e6}s`;
}
