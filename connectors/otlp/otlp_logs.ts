import * as v from "valibot";
import type {
  ConnectorResult,
  JsonValue,
  ParseContext,
  ParsedRecord,
  RecordError,
  RecordWarning,
} from "../connector.ts";
import { decodeText, INVALID_UTF8_MESSAGE } from "../encode/decode_text.ts";
import { fromEpoch } from "../encode/datetime.ts";
import { RowEncoder } from "../encode/row_encoder.ts";
import { describeIssues } from "../generic/describe_issues.ts";
import { splitJsonBody } from "../generic/split_json_body.ts";
import { anyValue, keyValues } from "./any_value.ts";
import { ExportLogsRequestSchema, LogRecordSchema } from "./schema.ts";

/** The table OTLP log records go to. */
export const OTEL_LOGS_TABLE = "OTelLogs";

const ENCODER = RowEncoder.forTable(OTEL_LOGS_TABLE);

/**
 * Parse an OTLP/HTTP JSON logs request (`POST /v1/logs`, ExportLogsServiceRequest) into OTelLogs rows: one row per
 * log record, with the resource's attributes as Resource, the record's attributes (plus `otel.scope.name` and
 * `otel.scope.version`) as Attributes, Body as a JSON value, and TimeGenerated from timeUnixNano, else
 * observedTimeUnixNano, else arrival. Records are numbered across the whole request, in order.
 *
 * @param body The request body.
 * @param context Arrival time.
 * @returns Rows and rejected log records.
 * @example
 * ```ts
 * const body = JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords: [{ timeUnixNano: "1700000000000000000",
 *   severityText: "ERROR", body: { stringValue: "boom" } }] }] }] });
 * parseOtlpLogs(new TextEncoder().encode(body), { receivedAt: new Date() }).records[0].row.Body; // "boom"
 * ```
 */
export function parseOtlpLogs(body: Uint8Array, context: ParseContext): ConnectorResult {
  const { text, invalidUtf8 } = decodeText(body);
  const warnings: RecordWarning[] = invalidUtf8 ? [{ index: -1, message: INVALID_UTF8_MESSAGE }] : [];
  const split = splitJsonBody(text);
  if (split.errors.length > 0 || split.records.length !== 1) {
    const errors = split.errors.length > 0
      ? split.errors
      : [{ index: 0, message: "Cannot parse OTLP logs request: expected one JSON object", raw: text }];
    return { records: [], errors: errors.slice(0, 1), warnings };
  }
  const request = v.safeParse(ExportLogsRequestSchema, split.records[0].value);
  if (!request.success) {
    return {
      records: [],
      errors: [{ index: 0, message: describeIssues("OTLP logs request", request.issues), raw: text }],
    };
  }
  const records: ParsedRecord[] = [];
  const errors: RecordError[] = [];
  let index = 0;
  for (const resourceLogs of request.output.resourceLogs) {
    const resource = keyValues(resourceLogs.resource?.attributes);
    for (const scopeLogs of resourceLogs.scopeLogs ?? []) {
      for (const logRecord of scopeLogs.logRecords ?? []) {
        const parsed = v.safeParse(LogRecordSchema, logRecord);
        if (!parsed.success) {
          errors.push({
            index,
            message: describeIssues("OTLP log record", parsed.issues),
            raw: JSON.stringify(logRecord) ?? "",
          });
        } else {
          const record = parsed.output;
          const attributes: Record<string, JsonValue> = keyValues(record.attributes);
          if (scopeLogs.scope?.name) attributes["otel.scope.name"] = scopeLogs.scope.name;
          if (scopeLogs.scope?.version) attributes["otel.scope.version"] = scopeLogs.scope.version;
          const time = nanos(record.timeUnixNano);
          const observed = nanos(record.observedTimeUnixNano);
          records.push({
            table: OTEL_LOGS_TABLE,
            row: ENCODER.encode({
              TimeGenerated: time ?? observed ?? context.receivedAt.toISOString(),
              ObservedTimestamp: observed,
              SeverityText: record.severityText,
              SeverityNumber: record.severityNumber,
              Body: record.body === undefined ? null : anyValue(record.body),
              Attributes: attributes,
              Resource: resource,
              TraceId: record.traceId,
              SpanId: record.spanId,
            }),
          });
        }
        index++;
      }
    }
  }
  return warnings.length > 0 ? { records, errors, warnings } : { records, errors };
}

/**
 * The OTLP/HTTP answer: an empty object when everything was accepted, else `partialSuccess` with the count of
 * rejected records and the first reason.
 *
 * @param result What parseOtlpLogs returned (or the subset of errors after storage).
 * @returns The response body.
 * @example
 * ```ts
 * otlpLogsResponse({ errors: [] }); // {}
 * ```
 */
export function otlpLogsResponse(result: Pick<ConnectorResult, "errors">): Record<string, JsonValue> {
  if (result.errors.length === 0) return {};
  return {
    partialSuccess: {
      rejectedLogRecords: String(result.errors.length),
      errorMessage: result.errors[0].message,
    },
  };
}

/** 0 means unset in OTLP. */
function nanos(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined || value === 0 || value === "0" || value === "") return null;
  return fromEpoch(value, "ns");
}
