/**
 * @module
 * OTLP/HTTP logs in the JSON encoding (`POST /v1/logs`) to the OTelLogs table, and the OTLP response body.
 *
 * @example
 * ```ts
 * import { otlpLogsResponse, parseOtlpLogs } from "./mod.ts";
 * const result = parseOtlpLogs(new TextEncoder().encode('{"resourceLogs":[]}'), { receivedAt: new Date() });
 * otlpLogsResponse(result); // {}
 * ```
 */

export { OTEL_LOGS_TABLE, otlpLogsResponse, parseOtlpLogs } from "./otlp_logs.ts";
export { anyValue, keyValues } from "./any_value.ts";
