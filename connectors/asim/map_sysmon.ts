/**
 * Windows events carried in the generic event tables: Sysmon (in `Event`, EventData as XML text, or in
 * `WindowsEvent`, EventData as an object) to ProcessEvent, NetworkSession, FileEvent, RegistryEvent and Dns;
 * Security-channel events in `WindowsEvent` (the Azure Monitor Agent's table) the same way as SecurityEvent.
 */
import type { ParsedRecord, Row } from "../connector.ts";
import { asimRecord, hostFields, obj, str } from "./asim_row.ts";
import { mapWindowsSecurity } from "./map_windows_security.ts";

const SYSMON_LOG = "Microsoft-Windows-Sysmon/Operational";

/** `<Data Name="X">value</Data>` items of an EventData XML text. */
function xmlData(xml: string): Record<string, string> {
  const data: Record<string, string> = {};
  for (const match of xml.matchAll(/<Data Name=["']([^"']+)["']\s*>([^<]*)<\/Data>/g)) {
    data[match[1]] = match[2].replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"')
      .replaceAll("&apos;", "'").replaceAll("&amp;", "&");
  }
  return data;
}

/** An object's values as strings (WindowsEvent.EventData values are JSON scalars). */
function stringValues(value: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value ?? {})) {
    if (v !== null && v !== undefined && typeof v !== "object") out[key] = String(v);
  }
  return out;
}

/**
 * The ASim records of an `Event` row: Sysmon events only.
 *
 * @param row An Event row.
 * @returns Zero or one record.
 * @example
 * ```ts
 * mapEvent({ TimeGenerated: "2024-01-01T00:00:00.000Z", EventLog: "Microsoft-Windows-Sysmon/Operational",
 *   EventID: 1, EventData: '<DataItem><EventData><Data Name="Image">C:\\x.exe</Data></EventData></DataItem>' });
 * // [{ table: "ASimProcessEventLogs", row: { ..., TargetProcessName: "C:\\x.exe" } }]
 * ```
 */
export function mapEvent(row: Row): ParsedRecord[] {
  if (str(row, "EventLog") !== SYSMON_LOG) return [];
  return mapSysmon(row, xmlData(str(row, "EventData") ?? ""));
}

/**
 * The ASim records of a `WindowsEvent` row: Sysmon events, and Security-channel events as for SecurityEvent.
 *
 * @param row A WindowsEvent row.
 * @returns Zero or one record.
 */
export function mapWindowsEvent(row: Row): ParsedRecord[] {
  const data = stringValues(obj(row, "EventData"));
  if (str(row, "Provider") === "Microsoft-Windows-Sysmon" || str(row, "Channel") === SYSMON_LOG) {
    return mapSysmon(row, data);
  }
  if (str(row, "Channel") !== "Security") return [];
  return mapWindowsSecurity({
    ...data,
    TimeGenerated: row.TimeGenerated,
    EventID: row.EventID,
    Computer: row.Computer,
    EventOriginId: row.EventOriginId,
  });
}

/** The Sysmon `Hashes` field (`SHA1=..,MD5=..,SHA256=..,IMPHASH=..`) as ASIM hash columns for a role. */
function hashes(role: string, value: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (value ?? "").split(",")) {
    const [kind, hash] = part.split("=");
    if (hash !== undefined && ["MD5", "SHA1", "SHA256", "SHA512", "IMPHASH"].includes(kind.toUpperCase())) {
      out[`${role}${kind.toUpperCase()}`] = hash;
    }
  }
  return out;
}

const RCODE_NAMES = [
  "NOERROR",
  "FORMERR",
  "SERVFAIL",
  "NXDOMAIN",
  "NOTIMP",
  "REFUSED",
  "YXDOMAIN",
  "YXRRSET",
  "NXRRSET",
  "NOTAUTH",
  "NOTZONE",
];

/**
 * Sysmon's `QueryStatus` is a Win32 status: 0 for success, `9000 + RCODE` for a DNS error answer
 * (9003 = NXDOMAIN); anything else (timeouts, no records) has no RCODE.
 */
function dnsResponseCode(status: string | undefined): number | undefined {
  const n = Number(status);
  if (n === 0) return 0;
  return n > 9000 && n <= 9010 ? n - 9000 : undefined;
}

function user(role: string, name: string | undefined): Record<string, string | undefined> {
  if (name === undefined) return {};
  return {
    [`${role}Username`]: name,
    [`${role}UsernameType`]: name.includes("\\") ? "Windows" : "Simple",
    [`${role}UserType`]: /^NT AUTHORITY\\/i.test(name) ? "System" : "Regular",
  };
}

