/**
 * What arrives on the syslog port (UDP datagrams and TCP frames): CEF inside syslog goes to CommonSecurityLog,
 * anything else to Syslog (CONTRACTS.md §3). A line that looks like CEF but whose CEF is malformed still becomes a
 * Syslog row with its raw text, since syslog senders cannot be told about errors.
 */

import type { ConnectorResult, ParseContext, ParsedRecord } from "./connector.ts";
import { findCefStart, parseCefLine } from "./cef/mod.ts";
import { mapSyslog, parseSyslogBody, parseSyslogLine, SYSLOG_TABLE } from "./syslog/mod.ts";

/**
 * Route one syslog message to CommonSecurityLog (CEF) or Syslog.
 *
 * @param line The message text.
 * @param context Arrival time and sender address.
 * @returns The record; never an error.
 * @example
 * ```ts
 * routeSyslogLine("<134>Mar  1 12:00:00 fw CEF:0|V|P|1|1|x|1|src=10.0.0.1", { receivedAt: new Date() }).table;
 * // "CommonSecurityLog"
 * ```
 */
export function routeSyslogLine(line: string, context: ParseContext): ParsedRecord {
  if (findCefStart(line) !== -1) {
    const cef = parseCefLine(line, context);
    if (!("error" in cef)) return cef;
  }
  return {
    table: SYSLOG_TABLE,
    row: mapSyslog(parseSyslogLine(line, { receivedAt: context.receivedAt }), context),
  };
}

/**
 * Parse a syslog-port payload: one UDP datagram, or the bytes of a TCP stream (newline or octet-counted frames).
 * Only framing failures (truncated or oversized frames) are errors.
 *
 * @param body The bytes.
 * @param context Arrival time and sender address.
 * @returns Syslog and CommonSecurityLog rows.
 * @example
 * ```ts
 * const body = new TextEncoder().encode("<13>Jan  1 00:00:00 h app: hi\nCEF:0|V|P|1|1|x|1|src=10.0.0.1\n");
 * parseSyslogPort(body, { receivedAt: new Date() }).records.map((record) => record.table);
 * // ["Syslog", "CommonSecurityLog"]
 * ```
 */
export function parseSyslogPort(body: Uint8Array, context: ParseContext): ConnectorResult {
  return parseSyslogBody(body, { context, handle: routeSyslogLine });
}
