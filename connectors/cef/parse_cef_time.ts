import { fromEpoch, parseDatetime } from "../encode/datetime.ts";

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const CEF_DATE =
  /^([A-Za-z]{3}) {1,2}(\d{1,2})(?: (\d{4}))? (\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?(?: (GMT|UTC|Z|[+-]\d{2}:?\d{2}))?$/;

/**
 * A CEF time value (`rt`, `start`, `end`) as a row datetime. CEF allows milliseconds since the epoch or
 * `MMM dd [yyyy] HH:mm:ss[.SSS] [zone]`; ISO 8601 is accepted too since many senders use it. A time without a year
 * takes the arrival year; a zone other than GMT/UTC or a numeric offset is not guessed (null).
 *
 * @param text The value.
 * @param receivedAt Arrival time, for the year.
 * @returns The ISO string or null.
 * @example
 * ```ts
 * parseCefTime("Mar 01 2024 12:00:00 GMT", new Date()); // "2024-03-01T12:00:00.000Z"
 * ```
 */
export function parseCefTime(text: string, receivedAt: Date): string | null {
  const trimmed = text.trim();
  if (/^\d{13}$/.test(trimmed)) return fromEpoch(trimmed, "ms");
  if (/^\d{10}$/.test(trimmed)) return fromEpoch(trimmed, "s");
  const match = CEF_DATE.exec(trimmed);
  if (!match) return parseDatetime(trimmed);
  const [, monthName, day, year, h, mi, s, fraction = "", zone = "Z"] = match;
  const month = MONTHS.indexOf(monthName.toLowerCase());
  if (month === -1) return null;
  const offset = zone === "GMT" || zone === "UTC" ? "Z" : zone;
  const y = year ?? String(receivedAt.getUTCFullYear());
  return parseDatetime(
    `${y}-${String(month + 1).padStart(2, "0")}-${day.padStart(2, "0")}T${h}:${mi}:${s}${fraction}${offset}`,
  );
}
