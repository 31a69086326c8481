import assert from "node:assert/strict";
import { BUILTIN_TABLES, Catalog, checkCustomTable } from "./catalog.ts";
import { tableFromSpec } from "./table_spec.ts";

const REQUIRED = [
  "SecurityEvent",
  "SigninLogs",
  "AADNonInteractiveUserSignInLogs",
  "AuditLogs",
  "AzureActivity",
  "CommonSecurityLog",
  "Syslog",
  "AWSCloudTrail",
  "OfficeActivity",
  "SecurityAlert",
  "SecurityIncident",
  "DeviceProcessEvents",
  "DeviceNetworkEvents",
  "DeviceLogonEvents",
  "DeviceFileEvents",
  "DeviceEvents",
  "Heartbeat",
  "ThreatIntelligenceIndicator",
  "W3CIISLog",
  "DnsEvents",
  "Event",
  "WindowsEvent",
  "AzureDiagnostics",
  "OTelLogs",
  "AWSGuardDuty",
  "AWSVPCFlow",
  "GCPAuditLogs",
  "StorageBlobLogs",
  "EnrichedMicrosoft365AuditLogs",
  "DeviceTvmSoftwareVulnerabilities",
  "AADServicePrincipalSignInLogs",
  "AADManagedIdentitySignInLogs",
  "BehaviorAnalytics",
  "Anomalies",
  "CloudAppEvents",
  "IdentityInfo",
  "EmailEvents",
  "VMConnection",
  "AzureDevOpsAuditing",
  "ContainerLog",
  "KubeEvents",
  "AZFWNetworkRule",
  "AZFWApplicationRule",
  "AZFWDnsQuery",
  "ASimAuthenticationEventLogs",
  "ASimNetworkSessionLogs",
  "ASimDnsActivityLogs",
  "ASimWebSessionLogs",
  "ASimProcessEventLogs",
  "ASimFileEventLogs",
  "ASimRegistryEventLogs",
  "ASimAuditEventLogs",
  "ASimUserManagementActivityLogs",
];

Deno.test("Catalog.builtin has every table the connectors and rules need", () => {
  const catalog = Catalog.builtin();
  for (const name of REQUIRED) assert.ok(catalog.has(name), name);
});

Deno.test("every built-in table has TimeGenerated as datetime and the standard columns", () => {
  for (const table of BUILTIN_TABLES) {
    const byName = new Map(table.columns.map((c) => [c.name, c.type]));
    assert.equal(byName.get("TimeGenerated"), "datetime", table.name);
    assert.equal(byName.get("Type"), "string", table.name);
    assert.equal(byName.get("TenantId"), "string", table.name);
  }
});

Deno.test("Catalog lookups are case-sensitive and suggest the right case", () => {
  const catalog = Catalog.builtin();
  assert.equal(catalog.get("securityevent"), undefined);
  assert.equal(catalog.suggest("securityevent"), "SecurityEvent");
  assert.equal(catalog.column("SecurityEvent", "EventID")?.type, "int");
  assert.equal(catalog.column("SecurityEvent", "eventid"), undefined);
});

Deno.test("Catalog types Sentinel columns as the reference does", () => {
  const catalog = Catalog.builtin();
  assert.equal(catalog.column("SigninLogs", "DeviceDetail")?.type, "dynamic");
  assert.equal(catalog.column("SigninLogs", "ResultType")?.type, "string");
  assert.equal(catalog.column("AADNonInteractiveUserSignInLogs", "DeviceDetail")?.type, "string");
  assert.equal(catalog.column("CommonSecurityLog", "DestinationPort")?.type, "int");
  assert.equal(catalog.column("CommonSecurityLog", "SentBytes")?.type, "long");
  assert.equal(catalog.column("DeviceProcessEvents", "InitiatingProcessCreationTime")?.type, "datetime");
  assert.equal(catalog.column("AuditLogs", "TargetResources")?.type, "dynamic");
  assert.equal(catalog.column("OTelLogs", "Body")?.type, "dynamic");
});

