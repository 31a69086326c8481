/**
 * Scalar coercions used by the mappers: source values (often strings, sometimes numbers) to the row encoding of a
 * column's Kusto type. Each returns null when the value does not fit, so a bad field leaves its column empty
 * instead of failing the record (Sentinel does the same for mistyped columns).
 */

import type { JsonValue } from "../connector.ts";

/**
 * A `string` column value: strings as they are, numbers and booleans as text, anything else null.
 *
 * @param value The source value.
 * @returns The string or null (empty strings count as absent).
 * @example
 * ```ts
 * toStr(443); // "443"
 * ```
 */
export function toStr(value: unknown): string | null {
  if (typeof value === "string") return value === "" ? null : value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "boolean") return String(value);
  return null;
}

/**
 * An `int`/`long` column value from a number or decimal/hex digit string; null when not a safe integer.
 *
 * @param value The source value.
 * @returns The integer or null.
 * @example
 * ```ts
 * toInt(" 8080 "); // 8080
 * ```
 */
export function toInt(value: unknown): number | null {
  if (typeof value === "number") return Number.isSafeInteger(value) ? value : null;
  if (typeof value !== "string") return null;
  if (isPlainDigits(value)) return Number(value); // the common case, without regular expressions
  const text = value.trim();
  if (!/^[+-]?(\d+|0[xX][0-9a-fA-F]+)$/.test(text)) return null;
  const number = /^[+-]?0[xX]/.test(text)
    ? (text.startsWith("-") ? -1 : 1) * parseInt(text.replace(/^[+-]/, ""), 16)
    : Number(text);
  return Number.isSafeInteger(number) ? number : null;
}

/** Up to 15 decimal digits with an optional minus: always a safe integer. */
function isPlainDigits(text: string): boolean {
  const start = text.charCodeAt(0) === 0x2d ? 1 : 0;
  if (text.length === start || text.length - start > 15) return false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/**
 * A `real` column value from a number or numeric string; null when not finite.
 *
 * @param value The source value.
 * @returns The number or null.
 * @example
 * ```ts
 * toReal("1.5"); // 1.5
 * ```
 */
export function toReal(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string" || value.trim() === "") return null;
  const number = Number(value.trim());
  return Number.isFinite(number) ? number : null;
}

/**
 * A `bool` column value from a boolean, `true`/`false`/`1`/`0` text or 0/1.
 *
 * @param value The source value.
 * @returns The boolean or null.
 * @example
 * ```ts
 * toBool("True"); // true
 * ```
 */
export function toBool(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value !== "string") return null;
  const lower = value.trim().toLowerCase();
  if (lower === "true" || lower === "1") return true;
  if (lower === "false" || lower === "0") return false;
  return null;
}

/**
 * A `dynamic` column value: JSON values as they are; a string holding a JSON object or array is parsed (sources
 * such as diagnostic exports often stringify nested objects); undefined becomes null.
 *
 * @param value The source value.
 * @returns The JSON value.
 * @example
 * ```ts
 * toDynamic('{"a":1}'); // { a: 1 }
 * ```
 */
export function toDynamic(value: unknown): JsonValue {
  if (value === undefined) return null;
  if (typeof value === "string") {
    const trimmed = value.trim();
    if (
      (trimmed.startsWith("{") && trimmed.endsWith("}")) || (trimmed.startsWith("[") && trimmed.endsWith("]"))
    ) {
      try {
        return JSON.parse(trimmed) as JsonValue;
      } catch {
        return value;
      }
    }
    return value === "" ? null : value;
  }
  if (typeof value === "number" && !Number.isFinite(value)) return null;
  return value as JsonValue;
}

/**
 * A `guid` column value: a string in the 8-4-4-4-12 form (braces allowed), lower-cased; null otherwise.
 *
 * @param value The source value.
 * @returns The GUID text or null.
 * @example
 * ```ts
 * toGuid("{6F9619FF-8B86-D011-B42D-00C04FC964FF}"); // "6f9619ff-8b86-d011-b42d-00c04fc964ff"
 * ```
 */
export function toGuid(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const match = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/.exec(
    value.trim(),
  );
  return match ? match[1].toLowerCase() : null;
}
