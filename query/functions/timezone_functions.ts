import type { Value } from "../values/value.ts";
import { define, type ScalarFunctionTable } from "./scalar_function.ts";

/**
 * `datetime_utc_to_local` and `datetime_local_to_utc` with IANA time zone names, using the web-standard
 * `Intl.DateTimeFormat` (its tz database), so no runtime API is touched.
 */

/** Formatters per zone; a pure memo of `Intl` objects, bounded, so sharing it cannot change results. */
const FORMATTERS = new Map<string, Intl.DateTimeFormat | null>();

function formatter(zone: string): Intl.DateTimeFormat | null {
  let f = FORMATTERS.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone: zone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
        era: "short",
      });
    } catch {
      f = null;
    }
    if (FORMATTERS.size >= 500) FORMATTERS.delete(FORMATTERS.keys().next().value!);
    FORMATTERS.set(zone, f);
  }
  return f;
}

/** The zone's offset from UTC at a UTC instant, in milliseconds (whole seconds). */
function offsetAt(f: Intl.DateTimeFormat, utcMillis: number): number {
  const fields: Record<string, number> = {};
  let bc = false;
  for (const part of f.formatToParts(new Date(utcMillis))) {
    if (part.type === "era") bc = part.value.startsWith("B");
    else if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  const year = bc ? 1 - fields.year : fields.year;
  const date = new Date(0);
  date.setUTCFullYear(year, fields.month - 1, fields.day);
  date.setUTCHours(fields.hour, fields.minute, fields.second, 0);
  return date.getTime() - (utcMillis - (((utcMillis % 1000) + 1000) % 1000));
}

function utcToLocal(value: Value, zone: Value): number | null {
  if (typeof value !== "number" || typeof zone !== "string") return null;
  const f = formatter(zone);
  if (f === null) return null;
  return value + offsetAt(f, Math.floor(value / 1000)) * 1000;
}

function localToUtc(value: Value, zone: Value): number | null {
  if (typeof value !== "number" || typeof zone !== "string") return null;
  const f = formatter(zone);
  if (f === null) return null;
  // Two passes: the offset at the local time read as UTC, then the offset at the instant that gives.
  const guess = value - offsetAt(f, Math.floor(value / 1000)) * 1000;
  return value - offsetAt(f, Math.floor(guess / 1000)) * 1000;
}

/** Time-zone conversions; an unknown zone gives null. */
export const TIMEZONE_FUNCTIONS: ScalarFunctionTable = {
  datetime_utc_to_local: define([2, 2], "datetime", ([dt, zone]) => utcToLocal(dt, zone)),
  datetime_local_to_utc: define([2, 2], "datetime", ([dt, zone]) => localToUtc(dt, zone)),
};
