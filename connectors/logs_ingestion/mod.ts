/**
 * @module
 * Azure Monitor Logs Ingestion API bodies (`POST /dataCollectionRules/{id}/streams/{stream}`): a JSON array of
 * records for the stream's table.
 *
 * @example
 * ```ts
 * import { parseLogsIngestion, tableForStream } from "./mod.ts";
 * tableForStream("Microsoft-Syslog"); // "Syslog"
 * parseLogsIngestion(new TextEncoder().encode("[]"), { stream: "Custom-A_CL", context: { receivedAt: new Date() } }).records;
 * // []
 * ```
 */

export { type LogsIngestionOptions, parseLogsIngestion, tableForStream } from "./parse_logs_ingestion.ts";
