import type { ParseContext, Row } from "../connector.ts";
import { toStr } from "../encode/coerce.ts";
import { RowEncoder } from "../encode/row_encoder.ts";
import { LOGON_TYPE_NAMES, SECURITY_EVENT_NAMES } from "./security_event_names.ts";
import type { WindowsEvent } from "./windows_event.ts";

/** The table Windows Security events go to. */
export const SECURITY_EVENT_TABLE = "SecurityEvent";

const ENCODER = RowEncoder.forTable(SECURITY_EVENT_TABLE);

/**
 * Map a Windows event to a SecurityEvent row the way Sentinel fills it: EventData items that are columns are
 * copied, Account/SubjectAccount/TargetAccount are `DOMAIN\user`, AccountType is `Machine` for `$` names,
 * Activity and LogonTypeName carry their descriptions, and the full EventData is kept as XML text.
 *
 * @param event The event in its common form.
 * @param context Arrival time, used when the event has no time.
 * @returns The row.
 * @example
 * ```ts
 * const row = mapSecurityEvent({
 *   time: null, computer: "DC01", eventId: 4625, channel: "Security", provider: null, level: null, task: null,
 *   eventData: [["TargetUserName", "bob"], ["TargetDomainName", "CONTOSO"], ["LogonType", "3"]],
 * }, { receivedAt: new Date() });
 * row.Account; // "CONTOSO\\bob"
 * ```
 */
export function mapSecurityEvent(event: WindowsEvent, context: ParseContext): Row {
  const values: Record<string, unknown> = { ...event.columns };
  for (const [name, value] of event.eventData) {
    if (values[name] === undefined && value !== "" && value !== "-") values[name] = value;
  }
  const data = (name: string) => toStr(values[name]);
  const subject = account(data("SubjectDomainName"), data("SubjectUserName"));
  const target = account(data("TargetDomainName"), data("TargetUserName"));
  const accountName = data("TargetUserName") ?? data("SubjectUserName");
  const logonType = Number(data("LogonType"));
  const processPath = data("NewProcessName") ?? data("ProcessName");
  const id = event.eventId;
  Object.assign(values, {
    TimeGenerated: event.time ?? values.TimeGenerated ?? context.receivedAt.toISOString(),
    Computer: event.computer,
    EventID: id,
    Channel: event.channel,
    EventSourceName: event.provider,
    Level: event.level,
    Task: event.task,
    SourceSystem: values.SourceSystem ?? "OpsManager",
  });
  values.Activity ??= id === null
    ? null
    : SECURITY_EVENT_NAMES[id]
    ? `${id} - ${SECURITY_EVENT_NAMES[id]}`
    : `${id}`;
  values.SubjectAccount ??= subject;
  values.TargetAccount ??= target;
  values.Account ??= target ?? subject;
  values.AccountType ??= accountName ? (accountName.endsWith("$") ? "Machine" : "User") : null;
  values.LogonTypeName ??= LOGON_TYPE_NAMES[logonType]
    ? `${logonType} - ${LOGON_TYPE_NAMES[logonType]}`
    : null;
  values.Process ??= processPath
    ? processPath.slice(Math.max(processPath.lastIndexOf("\\"), processPath.lastIndexOf("/")) + 1)
    : null;
  values.EventData ??= event.eventData.length > 0 ? eventDataXml(event.eventData) : null;
  return ENCODER.encode(values);
}

function account(domain: string | null, user: string | null): string | null {
  if (!user || user === "-") return null;
  return domain && domain !== "-" ? `${domain}\\${user}` : user;
}

function eventDataXml(items: ReadonlyArray<readonly [string, string]>): string {
  const body = items.map(([name, value]) => `<Data Name="${escapeXml(name)}">${escapeXml(value)}</Data>`)
    .join("");
  return `<EventData xmlns="http://schemas.microsoft.com/win/2004/08/events/event">${body}</EventData>`;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[c]!);
}
