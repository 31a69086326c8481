/**
 * Microsoft Defender for Endpoint device tables to ASIM: DeviceProcessEvents to ProcessEvent, DeviceFileEvents to
 * FileEvent, DeviceRegistryEvents to RegistryEvent, DeviceNetworkEvents to NetworkSession and DeviceLogonEvents
 * to Authentication. In every one the initiating process is ASIM's acting process and its account the actor.
 */
import type { ParsedRecord, Row } from "../connector.ts";
import { asimRecord, hostFields, str } from "./asim_row.ts";

const FILE_TYPES: Readonly<Record<string, string>> = {
  FileCreated: "FileCreated",
  FileModified: "FileModified",
  FileDeleted: "FileDeleted",
  FileRenamed: "FileRenamed",
};

const REGISTRY_TYPES = new Set([
  "RegistryKeyCreated",
  "RegistryKeyDeleted",
  "RegistryKeyRenamed",
  "RegistryValueDeleted",
  "RegistryValueSet",
]);

const NETWORK_RESULTS: Readonly<Record<string, string>> = {
  ConnectionSuccess: "Success",
  ConnectionFailed: "Failure",
  ConnectionAttempt: "NA",
  InboundConnectionAccepted: "Success",
  ConnectionRequest: "NA",
  ListeningConnectionCreated: "Success",
};

/**
 * The ASim records of a Defender device-table row.
 *
 * @param table The Device* table of the row.
 * @param row The row.
 * @returns Zero or one record.
 * @example
 * ```ts
 * const [process] = mapDefender("DeviceProcessEvents", { TimeGenerated: "2024-01-01T00:00:00.000Z",
 *   ActionType: "ProcessCreated", FolderPath: "C:\\Windows\\System32\\cmd.exe", DeviceName: "pc1" });
 * process.row.TargetProcessName; // "C:\\Windows\\System32\\cmd.exe"
 * ```
 */
export function mapDefender(table: string, row: Row): ParsedRecord[] {
  const action = str(row, "ActionType");
  switch (table) {
    case "DeviceProcessEvents":
      return [asimRecord("ProcessEvent", {
        ...common(row),
        EventType: "ProcessCreated",
        EventResult: "Success",
        ...user("Target", str(row, "AccountDomain"), str(row, "AccountName"), str(row, "AccountSid")),
        TargetUserUpn: str(row, "AccountUpn"),
        TargetUserSessionId: str(row, "LogonId"),
        TargetProcessName: str(row, "FolderPath"),
        TargetProcessId: str(row, "ProcessId"),
        TargetProcessCommandLine: str(row, "ProcessCommandLine"),
        TargetProcessCreationTime: row.ProcessCreationTime,
        TargetProcessIntegrityLevel: str(row, "ProcessIntegrityLevel"),
        TargetProcessTokenElevation: str(row, "ProcessTokenElevation"),
        TargetProcessMD5: str(row, "MD5"),
        TargetProcessSHA1: str(row, "SHA1"),
        TargetProcessSHA256: str(row, "SHA256"),
        TargetProcessFileSize: row.FileSize,
        TargetProcessFileCompany: str(row, "ProcessVersionInfoCompanyName"),
        TargetProcessFileProduct: str(row, "ProcessVersionInfoProductName"),
        TargetProcessFileVersion: str(row, "ProcessVersionInfoProductVersion"),
        TargetProcessFileInternalName: str(row, "ProcessVersionInfoInternalFileName"),
        TargetProcessFileOriginalName: str(row, "ProcessVersionInfoOriginalFileName"),
        TargetProcessFileDescription: str(row, "ProcessVersionInfoFileDescription"),
        ParentProcessName: str(row, "InitiatingProcessParentFileName"),
        ParentProcessId: str(row, "InitiatingProcessParentId"),
        ParentProcessCreationTime: row.InitiatingProcessParentCreationTime,
      })];
    case "DeviceFileEvents": {
      const type = action === undefined ? undefined : FILE_TYPES[action];
      if (type === undefined) return [];
      const previous = str(row, "PreviousFolderPath");
      return [asimRecord("FileEvent", {
        ...common(row),
        EventType: type,
        EventResult: "Success",
        TargetFileName: str(row, "FileName"),
        TargetFilePath: str(row, "FolderPath"),
        TargetFilePathType: "Windows Local",
        TargetFileMD5: str(row, "MD5"),
        TargetFileSHA1: str(row, "SHA1"),
        TargetFileSHA256: str(row, "SHA256"),
        TargetFileSize: row.FileSize,
        TargetUrl: str(row, "FileOriginUrl"),
        SrcFileName: str(row, "PreviousFileName"),
        SrcFilePath: previous,
        SrcFilePathType: previous === undefined ? undefined : "Windows Local",
        SrcIpAddr: str(row, "RequestSourceIP"),
        SrcPortNumber: row.RequestSourcePort,
        NetworkApplicationProtocol: str(row, "RequestProtocol"),
      })];
    }
    case "DeviceRegistryEvents":
      if (action === undefined || !REGISTRY_TYPES.has(action)) return [];
      return [asimRecord("RegistryEvent", {
        ...common(row),
        EventType: action,
        EventResult: "Success",
        RegistryKey: str(row, "RegistryKey"),
        RegistryValue: str(row, "RegistryValueName"),
        RegistryValueType: str(row, "RegistryValueType"),
        RegistryValueData: str(row, "RegistryValueData"),
        RegistryPreviousKey: str(row, "PreviousRegistryKey"),
        RegistryPreviousValue: str(row, "PreviousRegistryValueName"),
        RegistryPreviousValueData: str(row, "PreviousRegistryValueData"),
        ParentProcessName: str(row, "InitiatingProcessParentFileName"),
        ParentProcessId: str(row, "InitiatingProcessParentId"),
      })];
    case "DeviceNetworkEvents": {
      const result = action === undefined ? undefined : NETWORK_RESULTS[action];
      if (result === undefined) return [];
      const inbound = action === "InboundConnectionAccepted";
      const local = { ip: str(row, "LocalIP"), port: row.LocalPort };
      const remote = { ip: str(row, "RemoteIP"), port: row.RemotePort };
      const [src, dst] = inbound ? [remote, local] : [local, remote];
      return [asimRecord("NetworkSession", {
        ...common(row),
        EventType: "EndpointNetworkSession",
        EventResult: result,
        NetworkDirection: inbound ? "Inbound" : "Outbound",
        NetworkProtocol: str(row, "Protocol")?.replace(/^Tcp.*/i, "TCP").replace(/^Udp.*/i, "UDP"),
        SrcIpAddr: src.ip,
        SrcPortNumber: src.port,
        DstIpAddr: dst.ip,
        DstPortNumber: dst.port,
        ...(inbound ? {} : hostFields("Dst", str(row, "RemoteUrl"))),
        ...(inbound ? { DstHostname: str(row, "DeviceName") } : { SrcHostname: str(row, "DeviceName") }),
      })];
    }
    case "DeviceLogonEvents": {
      const failed = action === "LogonFailed";
      if (action !== "LogonSuccess" && !failed && action !== "LogonAttempted") return [];
      return [asimRecord("Authentication", {
        ...common(row),
        EventType: "Logon",
        EventResult: failed ? "Failure" : action === "LogonAttempted" ? "NA" : "Success",
        EventResultDetails: failed ? "Other" : undefined,
        EventOriginalResultDetails: str(row, "FailureReason"),
        EventOriginalSubType: str(row, "LogonType"),
        ...user("Target", str(row, "AccountDomain"), str(row, "AccountName"), str(row, "AccountSid")),
        TargetSessionId: str(row, "LogonId"),
        LogonProtocol: str(row, "Protocol"),
        SrcIpAddr: str(row, "RemoteIP"),
        SrcPortNumber: row.RemotePort,
        SrcHostname: str(row, "RemoteDeviceName"),
        ...hostFields("Target", str(row, "DeviceName")),
        TargetDvcId: str(row, "DeviceId"),
      })];
    }
    default:
      return [];
  }
}

