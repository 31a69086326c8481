/**
 * The storage convention shared by the snapshotter (which creates and fills the DuckDB tables) and the KQL to
 * SQL compiler (which reads them): one table per KQL table, named exactly like it; the catalog's columns in
 * order; each Kusto type stored as the DuckDB type below. Datetimes are microsecond TIMESTAMPs (UTC) and
 * timespans BIGINT microseconds, the same numbers as our value model (query/values); `dynamic` is VARCHAR holding
 * the JSON text, because DuckDB-WASM here has no json extension.
 *
 * Every identifier and literal that reaches SQL goes through {@linkcode quoteIdent} or {@linkcode sqlLiteral}:
 * no text, however hostile, can end a quoted token early.
 */
import type { ScalarType, TableSchema } from "../symbols/types.ts";
import type { Value } from "../values/mod.ts";

/** A DuckDB column type used by the storage convention. */
export type DuckDbType = "VARCHAR" | "INTEGER" | "BIGINT" | "DOUBLE" | "BOOLEAN" | "TIMESTAMP";

const DUCKDB_TYPES = {
  string: "VARCHAR",
  guid: "VARCHAR",
  int: "INTEGER",
  long: "BIGINT",
  real: "DOUBLE",
  decimal: "DOUBLE",
  bool: "BOOLEAN",
  datetime: "TIMESTAMP",
  timespan: "BIGINT",
  dynamic: "VARCHAR",
} as const satisfies Record<ScalarType, DuckDbType>;

/**
 * The DuckDB type that stores a Kusto type.
 *
 * @param type the Kusto scalar type
 * @returns the DuckDB type name
 * @example
 * ```ts
 * import { duckDbType } from "./duckdb_types.ts";
 * duckDbType("timespan"); // "BIGINT" (microseconds)
 * ```
 */
export function duckDbType(type: ScalarType): DuckDbType {
  return DUCKDB_TYPES[type];
}

/**
 * Quote an identifier (table or column name) for DuckDB: double quotes, inner quotes doubled. DuckDB
 * identifiers cannot hold NUL, so a NUL becomes U+FFFD; every component applies the same mapping.
 *
 * @param name the name as KQL spells it
 * @returns the quoted identifier
 * @example
 * ```ts
 * import { quoteIdent } from "./duckdb_types.ts";
 * quoteIdent('a"b'); // '"a""b"'
 * ```
 */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll("\0", "\uFFFD").replaceAll('"', '""')}"`;
}

/** Characters that are spelled with `chr()` instead of appearing inside a quoted literal. */
// deno-lint-ignore no-control-regex
const SPECIAL_CHARS = /[\u0000-\u001f\u007f]/;
// deno-lint-ignore no-control-regex
const SPECIAL_CHARS_GLOBAL = /[\u0000-\u001f\u007f]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A VARCHAR literal: single quotes with inner quotes doubled (DuckDB literals have no backslash escapes);
 * control characters, NUL included, are concatenated with `chr(n)` so the SQL text stays printable.
 *
 * @param text the string
 * @returns the SQL expression, or undefined when the text has a lone UTF-16 surrogate (no UTF-8 spelling)
 * @example
 * ```ts
 * import { sqlString } from "./duckdb_types.ts";
 * sqlString("it's"); // "'it''s'"
 * ```
 */
export function sqlString(text: string): string | undefined {
  if (LONE_SURROGATE.test(text)) return undefined;
  if (!SPECIAL_CHARS.test(text)) return `'${text.replaceAll("'", "''")}'`;
  const parts: string[] = [];
  let last = 0;
  for (const match of text.matchAll(SPECIAL_CHARS_GLOBAL)) {
    const at = match.index;
    if (at > last) parts.push(`'${text.slice(last, at).replaceAll("'", "''")}'`);
    parts.push(`chr(${text.charCodeAt(at)})`);
    last = at + 1;
  }
  if (last < text.length) parts.push(`'${text.slice(last).replaceAll("'", "''")}'`);
  return `(${parts.join(" || ")})`;
}

function numberLiteral(n: number, type: DuckDbType): string {
  if (Number.isNaN(n)) return `CAST('NaN' AS ${type})`;
  if (n === Infinity) return `CAST('Infinity' AS ${type})`;
  if (n === -Infinity) return `CAST('-Infinity' AS ${type})`;
  return `CAST(${n < 0 || Object.is(n, -0) ? `(${n === 0 ? "-0.0" : String(n)})` : String(n)} AS ${type})`;
}

/**
 * A typed SQL literal for one of our values, in the storage convention.
 *
 * @param value the value (our value model)
 * @param type its Kusto type
 * @returns the SQL expression, or undefined when the value has no faithful SQL spelling (the caller falls back)
 * @example
 * ```ts
 * import { sqlLiteral } from "./duckdb_types.ts";
 * sqlLiteral(null, "long"); // "CAST(NULL AS BIGINT)"
 * sqlLiteral(1_700_000_000_000_000, "datetime"); // "make_timestamp(CAST(1700000000000000 AS BIGINT))"
 * ```
 */
export function sqlLiteral(value: Value, type: ScalarType): string | undefined {
  const sqlType = DUCKDB_TYPES[type];
  if (value === null) return `CAST(NULL AS ${sqlType})`;
  switch (type) {
    case "string":
    case "guid":
      return typeof value === "string" ? sqlString(value) : undefined;
    case "dynamic":
      return sqlString(JSON.stringify(value));
    case "bool":
      return typeof value === "boolean" ? (value ? "TRUE" : "FALSE") : undefined;
    case "int":
    case "long":
    case "timespan":
      return typeof value === "number" && Number.isSafeInteger(value)
        ? numberLiteral(value, sqlType)
        : undefined;
    case "datetime":
      return typeof value === "number" && Number.isSafeInteger(value)
        ? `make_timestamp(${numberLiteral(value, "BIGINT")})`
        : undefined;
    case "real":
    case "decimal":
      return typeof value === "number" ? numberLiteral(value, "DOUBLE") : undefined;
  }
}

/**
 * The `CREATE TABLE` statement for a table schema in the storage convention.
 *
 * @param schema the table schema from the catalog
 * @param options `ifNotExists` to tolerate an existing table
 * @returns the SQL statement
 * @example
 * ```ts
 * import { createTableSql } from "./duckdb_types.ts";
 * createTableSql({ name: "T", columns: [{ name: "TimeGenerated", type: "datetime" }] });
 * // 'CREATE TABLE "T" ("TimeGenerated" TIMESTAMP)'
 * ```
 */
export function createTableSql(schema: TableSchema, options: { ifNotExists?: boolean } = {}): string {
  const columns = schema.columns.map((c) => `${quoteIdent(c.name)} ${DUCKDB_TYPES[c.type]}`).join(", ");
  return `CREATE TABLE ${options.ifNotExists ? "IF NOT EXISTS " : ""}${quoteIdent(schema.name)} (${columns})`;
}
