import type { ParseContext, Row } from "../connector.ts";
import { compactRow } from "../encode/compact_row.ts";
import { toInt } from "../encode/coerce.ts";
import { FACILITIES, SEVERITIES, type SyslogMessage } from "./parse_syslog_line.ts";

/** The table syslog rows go to. */
export const SYSLOG_TABLE = "Syslog";

const IP_LITERAL = /^(\d{1,3}\.){3}\d{1,3}$|^[0-9a-fA-F]*:[0-9a-fA-F:.]*$/;

/**
 * Map a parsed syslog message to a Syslog row. RFC 5424 structured data has no column of its own in Sentinel's
 * table, so it stays at the head of SyslogMessage rather than being lost; a `raw` line is SyslogMessage whole.
 *
 * @param message The parsed message.
 * @param context Arrival time (TimeGenerated when the message has no time) and sender address (HostIP).
 * @returns The row.
 * @example
 * ```ts
 * import { parseSyslogLine } from "./parse_syslog_line.ts";
 * const receivedAt = new Date("2023-10-12T00:00:00Z");
 * mapSyslog(parseSyslogLine("<34>Oct 11 22:14:15 host su: failed", { receivedAt }), { receivedAt }).Facility;
 * // "auth"
 * ```
 */
export function mapSyslog(message: SyslogMessage, context: ParseContext): Row {
  const hostname = message.hostname;
  const hostIp = context.remoteAddress ?? (hostname && IP_LITERAL.test(hostname) ? hostname : null);
  return compactRow({
    TimeGenerated: message.timestamp ?? context.receivedAt.toISOString(),
    EventTime: message.timestamp,
    Computer: hostname ?? context.remoteAddress,
    HostName: hostname,
    HostIP: hostIp,
    Facility: message.facility === null ? null : FACILITIES[message.facility],
    SeverityLevel: message.severity === null ? null : SEVERITIES[message.severity],
    SyslogMessage: message.structuredData ? `${message.structuredData} ${message.message}` : message.message,
    ProcessName: message.appName,
    ProcessID: message.procId === null ? null : toInt(message.procId),
    SourceSystem: "Linux",
  });
}
