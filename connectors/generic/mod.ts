/**
 * @module
 * The generic ingest paths and the JSON machinery every JSON connector shares: body splitting (object, array,
 * NDJSON, concatenated) with per-record errors and syntax-error positions, typing of records by the table catalog
 * with custom-table inference, and the frame for vendor JSON connectors.
 *
 * @example
 * ```ts
 * import { parseIngestBody } from "./mod.ts";
 * const body = new TextEncoder().encode('{"user":"a"}\n{"user":"b"}');
 * const result = parseIngestBody(body, { table: "App_CL", context: { receivedAt: new Date() } });
 * result.inferred; // true
 * result.records.length; // 2
 * ```
 */

export {
  type JsonBodyShape,
  type JsonRecord,
  MAX_JSON_DEPTH,
  splitJsonBody,
  type SplitJsonOptions,
  type SplitJsonResult,
} from "./split_json_body.ts";
export { scanJsonValue, type ScanResult, skipSpace } from "./scan_json.ts";
export { describePosition, positionAt } from "./position_at.ts";
export { recordsToRows, type RecordsToRowsOptions, type RecordsToRowsResult } from "./records_to_rows.ts";
export { columnName, inferTableSchema } from "./infer_table_schema.ts";
export { type IngestBodyOptions, parseIngestBody } from "./parse_ingest_body.ts";
export { jsonConnector, type JsonConnectorSpec, type MapOutcome } from "./json_connector.ts";
export { describeIssues } from "./describe_issues.ts";
