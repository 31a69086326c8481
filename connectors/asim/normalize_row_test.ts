import assert from "node:assert/strict";
import { CONNECTORS } from "../registry.ts";
import { rowProblems } from "../_row_conformance.ts";
import type { ParsedRecord, Row } from "../connector.ts";
import { ASIM_SCHEMAS, normalizeRow } from "./mod.ts";

const receivedAt = new Date("2024-03-01T12:00:00Z");

/** Every record the connectors make of their own fixtures. */
function fixtureRecords(connectorName: string): ParsedRecord[] {
  const connector = CONNECTORS.find((c) => c.name === connectorName)!;
  const folder = new URL(`../${connectorName.replace("-", "_")}/testdata/`, import.meta.url);
  return [...Deno.readDirSync(folder)].flatMap((entry) =>
    connector.parse(Deno.readFileSync(new URL(entry.name, folder)), { receivedAt }).records
  );
}

function normalized(connectorName: string): ParsedRecord[] {
  return fixtureRecords(connectorName).flatMap((r) => normalizeRow(r.table, r.row));
}

Deno.test("normalizeRow: the connectors' fixtures give ASim rows that conform to the ASim tables", () => {
  const expected: Record<string, string[]> = {
    "windows-security": ["ASimAuthenticationEventLogs", "ASimProcessEventLogs"],
    "entra-signin": ["ASimAuthenticationEventLogs"],
    cef: ["ASimNetworkSessionLogs"],
    "aws-cloudtrail": ["ASimAuditEventLogs"],
    "azure-activity": ["ASimAuditEventLogs"],
    mde: ["ASimProcessEventLogs"],
  };
  for (const [connector, tables] of Object.entries(expected)) {
    const records = normalized(connector);
    for (const table of tables) assert.ok(records.some((r) => r.table === table), `${connector} -> ${table}`);
    for (const record of records) {
      assert.deepEqual(rowProblems(record), [], connector);
      assert.equal(record.row.EventCount, 1);
      assert.equal(typeof record.row.EventResult, "string", `${connector}: EventResult`);
      assert.equal(record.row.EventStartTime, record.row.TimeGenerated);
    }
  }
});

Deno.test("normalizeRow: Windows 4625 is a failed logon with the reason ASIM names", () => {
  const failures = normalized("windows-security").filter((r) => r.row.EventOriginalType === "4625");
  assert.ok(failures.length > 0);
  const [auth] = failures;
  assert.equal(auth.table, ASIM_SCHEMAS.Authentication.table);
  assert.equal(auth.row.EventSchema, "Authentication");
  assert.equal(auth.row.EventSchemaVersion, "0.1.3");
  assert.equal(auth.row.EventType, "Logon");
  assert.equal(auth.row.EventResult, "Failure");
  assert.equal(auth.row.EventVendor, "Microsoft");
  assert.equal(auth.row.EventProduct, "Security Events");
  assert.equal(typeof auth.row.TargetUsername, "string");
  assert.equal(typeof auth.row.EventResultDetails, "string");
});

Deno.test("normalizeRow: Windows logon fields, logon types and failure codes", () => {
  const [auth] = normalizeRow("SecurityEvent", {
    TimeGenerated: "2024-01-01T00:00:00.000Z",
    EventID: 4625,
    Computer: "dc01.contoso.com",
    TargetAccount: "CONTOSO\\bob",
    TargetUserSid: "S-1-0-0",
    SubjectAccount: "CONTOSO\\DC01$",
    LogonType: 3,
    IpAddress: "198.51.100.7",
    IpPort: "51515",
    Status: "0xC000006D",
    SubStatus: "0xC000006A",
    AuthenticationPackageName: "NTLM",
  });
  assert.equal(auth.row.TargetUsername, "CONTOSO\\bob");
  assert.equal(auth.row.TargetUsernameType, "Windows");
  assert.equal(auth.row.TargetUserType, "Regular");
  assert.equal(auth.row.ActorUserType, "Machine");
  assert.equal(auth.row.EventSubType, "Remote");
  assert.equal(auth.row.EventResultDetails, "Incorrect password");
  assert.equal(auth.row.EventOriginalResultDetails, "0xc000006a");
  assert.equal(auth.row.SrcIpAddr, "198.51.100.7");
  assert.equal(auth.row.SrcPortNumber, 51515);
  assert.equal(auth.row.DvcHostname, "dc01");
  assert.equal(auth.row.DvcFQDN, "dc01.contoso.com");
  assert.equal(auth.row.TargetHostname, "dc01");
  assert.equal(auth.row.LogonProtocol, "NTLM");
  const [logoff] = normalizeRow("SecurityEvent", {
    TimeGenerated: "2024-01-01T00:00:00.000Z",
    EventID: 4634,
  });
  assert.equal(logoff.row.EventType, "Logoff");
  assert.equal(logoff.row.EventResult, "Success");
});

Deno.test("normalizeRow: Windows account and group management events", () => {
  const [created] = normalizeRow("SecurityEvent", {
    TimeGenerated: "2024-01-01T00:00:00.000Z",
    EventID: 4720,
    TargetAccount: "CONTOSO\\eve",
    TargetSid: "S-1-5-21-1",
    SubjectAccount: "CONTOSO\\admin",
  });
  assert.equal(created.table, "ASimUserManagementActivityLogs");
  assert.equal(created.row.EventType, "UserCreated");
  assert.equal(created.row.TargetUsername, "CONTOSO\\eve");
  assert.equal(created.row.ActorUsername, "CONTOSO\\admin");
  const [added] = normalizeRow("SecurityEvent", {
    TimeGenerated: "2024-01-01T00:00:00.000Z",
    EventID: 4732,
    TargetAccount: "BUILTIN\\Administrators",
    MemberName: "CN=eve,OU=Users,DC=contoso,DC=com",
    MemberSid: "S-1-5-21-1",
  });
  assert.equal(added.row.EventType, "UserAddedToGroup");
  assert.equal(added.row.GroupName, "BUILTIN\\Administrators");
  assert.equal(added.row.TargetUsernameType, "DN");
  assert.deepEqual(
    normalizeRow("SecurityEvent", { TimeGenerated: "2024-01-01T00:00:00.000Z", EventID: 1102 }),
    [],
  );
});

