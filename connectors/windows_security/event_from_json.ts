import * as v from "valibot";
import { toInt, toStr } from "../encode/coerce.ts";
import { toDatetime } from "../encode/datetime.ts";
import { describeIssues } from "../generic/describe_issues.ts";
import { NxlogEventSchema, SecurityEventColumnsSchema, WinlogbeatEventSchema } from "./schema.ts";
import type { WindowsEvent } from "./windows_event.ts";
import { readXml } from "./xml_elements.ts";

/** NXLog's own fields; every other top-level field of an NXLog record is an EventData item. */
const NXLOG_FIELDS = new Set([
  "EventTime",
  "EventReceivedTime",
  "Hostname",
  "Keywords",
  "EventType",
  "SeverityValue",
  "Severity",
  "EventID",
  "SourceName",
  "ProviderName",
  "ProviderGuid",
  "Version",
  "Task",
  "OpcodeValue",
  "RecordNumber",
  "ActivityID",
  "ExecutionProcessID",
  "ExecutionThreadID",
  "ThreadID",
  "Channel",
  "Message",
  "Category",
  "Opcode",
  "Level",
  "SourceModuleName",
  "SourceModuleType",
  "Domain",
  "AccountName",
  "UserID",
  "AccountType",
]);

/**
 * Read a JSON Windows event in any of the shapes agents send: Winlogbeat (`winlog.*`), Azure Monitor Agent /
 * Sentinel export (SecurityEvent columns, with EventData as XML text) or NXLog (flat).
 *
 * @param record One JSON record.
 * @returns The event, or the reason it cannot be read.
 * @example
 * ```ts
 * eventFromJson({ winlog: { event_id: 4625, computer_name: "DC01", event_data: { TargetUserName: "bob" } } });
 * ```
 */
export function eventFromJson(record: unknown): WindowsEvent | { readonly error: string } {
  if (record === null || typeof record !== "object" || Array.isArray(record)) {
    return { error: "Invalid Windows event: expected a JSON object" };
  }
  if ("winlog" in record) return fromWinlogbeat(record);
  if ("Computer" in record || "TimeGenerated" in record || "TimeGenerated [UTC]" in record) {
    return fromColumns(record);
  }
  return fromNxlog(record);
}

function fromWinlogbeat(record: object): WindowsEvent | { error: string } {
  const parsed = v.safeParse(WinlogbeatEventSchema, record);
  if (!parsed.success) return { error: describeIssues("Winlogbeat event", parsed.issues) };
  const { winlog } = parsed.output;
  const data = winlog.event_data ?? winlog.user_data ?? {};
  return {
    time: toDatetime(parsed.output["@timestamp"] ?? null),
    computer: winlog.computer_name ?? null,
    eventId: toInt(winlog.event_id),
    channel: winlog.channel ?? null,
    provider: winlog.provider_name ?? null,
    level: parsed.output.log?.level ?? null,
    task: toInt(winlog.task),
    eventData: Object.entries(data).map(([name, value]) => [name, toText(value)]),
  };
}

function fromNxlog(record: object): WindowsEvent | { error: string } {
  const parsed = v.safeParse(NxlogEventSchema, record);
  if (!parsed.success) return { error: describeIssues("NXLog Windows event", parsed.issues) };
  const event = parsed.output;
  return {
    // NXLog writes local time without a zone; it is taken as UTC (configure NXLog to send UTC).
    time: toDatetime(event.EventTime ?? null),
    computer: event.Hostname ?? null,
    eventId: toInt(event.EventID),
    channel: event.Channel ?? null,
    provider: event.ProviderName ?? event.SourceName ?? null,
    level: toStr(event.Level ?? event.Severity),
    task: toInt(event.Task),
    eventData: Object.entries(event)
      .filter(([name]) => !NXLOG_FIELDS.has(name))
      .map(([name, value]) => [name, toText(value)]),
  };
}

function fromColumns(record: object): WindowsEvent | { error: string } {
  const parsed = v.safeParse(SecurityEventColumnsSchema, record);
  if (!parsed.success) return { error: describeIssues("SecurityEvent record", parsed.issues) };
  const columns = parsed.output as Record<string, unknown>;
  const eventData: Array<[string, string]> = [];
  if (typeof columns.EventData === "string" && columns.EventData.includes("<")) {
    const xml = readXml(columns.EventData);
    const root = xml.ok ? xml.roots[0] : undefined;
    root?.children.forEach((item) => {
      if (item.attributes.Name) eventData.push([item.attributes.Name, item.text]);
    });
  }
  return {
    // TimeCreated and ProviderName: Fluent Bit's winevtlog records carry Computer like AMA but name these so.
    time: toDatetime(columns.TimeGenerated ?? columns["TimeGenerated [UTC]"] ?? columns.TimeCreated ?? null),
    computer: toStr(columns.Computer),
    eventId: toInt(columns.EventID),
    channel: toStr(columns.Channel),
    provider: toStr(columns.EventSourceName ?? columns.ProviderName),
    level: toStr(columns.Level),
    task: toInt(columns.Task),
    eventData,
    columns,
  };
}

function toText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}
