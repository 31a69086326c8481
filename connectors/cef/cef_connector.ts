import type { Connector, ParseContext, ParsedRecord } from "../connector.ts";
import { parseSyslogBody, parseSyslogLine } from "../syslog/mod.ts";
import { CEF_TABLE, mapCef } from "./map_cef.ts";
import { findCefStart, parseCef } from "./parse_cef.ts";

/**
 * Parse one line holding CEF, bare or after a syslog header (RFC 3164 or 5424).
 *
 * @param line The line.
 * @param context Arrival time and sender.
 * @returns The CommonSecurityLog record or why the line is not CEF.
 * @example
 * ```ts
 * const outcome = parseCefLine("<134>Mar  1 12:00:00 fw CEF:0|V|P|1|100|Blocked|5|src=10.0.0.1", {
 *   receivedAt: new Date("2024-03-01T12:00:05Z"),
 * });
 * "row" in outcome && outcome.row.Computer; // "fw"
 * ```
 */
export function parseCefLine(line: string, context: ParseContext): ParsedRecord | { readonly error: string } {
  const start = findCefStart(line);
  if (start === -1) return { error: 'Cannot parse CEF: no "CEF:<version>|" in the line' };
  const parsed = parseCef(line.slice(start).replace(/^CEF:\s/, "CEF:"));
  if (!parsed.ok) return { error: parsed.message };
  const prefix = line.slice(0, start).trimEnd();
  const header = prefix === "" ? null : parseSyslogLine(prefix, { receivedAt: context.receivedAt });
  return { table: CEF_TABLE, row: mapCef(parsed.event, { header, context }) };
}

/**
 * The `cef` connector: CEF lines, bare or inside syslog, newline-separated or octet-counted, to CommonSecurityLog.
 * A line that is not CEF is rejected with its frame index and reason.
 *
 * @example
 * ```ts
 * const body = new TextEncoder().encode("CEF:0|security|threatmanager|1.0|100|worm successfully stopped|10|src=10.0.0.1 dst=2.1.2.2 spt=1232\n");
 * cefConnector.parse(body, { receivedAt: new Date() }).records[0].row.SourcePort; // 1232
 * ```
 */
export const cefConnector: Connector = {
  name: "cef",
  tables: [CEF_TABLE],
  parse: (body, context) => parseSyslogBody(body, { context, handle: parseCefLine }),
};
