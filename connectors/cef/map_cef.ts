import type { ParseContext, Row } from "../connector.ts";
import { RowEncoder } from "../encode/row_encoder.ts";
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
  const row: Row = {};
  ENCODER.put(row, "DeviceVendor", event.deviceVendor);
  ENCODER.put(row, "DeviceProduct", event.deviceProduct);
  ENCODER.put(row, "DeviceVersion", event.deviceVersion);
  ENCODER.put(row, "DeviceEventClassID", event.signatureId);
  ENCODER.put(row, "Activity", event.name);
  ENCODER.put(row, "LogSeverity", event.severity);
  ENCODER.put(row, "Computer", header?.hostname ?? context.remoteAddress);
  ENCODER.put(row, "SourceSystem", "OpsManager");
  // The first occurrence of a key claims its column; repeats, vendor keys, columns the catalog lacks (it may trail
  // Sentinel's schema) and values that do not fit the column type keep their key=value in AdditionalExtensions.
  const claimed = new Set<string>();
  const extras: string[] = [];
  let receiptTime: string | null = null;
  for (const [key, value] of event.extensions) {
    let column = columnOfCefKey(key);
    if (column === "ExternalID" && !/^-?\d+$/.test(value.trim())) column = "ExtID";
    if (column === undefined || claimed.has(column)) {
      if (value !== "") extras.push(`${key}=${value}`);
      continue;
    }
    claimed.add(column);
    const typed = TIME_COLUMNS.has(column) ? parseCefTime(value, context.receivedAt) : value;
    const outcome = typed === null ? "mistyped" : ENCODER.put(row, column, typed);
    if (outcome === "unknown" || outcome === "mistyped") extras.push(`${key}=${value}`);
    if (column === "ReceiptTime" && outcome === "set") receiptTime = parseCefTime(value, context.receivedAt);
  }
  row.TimeGenerated = receiptTime ?? header?.timestamp ?? context.receivedAt.toISOString();
  if (extras.length > 0) row.AdditionalExtensions = extras.join(";");
  return row;
}