/** Device, product and the initiating process (ASIM's actor and acting process). */
function common(row: Row): Record<string, unknown> {
  return {
    TimeGenerated: row.TimeGenerated,
    EventVendor: "Microsoft",
    EventProduct: "M365 Defender for Endpoint",
    EventOriginalType: str(row, "ActionType"),
    EventOriginalUid: str(row, "ReportId"),
    EventSeverity: "Informational",
    ...hostFields("Dvc", str(row, "DeviceName")),
    DvcId: str(row, "DeviceId"),
    DvcIdType: str(row, "DeviceId") === undefined ? undefined : "MDEid",
    DvcOs: "Windows",
    ...user(
      "Actor",
      str(row, "InitiatingProcessAccountDomain"),
      str(row, "InitiatingProcessAccountName"),
      str(row, "InitiatingProcessAccountSid"),
    ),
    ActorUserUpn: str(row, "InitiatingProcessAccountUpn"),
    ActingProcessName: str(row, "InitiatingProcessFolderPath") ?? str(row, "InitiatingProcessFileName"),
    ActingProcessId: str(row, "InitiatingProcessId"),
    ActingProcessCommandLine: str(row, "InitiatingProcessCommandLine"),
    ActingProcessCreationTime: row.InitiatingProcessCreationTime,
    ActingProcessIntegrityLevel: str(row, "InitiatingProcessIntegrityLevel"),
    ActingProcessTokenElevation: str(row, "InitiatingProcessTokenElevation"),
    ActingProcessMD5: str(row, "InitiatingProcessMD5"),
    ActingProcessSHA1: str(row, "InitiatingProcessSHA1"),
    ActingProcessSHA256: str(row, "InitiatingProcessSHA256"),
  };
}

function user(
  role: string,
  domain: string | undefined,
  name: string | undefined,
  sid: string | undefined,
): Record<string, unknown> {
  if (name === undefined && sid === undefined) return {};
  return {
    [`${role}Username`]: name === undefined ? undefined : domain === undefined ? name : `${domain}\\${name}`,
    [`${role}UsernameType`]: name === undefined ? undefined : domain === undefined ? "Simple" : "Windows",
    [`${role}UserId`]: sid,
    [`${role}UserIdType`]: sid === undefined ? undefined : "SID",
    [`${role}UserType`]: name === undefined ? undefined : name.endsWith("$") ? "Machine" : "Regular",
  };
}
