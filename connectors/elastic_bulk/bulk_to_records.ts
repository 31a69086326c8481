import type {
  ConnectorResult,
  ParseContext,
  ParsedRecord,
  RecordError,
  RecordWarning,
} from "../connector.ts";
import { BUILTIN_TABLES, type TableSchema } from "../../query/symbols/mod.ts";
import { recordsToRows } from "../generic/records_to_rows.ts";
import type { JsonRecord } from "../generic/split_json_body.ts";
import type { BulkOperation } from "./parse_bulk.ts";

const CUSTOM_TABLE = /^[A-Za-z][A-Za-z0-9_]*_CL$/;

/**
 * The table an Elasticsearch index writes to: a built-in table or `_CL` name as is; otherwise the index name
 * without its version and date parts (`filebeat-8.12.0-2024.03.01` → `filebeat_CL`), cleaned to a custom table name.
 *
 * @param index The index or data stream name.
 * @returns The table name.
 * @example
 * ```ts
 * tableForIndex("logs-nginx.access-default"); // "logs_nginx_access_default_CL"
 * ```
 */
export function tableForIndex(index: string): string {
  if (CUSTOM_TABLE.test(index) || BUILTIN_TABLES.some((table) => table.name === index)) return index;
  const parts: string[] = [];
  for (const part of index.split("-")) {
    if (/^\d/.test(part)) break;
    parts.push(part);
  }
  const base = parts.join("_").replace(/[^A-Za-z0-9_]/g, "_").replace(/^[^A-Za-z]+/, "");
  return `${base || "elastic"}_CL`;
}

/**
 * Rows for a bulk request's operations: each document goes to its index's table (see tableForIndex), with
 * `@timestamp` (or `timestamp`) as TimeGenerated and top-level fields as columns (objects become dynamic).
 * Operations that already failed parsing become errors at their position.
 *
 * @param operations Parsed operations.
 * @param options Arrival context and known custom tables.
 * @returns Rows, errors indexed by operation position, and the schemas inferred for new custom tables.
 * @example
 * ```ts
 * import { parseBulk } from "./parse_bulk.ts";
 * const parsed = parseBulk('{"create":{"_index":"app"}}\n{"@timestamp":"2024-01-01T00:00:00Z","msg":"x"}\n');
 * if (parsed.ok) bulkToRecords(parsed.operations, { context: { receivedAt: new Date() } }).records[0].table; // "app_CL"
 * ```
 */
export function bulkToRecords(
  operations: readonly BulkOperation[],
  options: { context: ParseContext; customTables?: ReadonlyMap<string, TableSchema> },
): ConnectorResult & { readonly schemas: TableSchema[] } {
  const errors: RecordError[] = [];
  const byTable = new Map<string, JsonRecord[]>();
  for (const operation of operations) {
    if (operation.error || !operation.document || operation.index === null) {
      errors.push({
        index: operation.position,
        message: operation.error?.reason ?? "Cannot index document: it is missing",
        raw: operation.raw,
      });
      continue;
    }
    const { "@timestamp": timestamp, ...fields } = operation.document;
    const value: Record<string, unknown> = { ...fields };
    value.TimeGenerated ??= timestamp ?? fields.timestamp;
    const table = tableForIndex(operation.index);
    const list = byTable.get(table);
    const record = { index: operation.position, value, raw: operation.raw };
    if (list) list.push(record);
    else byTable.set(table, [record]);
  }
  const records: ParsedRecord[] = [];
  const warnings: RecordWarning[] = [];
  const schemas: TableSchema[] = [];
  for (const [table, tableRecords] of byTable) {
    const result = recordsToRows(tableRecords, {
      table,
      schema: options.customTables?.get(table),
      context: options.context,
    });
    records.push(...result.records);
    errors.push(...result.errors);
    warnings.push(...result.warnings);
    if (result.inferred && result.schema) schemas.push(result.schema);
  }
  return warnings.length > 0 ? { records, errors, warnings, schemas } : { records, errors, schemas };
}