Deno.test("normalizeRow: Entra sign-in failures and successes", () => {
  const records = normalized("entra-signin");
  assert.ok(records.every((r) => r.table === "ASimAuthenticationEventLogs" && r.row.EventProduct === "AAD"));
  const [failure] = normalizeRow("AADNonInteractiveUserSignInLogs", {
    TimeGenerated: "2024-01-01T00:00:00.000Z",
    ResultType: "50126",
    UserPrincipalName: "bob@contoso.com",
    IPAddress: "203.0.113.9",
    LocationDetails:
      '{"countryOrRegion":"FR","city":"Paris","geoCoordinates":{"latitude":48.8,"longitude":2.3}}',
    AppDisplayName: "Azure Portal",
  });
  assert.equal(failure.row.EventResult, "Failure");
  assert.equal(failure.row.EventResultDetails, "No such user or password");
  assert.equal(failure.row.EventSubType, "NonInteractive");
  assert.equal(failure.row.TargetUsername, "bob@contoso.com");
  assert.equal(failure.row.TargetUsernameType, "UPN");
  assert.equal(failure.row.SrcGeoCountry, "FR");
  assert.equal(failure.row.SrcGeoLatitude, 48.8);
  assert.equal(failure.row.ActingAppName, "Azure Portal");
});

Deno.test("normalizeRow: CEF traffic is a network session, proxy traffic a web session, alerts nothing", () => {
  const [session] = normalizeRow("CommonSecurityLog", {
    TimeGenerated: "2024-01-01T00:00:00.000Z",
    DeviceVendor: "Palo Alto Networks",
    DeviceProduct: "PAN-OS",
    SourceIP: "10.0.0.5",
    SourcePort: 50000,
    DestinationIP: "203.0.113.5",
    DestinationPort: 443,
    Protocol: "6",
    DeviceAction: "deny",
    SentBytes: 100,
    ReceivedBytes: 50,
  });
  assert.equal(session.table, "ASimNetworkSessionLogs");
  assert.equal(session.row.DvcAction, "Deny");
  assert.equal(session.row.EventResult, "Failure");
  assert.equal(session.row.NetworkProtocol, "TCP");
  assert.equal(session.row.NetworkBytes, 150);
  const [web] = normalizeRow("CommonSecurityLog", {
    TimeGenerated: "2024-01-01T00:00:00.000Z",
    SourceIP: "10.0.0.5",
    RequestURL: "http://evil.example/a",
    RequestMethod: "GET",
  });
  assert.equal(web.table, "ASimWebSessionLogs");
  assert.equal(web.row.Url, "http://evil.example/a");
  assert.deepEqual(normalizeRow("CommonSecurityLog", { TimeGenerated: "2024-01-01T00:00:00.000Z" }), []);
});

Deno.test("normalizeRow: cloud operations are audit events typed by their verb", () => {
  const [trail] = normalizeRow("AWSCloudTrail", {
    TimeGenerated: "2024-01-01T00:00:00.000Z",
    EventName: "StopLogging",
    ErrorCode: "AccessDenied",
    SourceIpAddress: "198.51.100.1",
    UserIdentityType: "Root",
  });
  assert.equal(trail.row.EventType, "Stop");
  assert.equal(trail.row.EventResult, "Failure");
  assert.equal(trail.row.ActorUserType, "Admin");
  const [arm] = normalizeRow("AzureActivity", {
    TimeGenerated: "2024-01-01T00:00:00.000Z",
    OperationNameValue: "MICROSOFT.AUTHORIZATION/ROLEASSIGNMENTS/WRITE",
    ActivityStatusValue: "Success",
    Caller: "admin@contoso.com",
  });
  assert.equal(arm.row.EventType, "Set");
  const [, login] = normalizeRow("AWSCloudTrail", {
    TimeGenerated: "2024-01-01T00:00:00.000Z",
    EventName: "ConsoleLogin",
    ResponseElements: '{"ConsoleLogin":"Failure"}',
    AdditionalEventData: '{"MFAUsed":"No"}',
    UserIdentityArn: "arn:aws:iam::1:user/bob",
    SourceIpAddress: "198.51.100.1",
  });
  assert.equal(login.table, "ASimAuthenticationEventLogs");
  assert.equal(login.row.EventResult, "Failure");
  assert.equal(login.row.TargetUsername, "arn:aws:iam::1:user/bob");
  assert.equal(login.row.LogonMethod, "Username & Password");
  assert.equal(arm.row.ActorUsername, "admin@contoso.com");
});

Deno.test("normalizeRow: never throws on odd rows and skips rows without a time", () => {
  const odd: Row[] = [{}, { TimeGenerated: "2024-01-01T00:00:00.000Z", EventID: "x" }, {
    TimeGenerated: "2024-01-01T00:00:00.000Z",
    LocationDetails: "{not json",
    DeviceDetail: 42,
  }];
  for (const table of ["SecurityEvent", "SigninLogs", "CommonSecurityLog", "DeviceFileEvents", "DnsEvents"]) {
    for (const row of odd) {
      for (const record of normalizeRow(table, row)) assert.deepEqual(rowProblems(record), []);
    }
  }
  assert.deepEqual(normalizeRow("SecurityEvent", { EventID: 4624 }), []);
});
