/**
 * Simple CSV IoC feeds to `ThreatIntelligenceIndicator` rows. A header row names the columns (matched without
 * regard to case, spaces or `_`): the indicator itself (`indicator`, `value`, `ioc`, `observable`), its `type`
 * (`ip`, `ipv4`, `ipv6`, `cidr`, `domain`, `hostname`, `url`, `md5`, `sha1`, `sha256`, `email`; guessed from
 * the value when absent), and optionally `id`, `description`, `confidence`, `threat_type`, `tags`, `expiration`
 * (`valid_until`), `active`, `tlp`. A file without a header (one indicator per line) works too.
 */
import type { ParseContext, ParsedRecord, RecordError } from "../connector.ts";
import { compactRow } from "../encode/compact_row.ts";
import { toDatetime } from "../encode/datetime.ts";
import { DEFAULT_VALIDITY_DAYS, TI_TABLE } from "./map_stix.ts";
import type { IndicatorFields } from "./stix_pattern.ts";

/** The fields of one CSV record (RFC 4180 quoting, doubled quotes inside quoted fields). */
function splitRecords(text: string): { fields: string[]; line: number; raw: string }[] {
  const out: { fields: string[]; line: number; raw: string }[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let startLine = 1;
  let start = 0;
  const end = (i: number) => {
    fields.push(field);
    if (fields.length > 1 || fields[0].trim() !== "") {
      out.push({ fields, line: startLine, raw: text.slice(start, i) });
    }
    fields = [];
    field = "";
    start = i + 1;
    startLine = line;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === "\n") line++;
        field += c;
      }
    } else if (c === '"' && field.trim() === "") {
      field = "";
      quoted = true;
    } else if (c === ",") {
      fields.push(field);
      field = "";
    } else if (c === "\n") {
      line++;
      end(i > 0 && text[i - 1] === "\r" ? i - 1 : i);
    } else if (c !== "\r") field += c;
  }
  if (field !== "" || fields.length > 0) end(text.length);
  return out;
}

const HEADERS: Readonly<Record<string, string>> = {
  indicator: "value",
  value: "value",
  ioc: "value",
  observable: "value",
  indicatorvalue: "value",
  type: "type",
  indicatortype: "type",
  ioctype: "type",
  id: "id",
  indicatorid: "id",
  description: "description",
  confidence: "confidence",
  confidencescore: "confidence",
  threattype: "threatType",
  tags: "tags",
  labels: "tags",
  expiration: "expiration",
  expirationdatetime: "expiration",
  validuntil: "expiration",
  active: "active",
  tlp: "tlp",
};

