import type { Connector } from "../connector.ts";
import { mapSyslog, SYSLOG_TABLE } from "./map_syslog.ts";
import { parseSyslogBody } from "./parse_syslog_body.ts";
import { parseSyslogLine } from "./parse_syslog_line.ts";

/**
 * The `syslog` connector: RFC 5424 / RFC 3164 messages, newline-separated or octet-counted, to the Syslog table.
 * Every frame that arrives becomes a row (a line in no known format keeps its text as SyslogMessage); only framing
 * failures (truncated or oversized frames) are errors.
 *
 * @example
 * ```ts
 * const body = new TextEncoder().encode("<13>1 2024-01-01T00:00:00Z web01 app 42 - - hello\n");
 * syslogConnector.parse(body, { receivedAt: new Date() }).records[0].row.HostName; // "web01"
 * ```
 */
export const syslogConnector: Connector = {
  name: "syslog",
  tables: [SYSLOG_TABLE],
  parse: (body, context) =>
    parseSyslogBody(body, {
      context,
      handle: (line, context) => ({
        table: SYSLOG_TABLE,
        row: mapSyslog(parseSyslogLine(line, { receivedAt: context.receivedAt }), context),
      }),
    }),
};
