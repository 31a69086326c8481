/**
 * One syslog message to its parts: RFC 5424, RFC 3164 (BSD) and the common variants real senders produce (no PRI,
 * no hostname, an ISO timestamp in a BSD line, a year in the timestamp). Never fails: a line that fits no format is
 * kept whole as the message, as syslog has no way to tell the sender about an error.
 */

import { parseDatetime as isoToUtc } from "../encode/datetime.ts";

/** The facility names Sentinel's Syslog table uses, by facility code. */
export const FACILITIES = [
  "kern",
  "user",
  "mail",
  "daemon",
  "auth",
  "syslog",
  "lpr",
  "news",
  "uucp",
  "cron",
  "authpriv",
  "ftp",
  "ntp",
  "audit",
  "alert",
  "clock",
  "local0",
  "local1",
  "local2",
  "local3",
  "local4",
  "local5",
  "local6",
  "local7",
] as const;

/** The severity names Sentinel's Syslog table uses (SeverityLevel), by severity code. */
export const SEVERITIES = ["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"] as const;

/** The parts of a syslog message. Absent parts are null. */
export interface SyslogMessage {
  /** Which grammar matched; `raw` when none did and `message` is the whole line. */
  readonly format: "rfc5424" | "rfc3164" | "raw";
  readonly facility: number | null;
  readonly severity: number | null;
  /** The message's own time as a row datetime (ISO, UTC), or null. */
  readonly timestamp: string | null;
  readonly hostname: string | null;
  /** APP-NAME (5424) or TAG (3164). */
  readonly appName: string | null;
  readonly procId: string | null;
  readonly msgId: string | null;
  /** RFC 5424 STRUCTURED-DATA as sent, or null for `-`. */
  readonly structuredData: string | null;
  readonly message: string;
}

/** Options of parseSyslogLine. */
export interface ParseSyslogOptions {
  /** Arrival time: supplies the year that BSD timestamps leave out. */
  readonly receivedAt: Date;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const PRI = /^<(\d{1,3})>/;
const RFC5424_HEADER = /^([1-9]\d{0,2}) (\S+) (\S+) (\S+) (\S+) (\S+) ?/;
const BSD_TIME =
  /^([A-Z][a-z]{2}) {1,2}(\d{1,2})(?: (\d{4}))? (\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(?: ?(Z|[+-]\d{2}:?\d{2}))?(?: |$)/;
const ISO_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?)(?: |$)/;
const TAG = /^([^\s\[\]:]{1,64})(?:\[([^\]\s]{0,32})\])?: ?/;

/**
 * Parse one syslog message (without framing).
 *
 * @param line The message text.
 * @param options Arrival time for BSD timestamps.
 * @returns Its parts.
 * @example
 * ```ts
 * const parsed = parseSyslogLine("<34>Oct 11 22:14:15 mymachine su: 'su root' failed", {
 *   receivedAt: new Date("2023-10-12T00:00:00Z"),
 * });
 * parsed.hostname; // "mymachine"
 * ```
 */
export function parseSyslogLine(line: string, options: ParseSyslogOptions): SyslogMessage {
  const pri = PRI.exec(line);
  let facility: number | null = null;
  let severity: number | null = null;
  let rest = line;
  if (pri && Number(pri[1]) <= 191) {
    facility = Number(pri[1]) >> 3;
    severity = Number(pri[1]) & 7;
    rest = line.slice(pri[0].length);
  }
  if (pri && facility !== null) {
    const header = RFC5424_HEADER.exec(rest);
    if (header && (header[2] === "-" || ISO_TIME.test(header[2] + " "))) {
      return parse5424(header, rest.slice(header[0].length), facility, severity);
    }
  }
  return parse3164(rest, {
    facility,
    severity,
    hasPri: facility !== null,
    line,
    receivedAt: options.receivedAt,
  });
}

function parse5424(
  header: RegExpExecArray,
  afterHeader: string,
  facility: number,
  severity: number | null,
): SyslogMessage {
  const [, , time, hostname, appName, procId, msgId] = header;
  const { structuredData, message } = splitStructuredData(afterHeader);
  return {
    format: "rfc5424",
    facility,
    severity,
    timestamp: time === "-" ? null : isoToUtc(time),
    hostname: nil(hostname),
    appName: nil(appName),
    procId: nil(procId),
    msgId: nil(msgId),
    structuredData,
    message: message.startsWith("\uFEFF") ? message.slice(1) : message,
  };
}

