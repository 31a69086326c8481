import type { ScalarType } from "../symbols/types.ts";
import { formatDatetime, formatTimespan, type Value } from "../values/mod.ts";

/**
 * A value as Kusto's REST v2 API writes it for a column type: datetimes as ISO 8601 UTC with `Z`, timespans as
 * `[-][d.]hh:mm:ss[.fffffff]`, dynamic as the JSON value, NaN and infinities as the strings `"NaN"`,
 * `"Infinity"`, `"-Infinity"`.
 *
 * @example
 * ```ts
 * import { toRestValue } from "./rest_value.ts";
 * toRestValue(3_600_000_000, "timespan"); // "01:00:00"
 * toRestValue(NaN, "real"); // "NaN"
 * ```
 */
export function toRestValue(value: Value, type: ScalarType): unknown {
  if (value === null) return null;
  if (typeof value === "number") {
    if (type === "datetime") return formatDatetime(value);
    if (type === "timespan") return formatTimespan(value);
    if (Number.isNaN(value)) return "NaN";
    if (value === Infinity) return "Infinity";
    if (value === -Infinity) return "-Infinity";
  }
  return value;
}
