/**
 * The generic JSON path shared by `/api/v1/ingest/{Table}`, the Azure Logs Ingestion API and the other generic
 * protocols: JSON records in, rows of one table out, typed by the table's schema. Pure.
 *
 * Built-in tables keep their Sentinel schema: columns the table does not have are dropped with a warning (as a
 * data collection rule would), values that do not fit their column's type likewise. Custom `*_CL` tables are
 * created on first use and grow a column whenever a record brings a new one, typed from its first value.
 */
import type { RecordError, RecordWarning, Row } from "../connector.ts";
import type { JsonRecord } from "../generic/split_json_body.ts";
import { RowEncoder } from "../encode/row_encoder.ts";
import type { ColumnSchema, ScalarType, TableSchema } from "../../query/symbols/mod.ts";

/** What a batch of records became. */
export interface TableRows {
  readonly rows: Row[];
  readonly errors: RecordError[];
  readonly warnings: RecordWarning[];
}

/** Custom table names as Log Analytics allows them. */
export const CUSTOM_TABLE = /^[A-Za-z][A-Za-z0-9_]{0,252}_CL$/;
const COLUMN_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,499}$/;

/**
 * Turn parsed JSON records into rows of a table.
 *
 * @param schema the table's schema (for a custom table, the one `extendCustomTable` returned for these records)
 * @param records parsed records of the request
 * @param receivedAt arrival time: TimeGenerated when a record has none
 * @returns rows, per-record errors and warnings
 *
 * @example
 * ```ts
 * import { rowsForTable } from "./table_rows.ts";
 * const schema = { name: "App_CL", columns: [{ name: "TimeGenerated", type: "datetime" as const }, { name: "n", type: "long" as const }] };
 * rowsForTable(schema, [{ index: 0, value: { n: 1 }, raw: '{"n":1}' }], new Date(0)).rows[0].TimeGenerated;
 * // "1970-01-01T00:00:00.000Z"
 * ```
 */
export function rowsForTable(
  schema: TableSchema,
  records: readonly JsonRecord[],
  receivedAt: Date,
): TableRows {
  const encoder = new RowEncoder(schema);
  const types = new Map(schema.columns.map((c) => [c.name, c.type]));
  const rows: Row[] = [];
  const errors: RecordError[] = [];
  const warnings: RecordWarning[] = [];
  const arrival = receivedAt.toISOString();
  for (const record of records) {
    const value = record.value;
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      errors.push({
        index: record.index,
        message: `Invalid event: expected a JSON object, got ${describe(value)}`,
        raw: record.raw,
      });
      continue;
    }
    const fields = value as Record<string, unknown>;
    const unknown: string[] = [];
    const row = encoder.encode(fields, unknown);
    const dropped = Object.keys(fields).filter((k) =>
      types.has(k) && !(k in row) && fields[k] !== null && fields[k] !== "" && fields[k] !== undefined
    );
    if (unknown.length > 0) {
      warnings.push({
        index: record.index,
        message: `Columns not in table '${schema.name}' dropped: ${unknown.map((c) => `'${c}'`).join(", ")}`,
      });
    }
    if (dropped.length > 0) {
      warnings.push({
        index: record.index,
        message: `Values that do not fit their column type dropped: ${
          dropped.map((c) => `'${c}' (${types.get(c)})`).join(", ")
        }`,
      });
    }
    if (types.has("TimeGenerated") && row.TimeGenerated === undefined) row.TimeGenerated = arrival;
    rows.push(row);
  }
  return { rows, errors, warnings };
}

/**
 * The schema of a custom table after these records: the existing columns unchanged, plus one per new field,
 * typed from its first non-null value. `TimeGenerated` is always a datetime.
 *
 * @param name the table name (must match CUSTOM_TABLE)
 * @param existing the current schema, when the table exists
 * @param records the request's records
 * @returns the schema, and whether it changed
 */
export function extendCustomTable(
  name: string,
  existing: TableSchema | undefined,
  records: readonly JsonRecord[],
): { schema: TableSchema; changed: boolean } {
  const columns: ColumnSchema[] = existing
    ? [...existing.columns]
    : [{ name: "TimeGenerated", type: "datetime" }];
  const known = new Set(columns.map((c) => c.name));
  for (const record of records) {
    const value = record.value;
    if (value === null || typeof value !== "object" || Array.isArray(value)) continue;
    for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
      if (known.has(key) || field === null || field === undefined || !COLUMN_NAME.test(key)) continue;
      known.add(key);
      columns.push({ name: key, type: inferType(field) });
    }
  }
  const changed = !existing || columns.length !== existing.columns.length;
  return { schema: { name, columns }, changed };
}

function inferType(value: unknown): ScalarType {
  switch (typeof value) {
    case "boolean":
      return "bool";
    case "number":
      return Number.isInteger(value) ? "long" : "real";
    case "string":
      // Only unambiguous ISO 8601 timestamps become datetimes; anything else stays text.
      return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)
        ? "datetime"
        : "string";
    default:
      return "dynamic";
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? "a string" : `a ${typeof value}`;
}
