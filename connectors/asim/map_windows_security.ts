/**
 * Windows Security events (SecurityEvent rows) to ASIM: logons and logoffs to Authentication, process creation
 * and termination to ProcessEvent, account and group changes to UserManagement. The mapping reads the
 * SecurityEvent columns our windows-security connector fills (and that any SecurityEvent row sent to the ingest
 * API has), so it is the same whatever door the event came in by.
 */
import type { ParsedRecord, Row } from "../connector.ts";
import { AsimRow, hostColumns, setHost, str } from "./asim_row.ts";

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
function windowsCommon(b: AsimRow, id: number, row: Row, computer: string | undefined): void {
  b.set("EventVendor", "Microsoft");
  b.set("EventProduct", "Security Events");
  b.set("EventOriginalType", String(id));
  b.set("EventOriginalUid", str(row, "EventOriginId"));
  b.set("EventMessage", str(row, "Activity"));
  b.set("EventSeverity", "Informational");
  b.set("DvcOs", "Windows");
  setHost(b, DVC_HOST, computer);
}

/** The column names of an account in a role, built once rather than per row. */
function userColumns(role: string) {
  return {
    username: `${role}Username`,
    usernameType: `${role}UsernameType`,
    userId: `${role}UserId`,
    userIdType: `${role}UserIdType`,
    userSid: `${role}UserSid`,
    userType: `${role}UserType`,
  };
}

const ACTOR = userColumns("Actor");
const TARGET = userColumns("Target");
const DVC_HOST = hostColumns("Dvc");
const TARGET_HOST = hostColumns("Target");

/**
 * The user fields of an account in a role: name as `DOMAIN\user`, SID, machine or not. `usernameType` replaces
 * the type read from the name (group members are typed by their own form).
 */
function windowsUser(
  b: AsimRow,
  columns: ReturnType<typeof userColumns>,
  account: string | undefined,
  sid: string | undefined,
  usernameType?: (account: string) => string,
): void {
  if (account === undefined && sid === undefined) return;
  b.set(columns.username, account);
  if (account !== undefined) {
    const backslash = account.indexOf("\\");
    b.set(
      columns.usernameType,
      usernameType !== undefined
        ? usernameType(account)
        : backslash === -1 && account.includes("@")
        ? "UPN"
        : backslash !== -1
        ? "Windows"
        : "Simple",
    );
  }
  b.set(columns.userId, sid);
  if (sid !== undefined) b.set(columns.userIdType, "SID");
  b.set(columns.userSid, sid);
  if (account !== undefined) {
    const name = account.slice(account.indexOf("\\") + 1);
    b.set(columns.userType, name.endsWith("$") ? "Machine" : "Regular");
  }
}

function account(row: Row, role: "Subject" | "Target"): string | undefined {
  const combined = str(row, role === "Subject" ? "SubjectAccount" : "TargetAccount");
  if (combined !== undefined) return combined;
  const user = str(row, role === "Subject" ? "SubjectUserName" : "TargetUserName");
  const domain = str(row, role === "Subject" ? "SubjectDomainName" : "TargetDomainName");
  return user === undefined ? undefined : domain === undefined ? user : `${domain}\\${user}`;
}

