import type { ScalarType } from "../symbols/types.ts";
import { formatDatetime } from "./datetime_format.ts";
import { formatTimespan } from "./timespan.ts";
import type { Value } from "./value.ts";

/**
 * Formats a `real` as .NET's shortest round-trip `double.ToString()` does, which is what Kusto prints: fixed
 * notation for decimal exponents -5 < e < 15, otherwise `1.5E+20` / `1E-05` (two-digit exponent at least).
 *
 * @param value The number.
 * @returns Its text.
 * @example
 * ```ts
 * formatReal(1e20); // "1E+20"
 * formatReal(0.25); // "0.25"
 * ```
 */
export function formatReal(value: number): string {
  if (value !== value) return "NaN";
  if (value === Infinity) return "Infinity";
  if (value === -Infinity) return "-Infinity";
  if (value === 0) return "0";
  const exponential = value.toExponential();
  const e = exponential.indexOf("e");
  const exponent = Number(exponential.slice(e + 1));
  if (exponent > -5 && exponent < 15) return String(value);
  const digits = exponent < 0 ? -exponent : exponent;
  return exponential.slice(0, e) + "E" + (exponent < 0 ? "-" : "+") + (digits < 10 ? "0" + digits : digits);
}

/**
 * Kusto's `tostring()` of a value of a known type: null gives `""`, `bool` gives `true`/`false`, `datetime` ISO
 * 8601 with `Z`, `timespan` `[-][d.]hh:mm:ss[.fffffff]`, `real` as .NET prints doubles, a dynamic string its text
 * (without quotes) and other dynamic values their compact JSON.
 *
 * @param value The run-time value.
 * @param type Its static type; `dynamic` when unknown.
 * @returns The text.
 * @example
 * ```ts
 * toKqlString(0, "datetime"); // "1970-01-01T00:00:00Z"
 * toKqlString({ a: 1 }, "dynamic"); // '{"a":1}'
 * ```
 */
export function toKqlString(value: Value, type: ScalarType = "dynamic"): string {
  if (value === null) return "";
  switch (typeof value) {
    case "string":
      return value;
    case "boolean":
      return value ? "true" : "false";
    case "number":
      return numberToString(value, type);
    default:
      return JSON.stringify(value);
  }
}

function numberToString(value: number, type: ScalarType): string {
  switch (type) {
    case "datetime":
      return formatDatetime(value);
    case "timespan":
      return formatTimespan(value);
    case "real":
    case "decimal":
      return formatReal(value);
    case "int":
    case "long":
      return Number.isInteger(value) ? BigInt(value).toString() : formatReal(value);
    default:
      return Number.isInteger(value) && Math.abs(value) < 1e21 ? BigInt(value).toString() : formatReal(value);
  }
}
