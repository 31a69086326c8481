/**
 * Conversions from KQL literal text to run-time values (docs/decisions/0001-value-model.md): datetimes and
 * timespans become microseconds. Each function returns `undefined` for text it cannot read, so the parser can
 * report an invalid literal with its span.
 */
import { TIMESPAN_UNITS } from "../syntax/token.ts";

const ISO_DATETIME =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2})(?::(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Read the content of `datetime(...)` as microseconds since the epoch (UTC); `null` for `datetime(null)`.
 *
 * @example
 * ```ts
 * import { datetimeMicros } from "./literal_values.ts";
 * datetimeMicros("2024-01-01 10:00"); // 1704103200000000
 * ```
 */
export function datetimeMicros(content: string): number | null | undefined {
  const text = content.trim();
  if (text.toLowerCase() === "null") return null;
  const m = ISO_DATETIME.exec(text);
  if (m) {
    const [, y, mo, d, h, mi, s, frac, zone] = m;
    const month = Number(mo), day = Number(d), hour = Number(h ?? 0), minute = Number(mi ?? 0);
    const second = Number(s ?? 0);
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
      return undefined;
    }
    let ms = Date.UTC(Number(y), month - 1, day, hour, minute, second);
    if (new Date(ms).getUTCDate() !== day) return undefined; // e.g. 2023-02-30
    if (zone && zone.toUpperCase() !== "Z") {
      const sign = zone[0] === "-" ? -1 : 1;
      const digits = zone.slice(1).replace(":", "");
      ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
    }
    const micros = frac ? Number(frac.padEnd(6, "0").slice(0, 6)) : 0;
    return ms * 1000 + micros;
  }
  // Other forms Kusto accepts (RFC 822/850, `Sat, 8 Nov 2014 15:05:02 GMT`): read as UTC.
  if (!/[a-z]/i.test(text)) return undefined;
  const hasZone = /\b(GMT|UTC|Z)\b|[+-]\d{4}$/i.test(text);
  const ms = Date.parse(hasZone ? text : `${text} GMT`);
  return Number.isNaN(ms) ? undefined : ms * 1000;
}

const CLOCK = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?$/;
const UNIT_NUMBER = /^(-)?(\d+(?:\.\d+)?)\s*([a-z]+)?$/i;

/**
 * Read a timespan (`1d`, `1.5h`, `100ms`, `1.02:03:04.5`, `00:10:00`, a bare number of days) as microseconds;
 * `null` for `time(null)`.
 *
 * @example
 * ```ts
 * import { timespanMicros } from "./literal_values.ts";
 * timespanMicros("1.5h"); // 5400000000
 * ```
 */
export function timespanMicros(content: string): number | null | undefined {
  const text = content.trim();
  if (text.toLowerCase() === "null") return null;
  const clock = CLOCK.exec(text);
  if (clock) {
    const [, neg, days, h, m, s, frac] = clock;
    const seconds = Number(days ?? 0) * 86_400 + Number(h) * 3600 + Number(m) * 60 + Number(s ?? 0);
    const micros = seconds * 1_000_000 + (frac ? Number(frac.padEnd(7, "0")) / 10 : 0);
    return neg ? -micros : micros;
  }
  const unit = UNIT_NUMBER.exec(text);
  if (!unit) return undefined;
  const [, neg, amount, suffix] = unit;
  const scale = suffix === undefined ? TIMESPAN_UNITS.d : TIMESPAN_UNITS[suffix.toLowerCase()];
  if (scale === undefined) return undefined;
  const micros = Number(amount) * scale;
  return neg ? -micros : micros;
}

const GUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** Read the content of `guid(...)`: the GUID text, `null` for `guid(null)`, undefined when malformed. */
export function guidValue(content: string): string | null | undefined {
  const text = content.trim();
  if (text.toLowerCase() === "null") return null;
  return GUID.test(text) ? text : undefined;
}

/** Read an integer literal (`10`, `0x1F`); undefined when it is not one. */
export function longValue(text: string): number | undefined {
  if (/^0x[0-9a-f]+$/i.test(text)) return parseInt(text.slice(2), 16);
  return /^\d+$/.test(text) ? Number(text) : undefined;
}
