import type { ParseContext } from "../connector.ts";
import type { TableSchema } from "../../query/symbols/mod.ts";
import { decodeText, INVALID_UTF8_MESSAGE } from "../encode/decode_text.ts";
import { recordsToRows, type RecordsToRowsResult } from "./records_to_rows.ts";
import { splitJsonBody } from "./split_json_body.ts";

/** Options of parseIngestBody. */
export interface IngestBodyOptions {
  /** The `{Table}` of `POST /api/v1/ingest/{Table}`. */
  readonly table: string;
  readonly context: ParseContext;
  /** Known custom tables (a new `_CL` table's schema is inferred from this body). */
  readonly customTables?: ReadonlyMap<string, TableSchema>;
}

/**
 * The generic ingest path: a JSON object, a JSON array or NDJSON of records already in the table's column shape
 * (e.g. rows exported from Sentinel, including the portal's `TimeGenerated [UTC]` headers) to typed rows.
 * A body that is not JSON at all gives one error at index 0 with the position of the syntax error.
 *
 * @param body The request body.
 * @param options Table, arrival context and known custom tables.
 * @returns Rows, per-record errors, warnings and the schema used (inferred for a new custom table).
 * @example
 * ```ts
 * const body = new TextEncoder().encode('{"Computer":"web01","SyslogMessage":"hi"}');
 * parseIngestBody(body, { table: "Syslog", context: { receivedAt: new Date() } }).records[0].row.Computer; // "web01"
 * ```
 */
export function parseIngestBody(body: Uint8Array, options: IngestBodyOptions): RecordsToRowsResult {
  const { text, invalidUtf8 } = decodeText(body);
  const split = splitJsonBody(text);
  const result = recordsToRows(split.records, {
    table: options.table,
    schema: options.customTables?.get(options.table),
    context: options.context,
  });
  const warnings = invalidUtf8
    ? [{ index: -1, message: INVALID_UTF8_MESSAGE }, ...result.warnings]
    : result.warnings;
  return {
    ...result,
    errors: [...split.errors, ...result.errors].sort((a, b) => a.index - b.index),
    warnings,
  };
}