/** STRUCTURED-DATA is `-` or `[id param="value" ...]` repeated, with `\"`, `\\` and `\]` escaped in values. */
function splitStructuredData(text: string): { structuredData: string | null; message: string } {
  if (text.startsWith("-")) {
    return { structuredData: null, message: text.slice(text.startsWith("- ") ? 2 : 1) };
  }
  if (!text.startsWith("[")) return { structuredData: null, message: text };
  let i = 0;
  while (text[i] === "[") {
    let inQuotes = false;
    i++;
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === "\\" && inQuotes) i++;
      else if (c === '"') inQuotes = !inQuotes;
      else if (c === "]" && !inQuotes) break;
    }
    if (i >= text.length) return { structuredData: null, message: text }; // unclosed: keep everything as text
    i++;
  }
  const message = text.slice(i);
  return { structuredData: text.slice(0, i), message: message.startsWith(" ") ? message.slice(1) : message };
}

interface BsdContext {
  facility: number | null;
  severity: number | null;
  hasPri: boolean;
  line: string;
  receivedAt: Date;
}

function parse3164(text: string, context: BsdContext): SyslogMessage {
  let timestamp: string | null = null;
  let rest = text;
  const bsd = BSD_TIME.exec(rest);
  const iso = bsd ? null : ISO_TIME.exec(rest);
  if (bsd) {
    timestamp = bsdToUtc(bsd, context.receivedAt);
    rest = rest.slice(bsd[0].length);
  } else if (iso) {
    timestamp = isoToUtc(iso[1]);
    rest = rest.slice(iso[0].length);
  }
  const hasTime = bsd !== null || iso !== null;
  if (!hasTime && !context.hasPri) {
    return { ...EMPTY, format: "raw", message: context.line };
  }
  let hostname: string | null = null;
  // After the time comes HOSTNAME then TAG; many senders leave the hostname out, so a first word that already
  // looks like a tag (`sshd[42]:` or `sshd:`) is taken as the tag.
  if (hasTime && !TAG.test(rest)) {
    const space = rest.indexOf(" ");
    const word = space === -1 ? rest : rest.slice(0, space);
    if (word !== "") {
      hostname = word;
      rest = space === -1 ? "" : rest.slice(space + 1);
    }
  }
  const tag = TAG.exec(rest);
  let appName: string | null = null;
  let procId: string | null = null;
  if (tag && (hasTime || tag[2] !== undefined)) {
    appName = tag[1];
    procId = tag[2] || null;
    rest = rest.slice(tag[0].length);
  }
  return {
    ...EMPTY,
    format: "rfc3164",
    facility: context.facility,
    severity: context.severity,
    timestamp,
    hostname,
    appName,
    procId,
    message: rest,
  };
}

const EMPTY: SyslogMessage = {
  format: "raw",
  facility: null,
  severity: null,
  timestamp: null,
  hostname: null,
  appName: null,
  procId: null,
  msgId: null,
  structuredData: null,
  message: "",
};

/**
 * BSD timestamps have no year or zone: the zone is taken as UTC and the year as the one that puts the time nearest
 * to arrival (a December line read on 1 January belongs to the year before).
 */
function bsdToUtc(match: RegExpExecArray, receivedAt: Date): string | null {
  const [, monthName, day, year, h, mi, s, fraction = "", zone] = match;
  const month = MONTHS.indexOf(monthName);
  if (month === -1) return null;
  const build = (y: number) =>
    isoToUtc(
      `${String(y).padStart(4, "0")}-${pad(month + 1)}-${pad(Number(day))}T${h}:${mi}:${s}${fraction}${
        zone ?? "Z"
      }`,
    );
  if (year) return build(Number(year));
  const thisYear = receivedAt.getUTCFullYear();
  const current = build(thisYear);
  if (current === null) return build(thisYear - 1) ?? build(thisYear + 1);
  // Within half a year of arrival the arrival's year is the nearest; only then are the neighbours worth building.
  const distance = Date.parse(current) - receivedAt.getTime();
  if (Math.abs(distance) <= HALF_YEAR_MS) return current;
  return build(distance > 0 ? thisYear - 1 : thisYear + 1) ?? current;
}

const HALF_YEAR_MS = 182 * 24 * 3600 * 1000;

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function nil(value: string): string | null {
  return value === "-" ? null : value;
}
