/**
 * @module
 * Connectors: pure functions from a source's native payload (bytes) to rows of Sentinel tables, typed by the shared
 * table catalog (query/symbols). No I/O: the HTTP routes, the syslog socket listener and the JetStream publishing
 * live in runtime/ and call these.
 *
 * - `connectorByName(name)` / `CONNECTORS`: the `POST /api/v1/connectors/{connector}` connectors.
 * - `parseSyslogPort` / `SyslogFramer`: what arrives on the syslog port (CEF to CommonSecurityLog, else Syslog).
 * - `parseIngestBody`: `POST /api/v1/ingest/{Table}`; `parseLogsIngestion`: the Azure Logs Ingestion API.
 * - `parseHecEvents` / `parseHecRaw` / `hecEventsToRecords` / `hecResponse`: Splunk HEC.
 * - `parseBulk` / `bulkToRecords` / `bulkResponse`: the Elasticsearch bulk API.
 * - `parseOtlpLogs` / `otlpLogsResponse`: OTLP/HTTP JSON logs.
 *
 * @example
 * ```ts
 * import { connectorByName } from "./mod.ts";
 * const connector = connectorByName("syslog")!;
 * const result = connector.parse(new TextEncoder().encode("<34>Oct 11 22:14:15 host su: failed\n"), {
 *   receivedAt: new Date("2024-10-12T00:00:00Z"),
 * });
 * result.records[0].table; // "Syslog"
 * ```
 */

export type {
  Connector,
  ConnectorResult,
  JsonValue,
  ParseContext,
  ParsedRecord,
  RecordError,
  RecordWarning,
  Row,
  TextPosition,
} from "./connector.ts";
export { CONNECTOR_NAMES, connectorByName, CONNECTORS } from "./registry.ts";
export { parseSyslogPort, routeSyslogLine } from "./syslog_port.ts";
export { MAX_SYSLOG_FRAME_BYTES, syslogConnector, type SyslogFrame, SyslogFramer } from "./syslog/mod.ts";
export { cefConnector } from "./cef/mod.ts";
export { windowsSecurityConnector } from "./windows_security/mod.ts";
export { entraSigninConnector } from "./entra_signin/mod.ts";
export { entraAuditConnector } from "./entra_audit/mod.ts";
export { azureActivityConnector } from "./azure_activity/mod.ts";
export { awsCloudTrailConnector } from "./aws_cloudtrail/mod.ts";
export { office365Connector } from "./office365/mod.ts";
export { mdeConnector } from "./mde/mod.ts";
export {
  columnName,
  inferTableSchema,
  type IngestBodyOptions,
  MAX_JSON_DEPTH,
  parseIngestBody,
  type RecordsToRowsResult,
  splitJsonBody,
} from "./generic/mod.ts";
export {
  HEC_DEFAULT_TABLE,
  HEC_ERRORS,
  type HecDefaults,
  type HecError,
  type HecEvent,
  hecEventsToRecords,
  hecResponse,
  parseHecEvents,
  parseHecRaw,
} from "./splunk_hec/mod.ts";
export {
  type BulkOperation,
  bulkRequestErrorResponse,
  bulkResponse,
  bulkToRecords,
  parseBulk,
  tableForIndex,
} from "./elastic_bulk/mod.ts";
export { OTEL_LOGS_TABLE, otlpLogsResponse, parseOtlpLogs } from "./otlp/mod.ts";
export { type LogsIngestionOptions, parseLogsIngestion, tableForStream } from "./logs_ingestion/mod.ts";
export { RowEncoder } from "./encode/row_encoder.ts";
export { decodeText } from "./encode/decode_text.ts";
