import * as v from "valibot";
import type { ParseContext, ParsedRecord } from "../connector.ts";
import { RowEncoder } from "../encode/row_encoder.ts";
import { describeIssues } from "../generic/describe_issues.ts";
import { mapMdeAlert } from "./map_mde_alert.ts";
import { StreamingRecordSchema } from "./schema.ts";

/** Tables the Defender streaming API exports (`AdvancedHunting-<Table>`) that the catalog has. */
export const MDE_STREAMING_TABLES = [
  "DeviceProcessEvents",
  "DeviceNetworkEvents",
  "DeviceLogonEvents",
  "DeviceFileEvents",
  "DeviceEvents",
  "DeviceRegistryEvents",
  "DeviceImageLoadEvents",
  "DeviceInfo",
  "DeviceNetworkInfo",
  "AlertInfo",
  "AlertEvidence",
  "EmailEvents",
  "EmailUrlInfo",
  "EmailAttachmentInfo",
  "UrlClickEvents",
  "CloudAppEvents",
  "IdentityLogonEvents",
  "IdentityDirectoryEvents",
  "IdentityQueryEvents",
] as const;

const ENCODERS = new Map<string, RowEncoder>(
  MDE_STREAMING_TABLES.map((table) => [table, RowEncoder.forTable(table)]),
);

/**
 * Map one Defender payload record: a streaming API record goes to the table its category names, with its
 * properties as columns (they already carry Sentinel's names) and TimeGenerated = the event's Timestamp; an alert
 * from the alerts API goes to SecurityAlert.
 *
 * @param record The record.
 * @param context Arrival time, for records without any time.
 * @returns The record for its table, or why it was rejected.
 * @example
 * ```ts
 * mapMdeRecord({ category: "AdvancedHunting-DeviceProcessEvents", properties: { Timestamp: "2024-01-01T00:00:00Z",
 *   DeviceName: "ws01", FileName: "cmd.exe" } }, { receivedAt: new Date() }); // table DeviceProcessEvents
 * ```
 */
export function mapMdeRecord(record: unknown, context: ParseContext): ParsedRecord | { error: string } {
  if (record !== null && typeof record === "object" && "alertCreationTime" in record) {
    return mapMdeAlert(record, context);
  }
  const parsed = v.safeParse(StreamingRecordSchema, record);
  if (!parsed.success) return { error: describeIssues("Defender streaming record", parsed.issues) };
  const table = parsed.output.category.slice("AdvancedHunting-".length);
  const encoder = ENCODERS.get(table);
  if (!encoder) return { error: `Unsupported Defender streaming category "${parsed.output.category}"` };
  const properties = parsed.output.properties as Record<string, unknown>;
  const time = properties.Timestamp ?? parsed.output.time ?? context.receivedAt.toISOString();
  return {
    table,
    row: encoder.encode({ ...properties, TimeGenerated: time, Timestamp: properties.Timestamp ?? time }),
  };
}
