/**
 * A query result as the alert builder reads it, and the conversion of its run-time values into JSON the way the
 * Kusto REST v2 format writes them (datetime as ISO 8601 with `Z`, timespan as `[-][d.]hh:mm:ss[.fffffff]`).
 */
import type { ScalarType } from "../../query/symbols/mod.ts";
import { formatDatetime, formatTimespan, type Value } from "../../query/values/mod.ts";

/** A result: typed columns and rows of run-time values, one per column. */
export interface ResultTable {
  readonly columns: readonly { readonly name: string; readonly type: ScalarType }[];
  readonly rows: readonly (readonly Value[])[];
}

/** JSON as alerts carry it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * One value as JSON, by its column type.
 *
 * @param type the column type
 * @param value the run-time value
 * @returns the JSON value
 */
export function valueToJson(type: ScalarType, value: Value): Json {
  if (value === null || value === undefined) return null;
  if (type === "datetime" && typeof value === "number") return formatDatetime(value);
  if (type === "timespan" && typeof value === "number") return formatTimespan(value);
  if (typeof value === "number" && !Number.isFinite(value)) {
    return Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
  }
  return value as Json;
}

/**
 * A result row as a JSON object keyed by column name.
 *
 * @param table the result
 * @param row one of its rows
 * @returns the object
 */
export function rowToObject(table: ResultTable, row: readonly Value[]): Record<string, Json> {
  const out: Record<string, Json> = {};
  table.columns.forEach((c, i) => (out[c.name] = valueToJson(c.type, row[i])));
  return out;
}