Deno.test("ASim tables carry the ASIM common fields and their schema's own fields, typed as ASIM defines", () => {
  const catalog = Catalog.builtin();
  for (const table of catalog.names().filter((name) => name.startsWith("ASim"))) {
    for (const column of ["EventType", "EventResult", "EventVendor", "EventProduct", "EventSchemaVersion"]) {
      assert.equal(catalog.column(table, column)?.type, "string", `${table}.${column}`);
    }
    assert.equal(catalog.column(table, "EventCount")?.type, "int", table);
    assert.equal(catalog.column(table, "EventStartTime")?.type, "datetime", table);
    assert.equal(catalog.column(table, "AdditionalFields")?.type, "dynamic", table);
  }
  assert.equal(catalog.column("ASimAuthenticationEventLogs", "TargetUsername")?.type, "string");
  assert.equal(catalog.column("ASimAuthenticationEventLogs", "SrcGeoLatitude")?.type, "real");
  assert.equal(catalog.column("ASimNetworkSessionLogs", "DstPortNumber")?.type, "int");
  assert.equal(catalog.column("ASimNetworkSessionLogs", "NetworkBytes")?.type, "long");
  assert.equal(catalog.column("ASimDnsActivityLogs", "DnsResponseCode")?.type, "int");
  assert.equal(catalog.column("ASimProcessEventLogs", "TargetProcessCommandLine")?.type, "string");
  assert.equal(catalog.column("ASimFileEventLogs", "TargetFileSize")?.type, "long");
  assert.equal(catalog.column("ASimRegistryEventLogs", "RegistryValueData")?.type, "string");
  assert.equal(catalog.column("ASimUserManagementActivityLogs", "GroupName")?.type, "string");
  assert.equal(catalog.column("ASimAuditEventLogs", "Operation")?.type, "string");
});

Deno.test("Catalog.column accepts suffixed columns on AzureDiagnostics only", () => {
  const catalog = Catalog.builtin();
  assert.deepEqual(catalog.column("AzureDiagnostics", "requestUri_s"), {
    name: "requestUri_s",
    type: "string",
  });
  assert.equal(catalog.column("AzureDiagnostics", "timeTaken_d")?.type, "real");
  assert.equal(catalog.column("AzureDiagnostics", "noSuffix"), undefined);
  assert.equal(catalog.column("Syslog", "requestUri_s"), undefined);
});

Deno.test("Catalog.withTables adds custom tables without changing the original", () => {
  const base = Catalog.builtin();
  const { catalog, errors } = base.withTables([
    {
      name: "Okta_CL",
      columns: [{ name: "TimeGenerated", type: "datetime" }, { name: "actor_s", type: "string" }],
    },
  ]);
  assert.deepEqual(errors, []);
  assert.equal(catalog.column("Okta_CL", "actor_s")?.type, "string");
  assert.equal(catalog.column("Okta_CL", "TenantId")?.type, "string");
  assert.equal(base.has("Okta_CL"), false);
});

Deno.test("Catalog.withTables refuses bad custom tables with a reason", () => {
  const { catalog, errors } = Catalog.builtin().withTables([
    { name: "SecurityEvent", columns: [{ name: "TimeGenerated", type: "datetime" }] },
    { name: "NoTime_CL", columns: [{ name: "x", type: "long" }] },
    {
      name: "Dup_CL",
      columns: [{ name: "TimeGenerated", type: "datetime" }, { name: "TimeGenerated", type: "string" }],
    },
  ]);
  assert.equal(errors.length, 3);
  assert.match(errors[0], /Invalid custom table name 'SecurityEvent'/);
  assert.match(errors[1], /no 'TimeGenerated'/);
  assert.match(errors[2], /Duplicate column 'TimeGenerated'/);
  assert.equal(
    catalog.get("SecurityEvent")?.columns.length,
    Catalog.builtin().get("SecurityEvent")?.columns.length,
  );
  assert.equal(
    checkCustomTable({ name: "Good_CL", columns: [{ name: "TimeGenerated", type: "datetime" }] }),
    undefined,
  );
});

Deno.test("tableFromSpec reads Name:type items with string as default and rejects bad types", () => {
  const table = tableFromSpec("T", "A B:long C:dynamic");
  assert.deepEqual(table.columns.slice(0, 3), [
    { name: "A", type: "string" },
    { name: "B", type: "long" },
    { name: "C", type: "dynamic" },
  ]);
  assert.throws(() => tableFromSpec("T", "A:nope"), /Invalid column type/);
  assert.throws(() => tableFromSpec("T", "A A"), /Duplicate column/);
});
