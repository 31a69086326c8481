/**
 * Windows Security events (SecurityEvent rows) to ASIM: logons and logoffs to Authentication, process creation
 * and termination to ProcessEvent, account and group changes to UserManagement. The mapping reads the
 * SecurityEvent columns our windows-security connector fills (and that any SecurityEvent row sent to the ingest
 * API has), so it is the same whatever door the event came in by.
 */
import type { ParsedRecord, Row } from "../connector.ts";
import { asimRecord, hostFields, str } from "./asim_row.ts";

/** Logon types (4624/4625 `LogonType`) to ASIM's `EventSubType` for Authentication. */
const LOGON_SUBTYPES: Readonly<Record<string, string>> = {
  "0": "System",
  "2": "Interactive",
  "3": "Remote",
  "4": "Service",
  "5": "Service",
  "7": "Interactive",
  "8": "Remote",
  "9": "Interactive",
  "10": "RemoteInteractive",
  "11": "Interactive",
  "12": "RemoteInteractive",
  "13": "Interactive",
};

/** NTSTATUS codes of failed logons (4625 `SubStatus`, else `Status`) to ASIM's `EventResultDetails`. */
const LOGON_FAILURES: Readonly<Record<string, string>> = {
  "0xc0000064": "No such user",
  "0xc000006a": "Incorrect password",
  "0xc000006d": "No such user or password",
  "0xc000006e": "Logon violates policy",
  "0xc000006f": "Logon violates policy",
  "0xc0000070": "Logon violates policy",
  "0xc0000071": "Password expired",
  "0xc0000072": "User disabled",
  "0xc0000193": "Account expired",
  "0xc0000224": "Password expired",
  "0xc0000234": "User locked",
  "0xc000015b": "Logon violates policy",
  "0xc0000413": "Logon violates policy",
};

/** Account and group management event ids to ASIM's UserManagement `EventType`. */
const USER_MANAGEMENT: Readonly<Record<number, string>> = {
  4720: "UserCreated",
  4722: "UserEnabled",
  4723: "PasswordChanged",
  4724: "PasswordReset",
  4725: "UserDisabled",
  4726: "UserDeleted",
  4738: "UserModified",
  4740: "UserLocked",
  4767: "UserUnlocked",
  4781: "UserModified",
  4727: "GroupCreated",
  4731: "GroupCreated",
  4754: "GroupCreated",
  4730: "GroupDeleted",
  4734: "GroupDeleted",
  4758: "GroupDeleted",
  4735: "GroupModified",
  4737: "GroupModified",
  4755: "GroupModified",
  4728: "UserAddedToGroup",
  4732: "UserAddedToGroup",
  4756: "UserAddedToGroup",
  4729: "UserRemovedFromGroup",
  4733: "UserRemovedFromGroup",
  4757: "UserRemovedFromGroup",
};

/** Group scope of the group management events, for `GroupType`. */
const GROUP_TYPES: Readonly<Record<number, string>> = {
  4727: "Global Security Enabled",
  4728: "Global Security Enabled",
  4729: "Global Security Enabled",
  4730: "Global Security Enabled",
  4737: "Global Security Enabled",
  4731: "Local Security Enabled",
  4732: "Local Security Enabled",
  4733: "Local Security Enabled",
  4734: "Local Security Enabled",
  4735: "Local Security Enabled",
  4754: "Universal Security Enabled",
  4755: "Universal Security Enabled",
  4756: "Universal Security Enabled",
  4757: "Universal Security Enabled",
  4758: "Universal Security Enabled",
};

/**
 * The ASim records of one SecurityEvent row: none for the events no schema covers.
 *
 * @param row A SecurityEvent row.
 * @returns Zero or one ASim record.
 * @example
 * ```ts
 * const [auth] = mapWindowsSecurity({ TimeGenerated: "2024-01-01T00:00:00.000Z", EventID: 4625,
 *   Computer: "DC01", TargetAccount: "CONTOSO\\bob", SubStatus: "0xc000006a" });
 * auth.row.EventResultDetails; // "Incorrect password"
 * ```
 */
export function mapWindowsSecurity(row: Row): ParsedRecord[] {
  const id = typeof row.EventID === "number" ? row.EventID : Number(row.EventID);
  if (id === 4624 || id === 4625 || id === 4634 || id === 4647 || id === 4648) {
    return [authentication(id, row)];
  }
  if (id === 4688 || id === 4689) return [processEvent(id, row)];
  if (USER_MANAGEMENT[id] !== undefined) return [userManagement(id, row)];
  return [];
}

/** The fields of every record from a Windows event: the reporting computer, vendor, product and id. */
function windowsCommon(id: number, row: Row): Record<string, unknown> {
  return {
    TimeGenerated: row.TimeGenerated,
    EventVendor: "Microsoft",
    EventProduct: "Security Events",
    EventOriginalType: String(id),
    EventOriginalUid: str(row, "EventOriginId"),
    EventMessage: str(row, "Activity"),
    EventSeverity: "Informational",
    DvcOs: "Windows",
    ...hostFields("Dvc", str(row, "Computer")),
  };
}

