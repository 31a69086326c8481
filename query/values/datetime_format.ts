import { civilFromDays } from "./calendar.ts";
import { MICROS_PER_DAY } from "./value.ts";

function pad2(n: number): string {
  return n < 10 ? "0" + n : String(n);
}

function pad4(n: number): string {
  return n < 10 ? "000" + n : n < 100 ? "00" + n : n < 1000 ? "0" + n : String(n);
}

/**
 * Formats a datetime as ISO 8601 UTC with `Z`, as Kusto's REST v2 responses and `tostring()` do:
 * `2015-12-31T23:59:59.9000000Z`; the fraction (always 7 digits) is omitted when it is zero.
 *
 * @param micros Microseconds since the Unix epoch.
 * @returns The ISO 8601 text.
 * @example
 * ```ts
 * formatDatetime(0); // "1970-01-01T00:00:00Z"
 * formatDatetime(1_500_000); // "1970-01-01T00:00:01.5000000Z"
 * ```
 */
export function formatDatetime(micros: number): string {
  const days = Math.floor(micros / MICROS_PER_DAY);
  const { year, month, day } = civilFromDays(days);
  let rest = micros - days * MICROS_PER_DAY;
  const fraction = rest % 1_000_000;
  rest = (rest - fraction) / 1_000_000;
  const second = rest % 60;
  rest = (rest - second) / 60;
  const minute = rest % 60;
  const hour = (rest - minute) / 60;
  const base = pad4(year) + "-" + pad2(month) + "-" + pad2(day) + "T" + pad2(hour) + ":" + pad2(minute) +
    ":" +
    pad2(second);
  return fraction === 0 ? base + "Z" : base + "." + String(fraction).padStart(6, "0") + "0Z";
}
