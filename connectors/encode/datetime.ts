/**
 * Datetime normalisation for rows: every connector turns its source's time format into the row encoding of a
 * `datetime` column, an ISO 8601 UTC string ending in `Z` (see connectors/connector.ts).
 */

const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|UTC|[+-]\d{2}(?::?\d{2})?)?$/;

/** Sentinel portal exports: `3/31/2022, 10:52:35.857 AM`. */
const PORTAL_PATTERN =
  /^(\d{1,2})\/(\d{1,2})\/(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(AM|PM)?$/i;

/** Latest instant Kusto can hold (year 9999); also keeps Date arithmetic in range. */
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
/** 0001-01-01T00:00:00Z, Kusto's earliest datetime. */
const MIN_MS = -62135596800000;

/**
 * Parse an ISO 8601 or Sentinel-portal date-time string into the row encoding, or null when it is not one.
 * Offsets are applied; a string without an offset is taken as UTC (as Sentinel does). Microseconds are kept.
 *
 * @param text The source's time string.
 * @returns `YYYY-MM-DDTHH:MM:SS.sss[sss]Z` or null.
 * @example
 * ```ts
 * parseDatetime("2024-03-01T10:00:00.1234567+01:00"); // "2024-03-01T09:00:00.123456Z"
 * ```
 */
export function parseDatetime(text: string): string | null {
  const fast = CANONICAL.exec(text);
  if (fast) return canonical(text, fast);
  const trimmed = text.trim();
  const iso = ISO_PATTERN.exec(trimmed);
  if (iso) {
    const [, y, mo, d, h = "0", mi = "0", s = "0", fraction = "", zone = ""] = iso;
    return fromParts({
      y: +y,
      mo: +mo,
      d: +d,
      h: +h,
      mi: +mi,
      s: +s,
      fraction,
      offsetMinutes: zoneMinutes(zone),
    });
  }
  const portal = PORTAL_PATTERN.exec(trimmed);
  if (portal) {
    const [, mo, d, y, hText, mi, s = "0", fraction = "", meridiem = ""] = portal;
    let h = +hText;
    if (meridiem.toUpperCase() === "PM" && h < 12) h += 12;
    if (meridiem.toUpperCase() === "AM" && h === 12) h = 0;
    return fromParts({ y: +y, mo: +mo, d: +d, h, mi: +mi, s: +s, fraction, offsetMinutes: 0 });
  }
  return null;
}

/** Units of an epoch number. */
export type EpochUnit = "s" | "ms" | "us" | "ns";

const PER_MS: Record<EpochUnit, number> = { s: 1e-3, ms: 1, us: 1e3, ns: 1e6 };

/**
 * Turn an epoch number (or numeric string) in the given unit into the row encoding, or null when out of range.
 *
 * @param value Seconds, milliseconds, microseconds or nanoseconds since 1970-01-01 UTC.
 * @param unit The unit of `value`.
 * @returns The ISO string or null.
 * @example
 * ```ts
 * fromEpoch(1700000000, "s"); // "2023-11-14T22:13:20.000Z"
 * ```
 */
export function fromEpoch(value: number | string, unit: EpochUnit): string | null {
  const text = typeof value === "string" ? value.trim() : "";
  if (typeof value === "string" && /^-?\d{1,30}$/.test(text) && (unit === "us" || unit === "ns")) {
    // Integer micro/nanoseconds exceed float precision: divide exactly.
    const micros = BigInt(text) / (unit === "ns" ? 1000n : 1n);
    const ms = Number(micros / 1000n) - (micros < 0n && micros % 1000n !== 0n ? 1 : 0);
    if (ms > MAX_MS || ms < MIN_MS) return null;
    return withMicros(new Date(ms).toISOString(), Number(((micros % 1000n) + 1000n) % 1000n));
  }
  const number = typeof value === "string" ? Number(text) : value;
  if (typeof value === "string" && text === "") return null;
  if (!Number.isFinite(number)) return null;
  const ms = number / PER_MS[unit];
  if (ms > MAX_MS || ms < MIN_MS) return null;
  // Round to whole microseconds first: 1426279439.123 s is 1426279439122.9998 ms in floating point.
  const totalMicros = Math.round(ms * 1000);
  const whole = Math.floor(totalMicros / 1000);
  return withMicros(new Date(whole).toISOString(), totalMicros - whole * 1000);
}

/**
 * The row encoding of any time value a source may carry: a string (ISO, portal or epoch digits), a number
 * (epoch in `numberUnit`) or a Date. Anything else, or an invalid time, gives null.
 *
 * @param value The source value.
 * @param options `numberUnit`: unit of numbers and digit-only strings (default `"ms"`).
 * @returns The ISO string or null.
 * @example
 * ```ts
 * toDatetime("1700000000000"); // "2023-11-14T22:13:20.000Z"
 * ```
 */
export function toDatetime(value: unknown, options: { numberUnit?: EpochUnit } = {}): string | null {
  const unit = options.numberUnit ?? "ms";
  if (typeof value === "number") return fromEpoch(value, unit);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value !== "string") return null;
  if (/^\s*-?\d+(\.\d+)?\s*$/.test(value)) return fromEpoch(value, unit);
  return parseDatetime(value);
}

/** The UTC `Z` form most sources send; read without Date arithmetic since it is on every event's path. */
const CANONICAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function canonical(text: string, match: RegExpExecArray): string | null {
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > days) return null;
  if (Number(match[4]) > 23 || Number(match[5]) > 59 || Number(match[6]) > 59) return null;
  const fraction = match[7] ?? "";
  const micros = fraction.length > 3 ? (fraction + "000").slice(3, 6) : "000";
  return `${text.slice(0, 19)}.${(fraction + "000").slice(0, 3)}${micros === "000" ? "" : micros}Z`;
}

interface Parts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  fraction: string;
  offsetMinutes: number | null;
}

function fromParts(p: Parts): string | null {
  if (p.offsetMinutes === null) return null;
  if (p.mo < 1 || p.mo > 12 || p.d < 1 || p.d > 31 || p.h > 23 || p.mi > 59 || p.s > 60) return null;
  const date = new Date(0);
  // setUTCFullYear keeps years below 100 literal, which Date.UTC would shift to 19xx.
  date.setUTCFullYear(p.y, p.mo - 1, p.d);
  date.setUTCHours(p.h, p.mi, Math.min(p.s, 59), Number((p.fraction + "000").slice(0, 3)));
  if (date.getUTCDate() !== p.d) return null; // e.g. 31 February
  const ms = date.getTime() - p.offsetMinutes * 60_000;
  if (Number.isNaN(ms) || ms > MAX_MS || ms < MIN_MS) return null;
  const micros = Number((p.fraction + "000000").slice(3, 6));
  return withMicros(new Date(ms).toISOString(), micros);
}

function zoneMinutes(zone: string): number | null {
  if (zone === "" || zone === "Z" || zone === "z" || zone === "UTC") return 0;
  const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!match) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? "0");
  if (minutes > 18 * 60) return null;
  return match[1] === "-" ? -minutes : minutes;
}

function withMicros(iso: string, micros: number): string {
  if (micros <= 0) return iso;
  return iso.slice(0, -1) + String(micros).padStart(3, "0") + "Z";
}
