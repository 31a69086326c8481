/**
 * ASIM ingest-time normalization: pure mappers from stored source rows (SecurityEvent, the Entra sign-in tables,
 * CommonSecurityLog, AWSCloudTrail, AzureActivity, the Defender device tables, DnsEvents) to rows of the ASim
 * tables (`ASimAuthenticationEventLogs`, `ASimNetworkSessionLogs`, ...), and the event-sink wrapper that stores
 * them next to the source rows. The query-time functions that read these tables live in query/asim/.
 *
 * @example
 * ```ts
 * import { normalizeRow } from "./mod.ts";
 * const [auth] = normalizeRow("SecurityEvent", {
 *   TimeGenerated: "2024-01-01T00:00:00.000Z", EventID: 4625, TargetAccount: "CONTOSO\\bob",
 * });
 * auth.row.EventResult; // "Failure"
 * ```
 * @module
 */
export { ASIM_SCHEMAS, type AsimSchema } from "./asim_row.ts";
export { NORMALIZED_SOURCES, normalizeRow } from "./normalize_row.ts";
export { asimBatches, asimSink } from "./asim_sink.ts";