function authentication(id: number, row: Row): ParsedRecord {
  const failed = id === 4625;
  const code = (str(row, "SubStatus") ?? str(row, "Status"))?.toLowerCase();
  const logonType = str(row, "LogonType");
  const ip = str(row, "IpAddress");
  const process = str(row, "ProcessName");
  const computer = str(row, "Computer");
  const b = new AsimRow("Authentication", row.TimeGenerated);
  windowsCommon(b, id, row, computer);
  b.set("EventType", id === 4634 || id === 4647 ? "Logoff" : "Logon");
  b.set("EventResult", failed ? "Failure" : "Success");
  if (failed) {
    b.set("EventResultDetails", (code !== undefined && LOGON_FAILURES[code]) || "Other");
    b.set("EventOriginalResultDetails", code);
  }
  if (logonType !== undefined) b.set("EventSubType", LOGON_SUBTYPES[logonType]);
  b.set("EventOriginalSubType", logonType);
  windowsUser(b, ACTOR, account(row, "Subject"), str(row, "SubjectUserSid"));
  b.set("ActorSessionId", str(row, "SubjectLogonId"));
  windowsUser(b, TARGET, account(row, "Target"), str(row, "TargetUserSid"));
  b.set("TargetSessionId", str(row, "TargetLogonId"));
  b.set("ActingAppName", process);
  if (process !== undefined) b.set("ActingAppType", "Process");
  b.set("LogonProtocol", str(row, "AuthenticationPackageName"));
  if (ip !== "-") b.set("SrcIpAddr", ip);
  if (str(row, "IpPort") !== "0") b.set("SrcPortNumber", row.IpPort);
  b.set("SrcHostname", str(row, "WorkstationName"));
  setHost(b, TARGET_HOST, id === 4648 ? str(row, "TargetServerName") : computer);
  b.set("TargetDvcOs", "Windows");
  return b.record();
}

function processEvent(id: number, row: Row): ParsedRecord {
  const created = id === 4688;
  const b = new AsimRow("ProcessEvent", row.TimeGenerated);
  windowsCommon(b, id, row, str(row, "Computer"));
  b.set("EventType", created ? "ProcessCreated" : "ProcessTerminated");
  b.set("EventResult", "Success");
  windowsUser(b, ACTOR, account(row, "Subject"), str(row, "SubjectUserSid"));
  b.set("ActorSessionId", str(row, "SubjectLogonId"));
  if (created) {
    b.set("ActingProcessName", str(row, "ParentProcessName"));
    b.set("ActingProcessId", str(row, "ProcessId"));
  }
  windowsUser(b, TARGET, account(row, "Target"), str(row, "TargetUserSid"));
  b.set("TargetUserSessionId", str(row, "TargetLogonId"));
  b.set(
    "TargetProcessName",
    created ? str(row, "NewProcessName") ?? str(row, "Process") : str(row, "ProcessName"),
  );
  b.set("TargetProcessId", created ? str(row, "NewProcessId") : str(row, "ProcessId"));
  if (created) b.set("TargetProcessCommandLine", str(row, "CommandLine"));
  b.set("TargetProcessTokenElevation", str(row, "TokenElevationType"));
  b.set("TargetProcessIntegrityLevel", str(row, "MandatoryLabel"));
  if (!created) b.set("TargetProcessStatusCode", str(row, "Status"));
  return b.record();
}

/** Group members are named by a DN (`CN=...`) or a Windows account. */
const memberType = (member: string) => member.includes("=") ? "DN" : "Windows";

function userManagement(id: number, row: Row): ParsedRecord {
  const groupType = GROUP_TYPES[id];
  const b = new AsimRow("UserManagement", row.TimeGenerated);
  windowsCommon(b, id, row, str(row, "Computer"));
  b.set("EventType", USER_MANAGEMENT[id]);
  b.set("EventResult", "Success");
  windowsUser(b, ACTOR, account(row, "Subject"), str(row, "SubjectUserSid"));
  b.set("ActorSessionId", str(row, "SubjectLogonId"));
  if (groupType !== undefined) {
    windowsUser(b, TARGET, str(row, "MemberName"), str(row, "MemberSid"), memberType);
    b.set("GroupName", account(row, "Target"));
    b.set("GroupNameType", "Windows");
    b.set("GroupId", str(row, "TargetSid") ?? str(row, "TargetUserSid"));
    b.set("GroupIdType", "SID");
    b.set("GroupType", groupType);
  } else {
    windowsUser(b, TARGET, account(row, "Target"), str(row, "TargetSid") ?? str(row, "TargetUserSid"));
  }
  b.set("TargetUserScope", str(row, "TargetDomainName"));
  return b.record();
}
