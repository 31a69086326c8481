import type { ParseContext, ParsedRecord, RecordError, RecordWarning, Row } from "../connector.ts";
import { BUILTIN_TABLES, checkCustomTable, type TableSchema } from "../../query/symbols/mod.ts";
import { type EncodeReport, RowEncoder } from "../encode/row_encoder.ts";
import { toDatetime } from "../encode/datetime.ts";
import { columnName, inferTableSchema } from "./infer_table_schema.ts";
import type { JsonRecord } from "./split_json_body.ts";

/** Options of recordsToRows. */
export interface RecordsToRowsOptions {
  /** The target table. */
  readonly table: string;
  /** Its schema when the caller knows it (a custom table created earlier); built-in tables are looked up. */
  readonly schema?: TableSchema;
  readonly context: ParseContext;
}

/** Rows for one table, with the schema used (inferred for a new custom table, for the caller to register). */
export interface RecordsToRowsResult {
  readonly records: ParsedRecord[];
  readonly errors: RecordError[];
  readonly warnings: RecordWarning[];
  /** The schema rows were encoded with; null when the table is neither known nor a valid custom table name. */
  readonly schema: TableSchema | null;
  /** True when the schema was inferred from these records (a custom table used for the first time). */
  readonly inferred: boolean;
}

/**
 * Turn JSON records already in a table's column shape (generic ingest, Logs Ingestion API, Elasticsearch bulk
 * documents) into rows: values typed by the table's schema, TimeGenerated from the record or else arrival time.
 * Columns the table lacks and values that do not fit are dropped with a warning; a record that is not an object or
 * whose TimeGenerated is not a time is rejected.
 *
 * @param records Parsed records (from splitJsonBody).
 * @param options Table, its schema if custom and known, and the parse context.
 * @returns Rows, errors, warnings and the schema used.
 * @example
 * ```ts
 * const result = recordsToRows([{ index: 0, value: { Computer: "h", EventID: "4625" }, raw: "" }], {
 *   table: "SecurityEvent",
 *   context: { receivedAt: new Date("2024-01-01T00:00:00Z") },
 * });
 * result.records[0].row; // { Computer: "h", EventID: 4625, TimeGenerated: "2024-01-01T00:00:00.000Z" }
 * ```
 */
export function recordsToRows(
  records: readonly JsonRecord[],
  options: RecordsToRowsOptions,
): RecordsToRowsResult {
  const builtin = BUILTIN_TABLES.find((table) => table.name === options.table);
  let schema = options.schema ?? builtin ?? null;
  let inferred = false;
  const custom = builtin === undefined;
  if (schema === null) {
    const candidate = inferTableSchema(options.table, records.map((record) => record.value));
    const problem = checkCustomTable(candidate);
    if (problem !== undefined) {
      const message = `Cannot ingest into table "${options.table}": ${lowerFirst(problem)}`;
      return {
        records: [],
        errors: records.map((record) => ({ index: record.index, message, raw: record.raw })),
        warnings: [],
        schema: null,
        inferred: false,
      };
    }
    schema = candidate;
    inferred = true;
  }
  const encoder = new RowEncoder(schema);
  const out: ParsedRecord[] = [];
  const errors: RecordError[] = [];
  const warnings: RecordWarning[] = [];
  const receivedAt = options.context.receivedAt.toISOString();
  const report: EncodeReport = { unknown: [], mistyped: [] };
  for (const record of records) {
    const value = record.value;
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      const got = value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
      errors.push({
        index: record.index,
        message: `Cannot ingest record: expected a JSON object but got ${got}`,
        raw: record.raw,
      });
      continue;
    }
    // Fields are encoded straight into the row (no intermediate object): this loop runs for every ingested event.
    const row: Row = {};
    let time: unknown = undefined;
    report.unknown.length = 0;
    report.mistyped.length = 0;
    for (const field in value) {
      const fieldValue = (value as Record<string, unknown>)[field];
      const name = custom ? columnName(field) : field.endsWith(" [UTC]") ? field.slice(0, -6) : field;
      if (name === null) continue;
      if (name === "TimeGenerated") {
        time = fieldValue;
        continue;
      }
      const outcome = encoder.put(row, name, fieldValue);
      if (outcome === "unknown") report.unknown.push(name);
      else if (outcome === "mistyped") report.mistyped.push(name);
    }
    const absent = time === undefined || time === null || time === "";
    const encodedTime = absent ? receivedAt : toDatetime(time);
    if (encodedTime === null) {
      errors.push({
        index: record.index,
        message: `Invalid "TimeGenerated": ${JSON.stringify(time)} is not a datetime`,
        raw: record.raw,
      });
      continue;
    }
    row.TimeGenerated = encodedTime;
    if (report.unknown.length > 0) {
      warnings.push({
        index: record.index,
        message: `Dropped fields not in table "${schema.name}": ${report.unknown.join(", ")}`,
      });
    }
    if (report.mistyped.length > 0) {
      warnings.push({
        index: record.index,
        message: `Dropped values that do not fit their column type: ${report.mistyped.join(", ")}`,
      });
    }
    out.push({ table: schema.name, row });
  }
  return { records: out, errors, warnings, schema, inferred };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
