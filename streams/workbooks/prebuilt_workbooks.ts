/**
 * The prebuilt workbooks, one per connector (installed at start when absent, like the rule pack). Kept here as
 * data beside the schema they must satisfy, so `prebuilt_workbooks_test.ts` checks every tile query against the
 * table catalog. `{TimeGrain}` and `{TimeRange}` are filled in by the UI; the other `{Name}`s are the
 * workbook's declared parameters, substituted as typed KQL literals.
 */
import type { Workbook } from "./workbook.ts";

const prebuilt = (w: Omit<Workbook, "origin">): Workbook => ({ ...w, origin: "prebuilt" });

/** Every prebuilt workbook, by id. */
export const PREBUILT_WORKBOOKS: readonly Workbook[] = [
  prebuilt({
    id: "entra-failed-signins",
    name: "Failed sign-ins by location",
    description:
      "Entra ID sign-ins that failed (ResultType other than 0), where they came from and who they were for.",
    connector: "entra-signin",
    timeRange: "P1D",
    parameters: [{ name: "User", type: "string", label: "User (UPN, empty for all)", default: "" }],
    tiles: [
      {
        id: "by-location",
        title: "Failed sign-ins by location",
        query: `SigninLogs
| where ResultType != "0" and ({User} == "" or UserPrincipalName =~ {User})
| extend Location = iff(isempty(Location), "unknown", Location)
| summarize Failures = count() by Location
| sort by Failures desc
| render piechart`,
        visual: "auto",
        width: 1,
      },
      {
        id: "over-time",
        title: "Failed sign-ins over time",
        query: `SigninLogs
| where ResultType != "0" and ({User} == "" or UserPrincipalName =~ {User})
| summarize Failures = count() by bin(TimeGenerated, {TimeGrain})
| render timechart`,
        visual: "auto",
        width: 2,
      },
      {
        id: "total",
        title: "Failed sign-ins",
        query: `SigninLogs
| where ResultType != "0" and ({User} == "" or UserPrincipalName =~ {User})
| summarize Failures = count()`,
        visual: "single",
        width: 1,
      },
      {
        id: "top-users",
        title: "Accounts with the most failures",
        query: `SigninLogs
| where ResultType != "0" and ({User} == "" or UserPrincipalName =~ {User})
| summarize Failures = count(), Locations = dcount(Location), IPs = dcount(IPAddress) by UserPrincipalName
| top 10 by Failures`,
        visual: "table",
        width: 2,
      },
    ],
  }),
  prebuilt({
    id: "windows-logons",
    name: "Windows logon activity",
    description: "Successful (4624) and failed (4625) Windows logons from the Security log.",
    connector: "windows-security",
    timeRange: "P1D",
    parameters: [{ name: "Computer", type: "string", label: "Computer (empty for all)", default: "" }],
    tiles: [
      {
        id: "over-time",
        title: "Logons over time",
        query: `SecurityEvent
| where EventID in (4624, 4625) and ({Computer} == "" or Computer =~ {Computer})
| extend Outcome = iff(EventID == 4624, "Success", "Failure")
| summarize Logons = count() by bin(TimeGenerated, {TimeGrain}), Outcome
| render timechart`,
        visual: "auto",
        width: 2,
      },
      {
        id: "by-type",
        title: "Logons by logon type",
        query: `SecurityEvent
| where EventID == 4624 and ({Computer} == "" or Computer =~ {Computer})
| summarize Logons = count() by LogonType = tostring(LogonType)
| render piechart`,
        visual: "auto",
        width: 1,
      },
      {
        id: "failed-accounts",
        title: "Accounts with failed logons",
        query: `SecurityEvent
| where EventID == 4625 and ({Computer} == "" or Computer =~ {Computer})
| summarize Failures = count() by Account
| top 10 by Failures
| render barchart`,
        visual: "auto",
        width: 3,
      },
    ],
  }),
  prebuilt({
    id: "azure-activity-operations",
    name: "Azure Activity operations",
    description: "Azure Resource Manager operations: which ones, by whom, and which failed.",
    connector: "azure-activity",
    timeRange: "P1D",
    parameters: [],
    tiles: [
      {
        id: "top-operations",
        title: "Top operations",
        query: `AzureActivity
| summarize Operations = count() by OperationNameValue
| top 10 by Operations
| render barchart`,
        visual: "auto",
        width: 2,
      },
      {
        id: "by-status",
        title: "Operations by status",
        query: `AzureActivity
| summarize Operations = count() by ActivityStatusValue
| render piechart`,
        visual: "auto",
        width: 1,
      },
      {
        id: "callers",
        title: "Callers",
        query: `AzureActivity
| summarize Operations = count(), Failed = countif(ActivityStatusValue =~ "Failure"), LastSeen = max(TimeGenerated) by Caller
| top 20 by Operations`,
        visual: "table",
        width: 3,
      },
    ],
  }),
  prebuilt({
    id: "cloudtrail-console-logins",
    name: "CloudTrail console logins",
    description: "AWS Management Console sign-ins: who, from where, with or without MFA, and the failures.",
    connector: "aws-cloudtrail",
    timeRange: "P1D",
    parameters: [],
    tiles: [
      {
        id: "over-time",
        title: "Console logins over time",
        query: `AWSCloudTrail
| where EventName == "ConsoleLogin"
| extend Outcome = iff(isempty(ErrorMessage), "Success", "Failure")
| summarize Logins = count() by bin(TimeGenerated, {TimeGrain}), Outcome
| render timechart`,
        visual: "auto",
        width: 2,
      },
      {
        id: "failures",
        title: "Failed console logins",
        query: `AWSCloudTrail
| where EventName == "ConsoleLogin" and isnotempty(ErrorMessage)
| summarize Failures = count()`,
        visual: "single",
        width: 1,
      },
      {
        id: "users",
        title: "Console logins by identity",
        query: `AWSCloudTrail
| where EventName == "ConsoleLogin"
| summarize Logins = count(), SourceIPs = dcount(SourceIpAddress), LastSeen = max(TimeGenerated) by UserIdentityArn, UserIdentityType
| top 20 by Logins`,
        visual: "table",
        width: 3,
      },
    ],
  }),
  prebuilt({
    id: "cef-top-talkers",
    name: "Firewall top talkers (CEF)",
    description: "CommonSecurityLog traffic from firewalls: the sources and destinations that send the most.",
    connector: "cef",
    timeRange: "P1D",
    parameters: [{
      name: "TopN",
      type: "long",
      label: "How many",
      default: "10",
      options: ["5", "10", "20"],
    }],
    tiles: [
      {
        id: "sources",
        title: "Top source addresses",
        query: `CommonSecurityLog
| where isnotempty(SourceIP)
| summarize Events = count(), Bytes = sum(SentBytes) + sum(ReceivedBytes) by SourceIP
| top {TopN} by Events
| project SourceIP, Events, Bytes
| render barchart`,
        visual: "auto",
        width: 2,
      },
      {
        id: "actions",
        title: "Device actions",
        query: `CommonSecurityLog
| extend Action = iff(isempty(DeviceAction), "none", DeviceAction)
| summarize Events = count() by Action
| render piechart`,
        visual: "auto",
        width: 1,
      },
      {
        id: "pairs",
        title: "Top source and destination pairs",
        query: `CommonSecurityLog
| where isnotempty(SourceIP) and isnotempty(DestinationIP)
| summarize Events = count(), Ports = make_set(DestinationPort) by SourceIP, DestinationIP, DeviceVendor
| top {TopN} by Events`,
        visual: "table",
        width: 2,
      },
      {
        id: "over-time",
        title: "Events over time by vendor",
        query: `CommonSecurityLog
| summarize Events = count() by bin(TimeGenerated, {TimeGrain}), DeviceVendor
| render timechart`,
        visual: "auto",
        width: 1,
      },
    ],
  }),
];
