import type { ParseContext, Row } from "../connector.ts";
import { type EncodeReport, RowEncoder } from "../encode/row_encoder.ts";
import type { SyslogMessage } from "../syslog/mod.ts";
import { columnOfCefKey } from "./cef_keys.ts";
import type { CefEvent } from "./parse_cef.ts";
import { parseCefTime } from "./parse_cef_time.ts";

/** The table CEF rows go to. */
export const CEF_TABLE = "CommonSecurityLog";

const ENCODER = RowEncoder.forTable(CEF_TABLE);
const TIME_COLUMNS = new Set(["StartTime", "EndTime"]);

/**
 * Map a CEF event (and the syslog header it came in, if any) to a CommonSecurityLog row. TimeGenerated is the
 * device's receipt time (`rt`) when it parses, else the syslog header's time, else arrival. Keys without a column,
 * and values that do not fit their column's type, go to AdditionalExtensions as Sentinel writes it
 * (`key=value;key=value`), so nothing the device sent is lost.
 *
 * @param event The parsed CEF event.
 * @param options The syslog header (null for bare CEF) and the parse context.
 * @returns The row.
 * @example
 * ```ts
 * import { parseCef } from "./parse_cef.ts";
 * const parsed = parseCef("CEF:0|Vendor|Product|1.0|100|Blocked|5|src=10.0.0.1 spt=1234 foo=bar");
 * if (parsed.ok) mapCef(parsed.event, { header: null, context: { receivedAt: new Date() } }).AdditionalExtensions;
 * // "foo=bar"
 * ```
 */
export function mapCef(
  event: CefEvent,
  options: { header: SyslogMessage | null; context: ParseContext },
): Row {
  const { header, context } = options;
  const values: Record<string, unknown> = {
    DeviceVendor: event.deviceVendor,
    DeviceProduct: event.deviceProduct,
    DeviceVersion: event.deviceVersion,
    DeviceEventClassID: event.signatureId,
    Activity: event.name,
    LogSeverity: event.severity,
    Computer: header?.hostname ?? context.remoteAddress,
    SourceSystem: "OpsManager",
  };
  const sources = new Map<string, readonly [string, string]>();
  const extras: string[] = [];
  for (const [key, value] of event.extensions) {
    let column = columnOfCefKey(key);
    if (column === "ExternalID" && !/^-?\d+$/.test(value.trim())) column = "ExtID";
    if (column === undefined || column in values) {
      if (value !== "") extras.push(`${key}=${value}`);
      continue;
    }
    const typed = TIME_COLUMNS.has(column) ? parseCefTime(value, context.receivedAt) : value;
    if (typed === null) {
      extras.push(`${key}=${value}`);
      continue;
    }
    values[column] = typed;
    sources.set(column, [key, value]);
  }
  const receipt = typeof values.ReceiptTime === "string"
    ? parseCefTime(values.ReceiptTime, context.receivedAt)
    : null;
  values.TimeGenerated = receipt ?? header?.timestamp ?? context.receivedAt.toISOString();
  const report: EncodeReport = { unknown: [], mistyped: [] };
  const row = ENCODER.encode(values, report);
  // Columns the catalog lacks (it may trail Sentinel's schema) and values that do not fit keep their key=value.
  for (const column of [...report.unknown, ...report.mistyped]) {
    const source = sources.get(column);
    if (source && source[1] !== "") extras.push(`${source[0]}=${source[1]}`);
  }
  if (extras.length > 0) row.AdditionalExtensions = extras.join(";");
  return row;
}
