import type { ScalarType } from "../symbols/types.ts";
import { parseDatetime } from "./datetime_parse.ts";
import { parseTimespan } from "./timespan.ts";
import type { Value } from "./value.ts";

/** Ticks (100 ns) per microsecond: `tolong(datetime)` and `tolong(timespan)` count ticks in Kusto. */
const TICKS_PER_MICRO = 10;

const NUMBER_PATTERN = /^[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)$/;

function parseNumber(text: string): number | null {
  const trimmed = text.trim();
  if (NUMBER_PATTERN.test(trimmed)) return Number(trimmed);
  if (/^0x[0-9a-f]+$/i.test(trimmed)) return Number(trimmed);
  switch (trimmed.toLowerCase()) {
    case "nan":
      return NaN;
    case "infinity":
    case "+infinity":
      return Infinity;
    case "-infinity":
      return -Infinity;
    default:
      return null;
  }
}

/**
 * `toreal()`/`todouble()`: numbers as they are, booleans as 0/1, strings parsed (`"1.5"`, `"1e3"`, `"NaN"`),
 * datetime and timespan as ticks; anything else null.
 *
 * @param value The value.
 * @param type Its static type (datetime and timespan convert to ticks).
 * @returns The number or null.
 * @example
 * ```ts
 * toReal("1.5", "string"); // 1.5
 * ```
 */
export function toReal(value: Value, type: ScalarType = "dynamic"): number | null {
  if (typeof value === "number") {
    return type === "datetime" || type === "timespan" ? value * TICKS_PER_MICRO : value;
  }
  if (typeof value === "string") return parseNumber(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  return null;
}

/**
 * `tolong()`: like {@link toReal} but truncated toward zero; null for NaN, infinities and values outside the
 * signed 64-bit range.
 *
 * @param value The value.
 * @param type Its static type.
 * @returns The integer or null.
 * @example
 * ```ts
 * toLong("123.9", "string"); // 123
 * ```
 */
export function toLong(value: Value, type: ScalarType = "dynamic"): number | null {
  const real = toReal(value, type);
  if (real === null || !Number.isFinite(real) || Math.abs(real) > 9.223372036854776e18) return null;
  return Math.trunc(real) || 0;
}

/**
 * `toint()`: like {@link toLong} but null outside the signed 32-bit range.
 *
 * @param value The value.
 * @param type Its static type.
 * @returns The integer or null.
 * @example
 * ```ts
 * toInt("123", "string"); // 123
 * ```
 */
export function toInt(value: Value, type: ScalarType = "dynamic"): number | null {
  const long = toLong(value, type);
  return long === null || long > 2147483647 || long < -2147483648 ? null : long;
}

/**
 * `tobool()`: booleans as they are, numbers non-zero → true, strings `true`/`false` (any case) or integers.
 *
 * @param value The value.
 * @returns The boolean or null.
 * @example
 * ```ts
 * toBool("TRUE"); // true
 * ```
 */
export function toBool(value: Value): boolean | null {
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== value ? null : value !== 0;
  if (typeof value === "string") {
    const lower = value.trim().toLowerCase();
    if (lower === "true") return true;
    if (lower === "false") return false;
    if (/^[+-]?\d+$/.test(lower)) return Number(lower) !== 0;
  }
  return null;
}

/**
 * `todatetime()`: strings in any Kusto datetime format, datetimes as they are; anything else null.
 *
 * @param value The value.
 * @param type Its static type.
 * @returns Microseconds since the Unix epoch, or null.
 * @example
 * ```ts
 * toDatetime("2024-01-01", "string"); // 1704067200000000
 * ```
 */
export function toDatetime(value: Value, type: ScalarType = "dynamic"): number | null {
  if (typeof value === "string") return parseDatetime(value);
  if (typeof value === "number" && type === "datetime") return value;
  return null;
}

/**
 * `totimespan()`: strings in timespan form, timespans as they are, and numbers (other than datetimes) read as
 * ticks, as Kusto does; anything else null.
 *
 * @param value The value.
 * @param type Its static type.
 * @returns Microseconds, or null.
 * @example
 * ```ts
 * toTimespan("00:01:00", "string"); // 60000000
 * ```
 */
export function toTimespan(value: Value, type: ScalarType = "dynamic"): number | null {
  if (typeof value === "string") return parseTimespan(value);
  if (typeof value === "number") {
    if (type === "timespan") return value;
    if (type === "datetime") return null;
    return Math.round(value / TICKS_PER_MICRO);
  }
  return null;
}

const GUID_PATTERN =
  /^[{(]?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})[})]?$/i;

/**
 * `toguid()`: a string in any of .NET's GUID forms (with or without dashes or braces), normalised to the
 * lower-case `8-4-4-4-12` form; anything else null.
 *
 * @param value The value.
 * @returns The GUID text or null.
 * @example
 * ```ts
 * toGuid("{74BE27DE-1E4E-49D9-B579-FE0B331D3642}"); // "74be27de-1e4e-49d9-b579-fe0b331d3642"
 * ```
 */
export function toGuid(value: Value): string | null {
  if (typeof value !== "string") return null;
  const m = GUID_PATTERN.exec(value.trim());
  if (m === null) return null;
  return `${m[1]}-${m[2]}-${m[3]}-${m[4]}-${m[5]}`.toLowerCase();
}

/**
 * `todynamic()`/`parse_json()`: a string holding JSON becomes that JSON value; a string that is not valid JSON
 * stays a string (as in Kusto); other values are already dynamic.
 *
 * @param value The value.
 * @returns The dynamic value.
 * @example
 * ```ts
 * toDynamic('{"a":1}'); // { a: 1 }
 * ```
 */
export function toDynamic(value: Value): Value {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value) as Value;
  } catch {
    return value;
  }
}
