/**
 * Typing of mapped rows by the shared table catalog (query/symbols, the one source of truth the KQL binder also
 * uses): mappers name Sentinel columns and hand over source values as they come; the encoder turns each value
 * into its column type's row encoding and leaves out columns the table does not have. Types differ between
 * similar tables (SigninLogs.Status is dynamic, AADNonInteractiveUserSignInLogs.Status is a string), so typing by
 * the catalog rather than in each mapper keeps them right.
 */

import type { JsonValue, Row } from "../connector.ts";
import { BUILTIN_TABLES, type ScalarType, type TableSchema } from "../../query/symbols/mod.ts";
import { toBool, toDynamic, toGuid, toInt, toReal } from "./coerce.ts";
import { toDatetime } from "./datetime.ts";

const TIMESPAN = /^-?(\d+\.)?\d{1,2}:\d{2}:\d{2}(\.\d{1,7})?$/;

/** What RowEncoder.encode left out, for callers that report it. */
export interface EncodeReport {
  /** Names the table has no column for. */
  readonly unknown: string[];
  /** Columns whose value does not fit the column type. */
  readonly mistyped: string[];
}

/**
 * Encodes mapped values into rows of one table.
 *
 * @example
 * ```ts
 * const encoder = RowEncoder.forTable("Syslog");
 * encoder.encode({ ProcessID: "42", EventTime: "2024-01-01T00:00:00+01:00", Bogus: 1 });
 * // { ProcessID: 42, EventTime: "2023-12-31T23:00:00.000Z" }
 * ```
 */
export class RowEncoder {
  readonly table: string;
  readonly schema: TableSchema;
  readonly #types: ReadonlyMap<string, ScalarType>;

  /** @param schema The table's schema. */
  constructor(schema: TableSchema) {
    this.schema = schema;
    this.table = schema.name;
    this.#types = new Map(schema.columns.map((column) => [column.name, column.type]));
  }

  /**
   * The encoder of a built-in table.
   *
   * @param name A table of the built-in catalog.
   * @returns Its encoder.
   * @throws Error when the catalog has no such table: a programming error in a connector, caught by its tests.
   */
  static forTable(name: string): RowEncoder {
    const schema = BUILTIN_TABLES.find((table) => table.name === name);
    if (!schema) throw new Error(`Cannot build row encoder: no table "${name}" in the catalog`);
    return new RowEncoder(schema);
  }

  /**
   * Encode values by column type. Null, undefined, empty strings and values that do not fit their type are left
   * out (absent means null).
   *
   * @param values Column name to source value.
   * @param report When given, receives the columns the table does not have and the values that did not fit.
   * @returns The row.
   */
  encode(values: Record<string, unknown>, report?: EncodeReport): Row {
    const row: Row = {};
    for (const name in values) {
      const value = values[name];
      if (value === undefined || value === null || value === "") continue;
      const type = this.#types.get(name);
      if (type === undefined) {
        report?.unknown.push(name);
        continue;
      }
      const encoded = encodeValue(type, value);
      if (encoded !== null) row[name] = encoded;
      else report?.mistyped.push(name);
    }
    return row;
  }

  /**
   * Encode one value into a row, for mappers that fill rows column by column (no intermediate object).
   *
   * @param row The row being built.
   * @param name The column.
   * @param value The source value.
   * @returns `set`, `empty` (null, undefined or ""), `unknown` (no such column) or `mistyped`.
   */
  put(row: Row, name: string, value: unknown): "set" | "empty" | "unknown" | "mistyped" {
    if (value === undefined || value === null || value === "") return "empty";
    const type = this.#types.get(name);
    if (type === undefined) return "unknown";
    const encoded = encodeValue(type, value);
    if (encoded === null) return "mistyped";
    row[name] = encoded;
    return "set";
  }
}

/**
 * The row encoding of a value for a column type, or null when it does not fit.
 *
 * @param type The column's type.
 * @param value The source value.
 * @returns The encoded value or null.
 * @example
 * ```ts
 * encodeValue("string", { a: 1 }); // '{"a":1}'
 * ```
 */
export function encodeValue(type: ScalarType, value: unknown): JsonValue {
  switch (type) {
    case "string":
      if (typeof value === "string") return value;
      if (typeof value === "number" || typeof value === "boolean") return String(value);
      // Sentinel keeps nested objects in string columns as JSON text (e.g. AADNonInteractiveUserSignInLogs).
      return JSON.stringify(value) ?? null;
    case "int":
    case "long":
      if (typeof value === "number" && Number.isInteger(value)) {
        return Number.isSafeInteger(value) ? value : null;
      }
      return toInt(value);
    case "real":
    case "decimal":
      return toReal(value);
    case "bool":
      return toBool(value);
    case "datetime":
      return toDatetime(value);
    case "guid":
      return toGuid(value);
    case "timespan":
      return typeof value === "string" && TIMESPAN.test(value.trim()) ? value.trim() : null;
    case "dynamic":
      return toDynamic(value);
  }
}