function mapSysmon(row: Row, d: Record<string, string>): ParsedRecord[] {
  const id = typeof row.EventID === "number" ? row.EventID : Number(row.EventID);
  const common = {
    TimeGenerated: row.TimeGenerated,
    EventVendor: "Microsoft",
    EventProduct: "Sysmon",
    EventOriginalType: String(id),
    EventSeverity: "Informational",
    EventResult: "Success",
    DvcOs: "Windows",
    ...hostFields("Dvc", str(row, "Computer")),
    ActingProcessName: d.Image,
    ActingProcessId: d.ProcessId,
    ActingProcessGuid: d.ProcessGuid,
  };
  switch (id) {
    case 1:
      return [asimRecord("ProcessEvent", {
        ...common,
        EventType: "ProcessCreated",
        ...user("Actor", d.ParentUser),
        ActingProcessName: d.ParentImage,
        ActingProcessId: d.ParentProcessId,
        ActingProcessGuid: d.ParentProcessGuid,
        ActingProcessCommandLine: d.ParentCommandLine,
        ...user("Target", d.User),
        TargetUserSessionId: d.LogonId,
        TargetProcessName: d.Image,
        TargetProcessId: d.ProcessId,
        TargetProcessGuid: d.ProcessGuid,
        TargetProcessCommandLine: d.CommandLine,
        TargetProcessCurrentDirectory: d.CurrentDirectory,
        TargetProcessIntegrityLevel: d.IntegrityLevel,
        TargetProcessFileVersion: d.FileVersion,
        TargetProcessFileDescription: d.Description,
        TargetProcessFileProduct: d.Product,
        TargetProcessFileCompany: d.Company,
        TargetProcessFileOriginalName: d.OriginalFileName,
        ...hashes("TargetProcess", d.Hashes),
      })];
    case 5:
      return [asimRecord("ProcessEvent", {
        ...common,
        EventType: "ProcessTerminated",
        ...user("Target", d.User),
        TargetProcessName: d.Image,
        TargetProcessId: d.ProcessId,
        TargetProcessGuid: d.ProcessGuid,
      })];
    case 3: {
      const outbound = d.Initiated !== "false";
      return [asimRecord("NetworkSession", {
        ...common,
        EventType: "EndpointNetworkSession",
        ...user(outbound ? "Src" : "Dst", d.User),
        NetworkProtocol: d.Protocol?.toUpperCase(),
        NetworkDirection: outbound ? "Outbound" : "Inbound",
        SrcIpAddr: d.SourceIp,
        SrcPortNumber: d.SourcePort,
        SrcHostname: d.SourceHostname,
        DstIpAddr: d.DestinationIp,
        DstPortNumber: d.DestinationPort,
        DstHostname: d.DestinationHostname,
      })];
    }
    case 11:
    case 23:
    case 26:
      return [asimRecord("FileEvent", {
        ...common,
        EventType: id === 11 ? "FileCreated" : "FileDeleted",
        ...user("Actor", d.User),
        TargetFilePath: d.TargetFilename,
        TargetFileName: d.TargetFilename?.split("\\").at(-1),
        TargetFilePathType: "Windows Local",
        TargetFileCreationTime: d.CreationUtcTime === undefined
          ? undefined
          : `${d.CreationUtcTime.replace(" ", "T")}Z`,
        ...hashes("TargetFile", d.Hashes),
      })];
    case 12:
    case 13:
    case 14: {
      const type = id === 13
        ? "RegistryValueSet"
        : id === 14
        ? "RegistryKeyRenamed"
        : /delete/i.test(d.EventType ?? "")
        ? "RegistryKeyDeleted"
        : "RegistryKeyCreated";
      return [asimRecord("RegistryEvent", {
        ...common,
        EventType: type,
        ...user("Actor", d.User),
        RegistryKey: id === 14 ? d.NewName : d.TargetObject,
        RegistryPreviousKey: id === 14 ? d.TargetObject : undefined,
        RegistryValueData: id === 13 ? d.Details : undefined,
      })];
    }
    case 22: {
      const rcode = dnsResponseCode(d.QueryStatus);
      return [asimRecord("Dns", {
        ...common,
        EventType: "Query",
        EventResult: d.QueryStatus === undefined || d.QueryStatus === "0" ? "Success" : "Failure",
        EventResultDetails: rcode === undefined ? "Other" : RCODE_NAMES[rcode],
        EventOriginalResultDetails: d.QueryStatus,
        DnsResponseCode: rcode,
        ...user("Src", d.User),
        SrcProcessName: d.Image,
        SrcProcessId: d.ProcessId,
        SrcProcessGuid: d.ProcessGuid,
        DnsQuery: d.QueryName,
        DnsResponseName: d.QueryResults,
      })];
    }
    default:
      return [];
  }
}
