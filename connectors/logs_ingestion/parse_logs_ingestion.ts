import type { ParseContext, RecordWarning } from "../connector.ts";
import type { TableSchema } from "../../query/symbols/mod.ts";
import { decodeText, INVALID_UTF8_MESSAGE } from "../encode/decode_text.ts";
import { recordsToRows, type RecordsToRowsResult } from "../generic/records_to_rows.ts";
import { splitJsonBody } from "../generic/split_json_body.ts";
import { skipSpace } from "../generic/scan_json.ts";

/**
 * The table of a data collection rule stream: `Custom-MyTable_CL` → `MyTable_CL`, `Microsoft-Syslog` → `Syslog`.
 *
 * @param stream The `{stream}` of `/dataCollectionRules/{id}/streams/{stream}`.
 * @returns The table name, or null when the stream name has neither prefix.
 * @example
 * ```ts
 * tableForStream("Custom-Firewall_CL"); // "Firewall_CL"
 * ```
 */
export function tableForStream(stream: string): string | null {
  const match = /^(?:Custom|Microsoft)-(.+)$/.exec(stream);
  return match ? match[1] : null;
}

/** Options of parseLogsIngestion. */
export interface LogsIngestionOptions {
  /** The stream name from the URL. */
  readonly stream: string;
  readonly context: ParseContext;
  /** Known custom tables (a new `_CL` table's schema is inferred). */
  readonly customTables?: ReadonlyMap<string, TableSchema>;
}

/**
 * Parse an Azure Monitor Logs Ingestion API body: a JSON array of records in the stream's table shape.
 *
 * @param body The body (already decompressed when the client sent gzip).
 * @param options Stream, arrival context and known custom tables.
 * @returns Rows, per-record errors, warnings, and the schema used.
 * @example
 * ```ts
 * const body = new TextEncoder().encode('[{"TimeGenerated":"2024-01-01T00:00:00Z","Computer":"h","RawData":"x"}]');
 * parseLogsIngestion(body, { stream: "Custom-App_CL", context: { receivedAt: new Date() } }).records[0].table;
 * // "App_CL"
 * ```
 */
export function parseLogsIngestion(body: Uint8Array, options: LogsIngestionOptions): RecordsToRowsResult {
  const { text, invalidUtf8 } = decodeText(body);
  const warnings: RecordWarning[] = invalidUtf8 ? [{ index: -1, message: INVALID_UTF8_MESSAGE }] : [];
  const table = tableForStream(options.stream);
  const fail = (message: string) => ({
    records: [],
    errors: [{ index: 0, message, raw: text }],
    warnings,
    schema: null,
    inferred: false,
  });
  if (table === null) {
    return fail(`Invalid stream "${options.stream}": expected "Custom-<Table>_CL" or "Microsoft-<Table>"`);
  }
  if (text[skipSpace(text, 0)] !== "[") {
    return fail("Cannot parse body: the Logs Ingestion API expects a JSON array");
  }
  const split = splitJsonBody(text);
  if (split.errors.length > 0 && split.records.length === 0) {
    return { records: [], errors: split.errors, warnings, schema: null, inferred: false };
  }
  const result = recordsToRows(split.records, {
    table,
    schema: options.customTables?.get(table),
    context: options.context,
  });
  return {
    ...result,
    errors: [...split.errors, ...result.errors],
    warnings: [...warnings, ...result.warnings],
  };
}
