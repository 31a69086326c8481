import type { ColumnSchema, ScalarType } from "../symbols/types.ts";
import { toBool, toDatetime, toGuid, toInt, toLong, toReal, toTimespan } from "./convert.ts";
import { toKqlString } from "./to_string.ts";
import type { Value } from "./value.ts";

/** Decodes one JSON value of a row into the run-time value of a column type. */
export type ValueDecoder = (raw: unknown) => Value;

function isJsonValue(raw: unknown): raw is Value {
  return raw === null || typeof raw === "string" || typeof raw === "number" || typeof raw === "boolean" ||
    typeof raw === "object";
}

const DECODERS: Readonly<Record<ScalarType, ValueDecoder>> = {
  bool: (raw) => typeof raw === "boolean" ? raw : isJsonValue(raw) ? toBool(raw) : null,
  int: (raw) => typeof raw === "number" && Number.isInteger(raw) ? raw : isJsonValue(raw) ? toInt(raw) : null,
  long: (raw) =>
    typeof raw === "number" && Number.isInteger(raw) ? raw : isJsonValue(raw) ? toLong(raw) : null,
  real: (raw) => typeof raw === "number" ? raw : isJsonValue(raw) ? toReal(raw) : null,
  decimal: (raw) => typeof raw === "number" ? raw : isJsonValue(raw) ? toReal(raw) : null,
  // Kusto strings are never null: a missing or null string field reads as the empty string.
  string: (raw) =>
    typeof raw === "string" ? raw : raw === undefined || raw === null ? "" : toKqlString(raw as Value),
  // Event rows carry datetimes as ISO 8601 text; numbers are not guessed at (seconds? millis?) and become null.
  datetime: (raw) => typeof raw === "string" ? toDatetime(raw) : null,
  timespan: (raw) => typeof raw === "string" ? toTimespan(raw) : null,
  guid: (raw) => typeof raw === "string" ? (toGuid(raw) ?? raw) : null,
  // Sources often send nested JSON as text in a dynamic column; Kusto's ingestion parses it, so do we.
  dynamic: (raw) => {
    if (typeof raw === "string") {
      const first = raw.charCodeAt(0);
      if (first === 123 || first === 91) {
        try {
          return JSON.parse(raw) as Value;
        } catch {
          return raw;
        }
      }
      return raw;
    }
    return raw === undefined ? null : isJsonValue(raw) ? raw : null;
  },
};

/**
 * The decoder of a column type: turns a JSON value from an event row (an ISO string for a datetime, a number for
 * a long, nested JSON or JSON text for dynamic) into the run-time value once, so that evaluation never parses.
 * Values that do not fit the type become null.
 *
 * @param type The column type.
 * @returns The decoder.
 * @example
 * ```ts
 * valueDecoder("datetime")("2024-01-01T00:00:00Z"); // 1704067200000000
 * ```
 */
export function valueDecoder(type: ScalarType): ValueDecoder {
  return DECODERS[type];
}

/**
 * Decodes one JSON value into the run-time value of a type (see {@link valueDecoder}).
 *
 * @param raw The JSON value (`undefined` for a missing field).
 * @param type The column type.
 * @returns The run-time value.
 * @example
 * ```ts
 * decodeValue("00:05:00", "timespan"); // 300000000
 * ```
 */
export function decodeValue(raw: unknown, type: ScalarType): Value {
  return DECODERS[type](raw);
}

/**
 * A decoder for whole rows of a schema, built once per query: reads each column of a JSON object row into an
 * array in column order. It is driven by the row's own fields, because event tables are wide (SecurityEvent has 223
 * columns) and an event fills a dozen; a missing field gets what its column's decoder gives for a missing value
 * ("" for a string, null otherwise). Only own fields count: a column named `constructor` is not read off the
 * object's prototype.
 *
 * @param columns The columns to read, in the order of the output array.
 * @returns A function from a JSON row object to the run-time values.
 * @example
 * ```ts
 * const decode = rowDecoder([{ name: "TimeGenerated", type: "datetime" }, { name: "Count", type: "long" }]);
 * decode({ TimeGenerated: "1970-01-01T00:00:01Z", Count: 3 }); // [1000000, 3]
 * ```
 */
export function rowDecoder(columns: readonly ColumnSchema[]): (row: Record<string, unknown>) => Value[] {
  const index = new Map(columns.map((c, i) => [c.name, i]));
  const decoders = columns.map((c) => DECODERS[c.type]);
  const defaults: Value[] = columns.map((c) => DECODERS[c.type](undefined));
  return (row) => {
    const out = defaults.slice();
    for (const key of Object.keys(row)) {
      const i = index.get(key);
      if (i !== undefined) out[i] = decoders[i](row[key]);
    }
    return out;
  };
}