const IPV4 = /^(?:\d{1,3}\.){3}\d{1,3}$/;
const IPV4_CIDR = /^(?:\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/;
const IPV6 = /^[0-9A-Fa-f:]+:[0-9A-Fa-f:.]*$/;

/** The columns an indicator of a type sets; the type is guessed from the value when not given. */
function fieldsFor(
  value: string,
  type: string | undefined,
): { fields: IndicatorFields } | { error: string } {
  const mapped = typedFields(value, type);
  return typeof mapped === "string" ? { error: mapped } : { fields: mapped };
}

/** The columns, or why the value has no type. */
function typedFields(value: string, type: string | undefined): IndicatorFields | string {
  const t = (type ?? "").trim().toLowerCase().replace(/[-_\s]/g, "");
  if (
    t === "ip" || t === "ipv4" || t === "ipv6" || t === "ipaddress" || t === "ipv4addr" || t === "ipv6addr"
  ) {
    return value.includes("/") ? { NetworkCidrBlock: value } : { NetworkIP: value };
  }
  if (t === "cidr") return { NetworkCidrBlock: value };
  if (t === "domain" || t === "domainname" || t === "hostname" || t === "fqdn") return { DomainName: value };
  if (t === "url" || t === "uri") return { Url: value };
  if (t === "email" || t === "emailaddr" || t === "emailaddress") return { EmailSenderAddress: value };
  if (t === "md5" || t === "sha1" || t === "sha256" || t === "sha512") {
    return { FileHashType: t.toUpperCase(), FileHashValue: value };
  }
  if (t !== "" && t !== "auto") return `Unknown indicator type '${type}'`;
  if (IPV4.test(value) || IPV6.test(value)) return { NetworkIP: value };
  if (IPV4_CIDR.test(value)) return { NetworkCidrBlock: value };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return { Url: value };
  if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) return { EmailSenderAddress: value };
  const hash = { 32: "MD5", 40: "SHA1", 64: "SHA256", 128: "SHA512" }[value.length];
  if (hash && /^[0-9a-f]+$/i.test(value)) return { FileHashType: hash, FileHashValue: value };
  if (/^(?=.{1,253}$)([a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\.?$/i.test(value)) {
    return { DomainName: value };
  }
  return `Cannot tell the indicator type of '${value.slice(0, 100)}': add a 'type' column`;
}

/** Whether a first record is a header (it names a known column) rather than a first indicator. */
function isHeader(fields: readonly string[]): boolean {
  return fields.some((f) => HEADERS[f.trim().toLowerCase().replace(/[\s_-]/g, "")] === "value");
}

/**
 * Parse a CSV IoC feed.
 *
 * @param text the CSV text
 * @param context the arrival time (`TimeGenerated`)
 * @returns rows and the refused records (by line, 0-based)
 * @example
 * ```ts
 * import { parseCsvFeed } from "./csv_feed.ts";
 * const csv = "indicator,type,description\n203.0.113.9,ip,Scanner\n";
 * parseCsvFeed(csv, { receivedAt: new Date("2026-01-01T00:00:00Z") }).records[0].row.NetworkIP; // "203.0.113.9"
 * ```
 */
export function parseCsvFeed(
  text: string,
  context: ParseContext,
): { records: ParsedRecord[]; errors: RecordError[] } {
  const rows = splitRecords(text);
  const records: ParsedRecord[] = [];
  const errors: RecordError[] = [];
  if (rows.length === 0) return { records, errors };
  const header = isHeader(rows[0].fields);
  const roles = header
    ? rows[0].fields.map((f) => HEADERS[f.trim().toLowerCase().replace(/[\s_-]/g, "")])
    : ["value"];
  const received = context.receivedAt.toISOString();
  const defaultExpiry = new Date(context.receivedAt.getTime() + DEFAULT_VALIDITY_DAYS * 86_400_000)
    .toISOString();
  for (const { fields, line, raw } of header ? rows.slice(1) : rows) {
    const get = (role: string) => {
      const i = roles.indexOf(role);
      const value = i < 0 ? undefined : fields[i]?.trim();
      return value === "" ? undefined : value;
    };
    const fail = (message: string) => errors.push({ index: line - 1, message, raw });
    const value = get("value");
    if (value === undefined) {
      fail("Missing indicator value");
      continue;
    }
    const type = get("type");
    const mapped = fieldsFor(value, type);
    if ("error" in mapped) {
      fail(mapped.error);
      continue;
    }
    const expirationText = get("expiration");
    const expiration = expirationText === undefined ? defaultExpiry : toDatetime(expirationText);
    if (expiration === null) {
      fail(`Invalid expiration '${expirationText}': expected a date`);
      continue;
    }
    const confidenceText = get("confidence");
    const confidence = confidenceText === undefined ? undefined : Number(confidenceText);
    if (confidence !== undefined && !Number.isFinite(confidence)) {
      fail(`Invalid confidence '${confidenceText}': expected a number`);
      continue;
    }
    const active = get("active");
    const kind = Object.keys(mapped.fields).join("+");
    records.push({
      table: TI_TABLE,
      row: compactRow({
        TimeGenerated: received,
        SourceSystem: "CSV",
        // The same indicator in a later feed run updates the same IndicatorId (arg_max by IndicatorId).
        IndicatorId: get("id") ?? `csv:${kind}:${value.toLowerCase()}`,
        ExternalIndicatorId: get("id"),
        Action: "alert",
        Active: active === undefined ? true : !/^(false|0|no|inactive|revoked)$/i.test(active),
        ConfidenceScore: confidence === undefined ? undefined : Math.round(confidence),
        Description: get("description"),
        ThreatType: get("threatType"),
        Tags: get("tags"),
        TrafficLightProtocolLevel: get("tlp")?.toLowerCase().replace(/^tlp:/, ""),
        ExpirationDateTime: expiration,
        ...mapped.fields,
      }),
    });
  }
  return { records, errors };
}