/** The user fields of an account in a role (`Actor`, `Target`): name as `DOMAIN\user`, SID, machine or not. */
function windowsUser(
  role: string,
  account: string | undefined,
  sid: string | undefined,
): Record<string, unknown> {
  if (account === undefined && sid === undefined) return {};
  const upn = account !== undefined && account.includes("@") && !account.includes("\\");
  const name = account?.includes("\\") ? account.slice(account.indexOf("\\") + 1) : account;
  return {
    [`${role}Username`]: account,
    [`${role}UsernameType`]: account === undefined
      ? undefined
      : upn
      ? "UPN"
      : account.includes("\\")
      ? "Windows"
      : "Simple",
    [`${role}UserId`]: sid,
    [`${role}UserIdType`]: sid === undefined ? undefined : "SID",
    [`${role}UserSid`]: sid,
    [`${role}UserType`]: name === undefined ? undefined : name.endsWith("$") ? "Machine" : "Regular",
  };
}

function account(row: Row, role: "Subject" | "Target"): string | undefined {
  const combined = str(row, `${role}Account`);
  if (combined !== undefined) return combined;
  const user = str(row, `${role}UserName`);
  const domain = str(row, `${role}DomainName`);
  return user === undefined ? undefined : domain === undefined ? user : `${domain}\\${user}`;
}

function authentication(id: number, row: Row): ParsedRecord {
  const failed = id === 4625;
  const code = (str(row, "SubStatus") ?? str(row, "Status"))?.toLowerCase();
  const logonType = str(row, "LogonType");
  const ip = str(row, "IpAddress");
  const explicit = id === 4648;
  return asimRecord("Authentication", {
    ...windowsCommon(id, row),
    EventType: id === 4634 || id === 4647 ? "Logoff" : "Logon",
    EventResult: failed ? "Failure" : "Success",
    EventResultDetails: failed ? (code !== undefined && LOGON_FAILURES[code]) || "Other" : undefined,
    EventOriginalResultDetails: failed ? code : undefined,
    EventSubType: logonType === undefined ? undefined : LOGON_SUBTYPES[logonType],
    EventOriginalSubType: logonType,
    ...windowsUser("Actor", account(row, "Subject"), str(row, "SubjectUserSid")),
    ActorSessionId: str(row, "SubjectLogonId"),
    ...windowsUser("Target", account(row, "Target"), str(row, "TargetUserSid")),
    TargetSessionId: str(row, "TargetLogonId"),
    ActingAppName: str(row, "ProcessName"),
    ActingAppType: str(row, "ProcessName") === undefined ? undefined : "Process",
    LogonProtocol: str(row, "AuthenticationPackageName"),
    SrcIpAddr: ip === undefined || ip === "-" ? undefined : ip,
    SrcPortNumber: str(row, "IpPort") === "0" ? undefined : row.IpPort,
    SrcHostname: str(row, "WorkstationName"),
    ...(explicit
      ? hostFields("Target", str(row, "TargetServerName"))
      : hostFields("Target", str(row, "Computer"))),
    TargetDvcOs: "Windows",
  });
}

function processEvent(id: number, row: Row): ParsedRecord {
  const created = id === 4688;
  const image = created ? str(row, "NewProcessName") ?? str(row, "Process") : str(row, "ProcessName");
  const pid = created ? str(row, "NewProcessId") : str(row, "ProcessId");
  return asimRecord("ProcessEvent", {
    ...windowsCommon(id, row),
    EventType: created ? "ProcessCreated" : "ProcessTerminated",
    EventResult: "Success",
    ...windowsUser("Actor", account(row, "Subject"), str(row, "SubjectUserSid")),
    ActorSessionId: str(row, "SubjectLogonId"),
    ActingProcessName: created ? str(row, "ParentProcessName") : undefined,
    ActingProcessId: created ? str(row, "ProcessId") : undefined,
    ...windowsUser("Target", account(row, "Target"), str(row, "TargetUserSid")),
    TargetUserSessionId: str(row, "TargetLogonId"),
    TargetProcessName: image,
    TargetProcessId: pid,
    TargetProcessCommandLine: created ? str(row, "CommandLine") : undefined,
    TargetProcessTokenElevation: str(row, "TokenElevationType"),
    TargetProcessIntegrityLevel: str(row, "MandatoryLabel"),
    TargetProcessStatusCode: created ? undefined : str(row, "Status"),
  });
}

function userManagement(id: number, row: Row): ParsedRecord {
  const eventType = USER_MANAGEMENT[id];
  const isGroup = GROUP_TYPES[id] !== undefined;
  const member = str(row, "MemberName");
  return asimRecord("UserManagement", {
    ...windowsCommon(id, row),
    EventType: eventType,
    EventResult: "Success",
    ...windowsUser("Actor", account(row, "Subject"), str(row, "SubjectUserSid")),
    ActorSessionId: str(row, "SubjectLogonId"),
    ...(isGroup
      ? {
        ...windowsUser("Target", member === undefined ? undefined : member, str(row, "MemberSid")),
        TargetUsernameType: member === undefined ? undefined : member.includes("=") ? "DN" : "Windows",
        GroupName: account(row, "Target"),
        GroupNameType: "Windows",
        GroupId: str(row, "TargetSid") ?? str(row, "TargetUserSid"),
        GroupIdType: "SID",
        GroupType: GROUP_TYPES[id],
      }
      : windowsUser("Target", account(row, "Target"), str(row, "TargetSid") ?? str(row, "TargetUserSid"))),
    TargetUserScope: str(row, "TargetDomainName"),
  });
}
