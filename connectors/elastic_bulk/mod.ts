/**
 * @module
 * The Elasticsearch bulk API as log shippers speak it: parse `_bulk` NDJSON action/document pairs, turn documents
 * into rows of a table per index, and build the per-item response shippers check.
 *
 * @example
 * ```ts
 * import { bulkResponse, bulkToRecords, parseBulk } from "./mod.ts";
 * const parsed = parseBulk('{"index":{}}\n{"@timestamp":"2024-01-01T00:00:00Z","message":"hi"}\n', { defaultIndex: "filebeat-8.12.0" });
 * if (parsed.ok) {
 *   const result = bulkToRecords(parsed.operations, { context: { receivedAt: new Date() } });
 *   result.records[0].table; // "filebeat_CL"
 *   bulkResponse(parsed.operations, { took: 1, failures: new Map() }).errors; // false
 * }
 * ```
 */

export {
  type BulkAction,
  type BulkOperation,
  type BulkParseResult,
  type BulkRequestError,
  parseBulk,
} from "./parse_bulk.ts";
export { bulkToRecords, tableForIndex } from "./bulk_to_records.ts";
export { type BulkFailures, bulkRequestErrorResponse, bulkResponse } from "./bulk_response.ts";
