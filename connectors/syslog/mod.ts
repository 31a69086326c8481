/**
 * @module
 * The `syslog` connector: RFC 5424 and RFC 3164 messages to Sentinel's Syslog table, and the RFC 6587 framer for
 * TCP streams (newline and octet-counting). Pure: the socket listener feeds bytes in and publishes the rows.
 *
 * @example
 * ```ts
 * import { SyslogFramer, syslogConnector } from "./mod.ts";
 * const framer = new SyslogFramer();
 * const frames = [...framer.push(new TextEncoder().encode("<13>Jan  1 00:00:00 host app: hi\n")), ...framer.flush()];
 * const rows = frames.flatMap((frame) =>
 *   frame.ok ? syslogConnector.parse(frame.bytes, { receivedAt: new Date() }).records : []
 * );
 * rows[0].row.ProcessName; // "app"
 * ```
 */

export { syslogConnector } from "./syslog_connector.ts";
export {
  MAX_SYSLOG_FRAME_BYTES,
  type SyslogFrame,
  SyslogFramer,
  type SyslogFramerOptions,
} from "./syslog_framer.ts";
export {
  FACILITIES,
  parseSyslogLine,
  type ParseSyslogOptions,
  SEVERITIES,
  type SyslogMessage,
} from "./parse_syslog_line.ts";
export { mapSyslog, SYSLOG_TABLE } from "./map_syslog.ts";
export { parseSyslogBody, type SyslogLineHandler } from "./parse_syslog_body.ts";
