import assert from "node:assert/strict";
import { validateRule } from "../rules/mod.ts";
import { formatDatetime } from "../../query/values/mod.ts";
import {
  buildAlerts,
  mapEntities,
  MAX_ALERTS_PER_RUN,
  MAX_ENTITIES,
  MAX_RESULT_ROWS,
  type ResultTable,
  systemAlertId,
  triggered,
} from "./mod.ts";

const RULE_YAML = `id: 0b0b0b0b-1111-2222-3333-444444444444
name: Failed logons
description: Many failed logons
severity: Medium
kind: Scheduled
queryFrequency: 5m
queryPeriod: 1h
triggerOperator: gt
triggerThreshold: 0
tactics: [CredentialAccess]
relevantTechniques: [T1110]
query: |
  SecurityEvent
  | where EventID == 4625
  | summarize Failures = count(), LastSeen = max(TimeGenerated) by TargetAccount, Computer, IpAddress
entityMappings:
  - entityType: Account
    fieldMappings:
      - identifier: FullName
        columnName: TargetAccount
  - entityType: Host
    fieldMappings:
      - identifier: FullName
        columnName: Computer
  - entityType: IP
    fieldMappings:
      - identifier: Address
        columnName: IpAddress
customDetails:
  FailureCount: Failures
version: 1.0.1
`;

function rule(extra = "") {
  const v = validateRule(RULE_YAML + extra);
  assert.ok(v.rule, JSON.stringify(v.problems));
  return v.rule;
}

const HOUR = 3_600_000_000;
const END = Date.UTC(2026, 10, 27, 10, 0) * 1000;
const window = { windowStart: END - HOUR, windowEnd: END, now: new Date(END / 1000 + 2000) };
const result: ResultTable = {
  columns: [
    { name: "TargetAccount", type: "string" },
    { name: "Computer", type: "string" },
    { name: "IpAddress", type: "string" },
    { name: "Failures", type: "long" },
    { name: "LastSeen", type: "datetime" },
  ],
  rows: [
    ["CONTOSO\\bob", "dc1.contoso.com", "10.0.0.1", 12, END - 1000],
    ["CONTOSO\\bob", "dc1.contoso.com", "10.0.0.2", 15, END - 2000],
  ],
};

Deno.test("triggered compares the row count with the threshold", () => {
  assert.equal(triggered(1, "gt", 0), true);
  assert.equal(triggered(0, "gt", 0), false);
  assert.equal(triggered(2, "lt", 3), true);
  assert.equal(triggered(3, "eq", 3), true);
  assert.equal(triggered(3, "ne", 3), false);
});

Deno.test("buildAlerts makes one alert with deduplicated entities, custom details and the triggering rows", async () => {
  const [alert, ...more] = await buildAlerts(rule(), result, window);
  assert.equal(more.length, 0);
  assert.equal(alert.AlertName, "Failed logons");
  assert.equal(alert.AlertSeverity, "Medium");
  assert.equal(alert.ProviderName, "ASI Scheduled Alerts");
  assert.equal(alert.StartTime, "2026-11-27T09:00:00Z");
  assert.equal(alert.EndTime, "2026-11-27T10:00:00Z");
  assert.deepEqual(alert.Tactics, ["CredentialAccess"]);
  assert.deepEqual(alert.Techniques, ["T1110"]);
  assert.deepEqual(alert.Entities, [
    { Type: "account", Name: "bob", NTDomain: "CONTOSO" },
    { Type: "host", HostName: "dc1", DnsDomain: "contoso.com" },
    { Type: "ip", Address: "10.0.0.1" },
    { Type: "ip", Address: "10.0.0.2" },
  ]);
  assert.deepEqual(alert.ExtendedProperties["Custom Details"], { FailureCount: [12, 15] });
  assert.equal(alert.ExtendedProperties["Search Query Results Overall Count"], 2);
  assert.equal(alert.ExtendedProperties["Query Period"], "01:00:00");
  const rows = alert.ExtendedProperties.Results as Array<Record<string, unknown>>;
  assert.equal(rows[0].LastSeen, "2026-11-27T09:59:59.9990000Z");
});

Deno.test("SystemAlertId is stable for the same rule, version, window and group, and differs otherwise", async () => {
  const a = (await buildAlerts(rule(), result, window))[0].SystemAlertId;
  const b = (await buildAlerts(rule(), result, { ...window, now: new Date() }))[0].SystemAlertId;
  const c = (await buildAlerts(rule(), result, { ...window, windowEnd: END + 300_000_000 }))[0].SystemAlertId;
  assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.equal(a, b);
  assert.notEqual(a, c);
  const v2 = systemAlertId({ ruleId: "r", ruleVersion: "2", windowEnd: END, groupKey: "" });
  const v1 = systemAlertId({ ruleId: "r", ruleVersion: "1", windowEnd: END, groupKey: "" });
  assert.notEqual(v1, v2);
});

Deno.test("AlertPerResult gives one alert per row, with overrides filled from that row", async () => {
  const perResult = rule(`eventGroupingSettings:
  aggregationKind: AlertPerResult
alertDetailsOverride:
  alertDisplayNameFormat: "Failed logons for {{TargetAccount}} from {{IpAddress}}"
  alertDescriptionFormat: "{{Failures}} failures"
`);
  const alerts = await buildAlerts(perResult, result, window);
  assert.equal(alerts.length, 2);
  assert.deepEqual(alerts.map((a) => a.AlertName), [
    "Failed logons for CONTOSO\\bob from 10.0.0.1",
    "Failed logons for CONTOSO\\bob from 10.0.0.2",
  ]);
  assert.equal(alerts[1].Description, "15 failures");
  assert.notEqual(alerts[0].SystemAlertId, alerts[1].SystemAlertId);
  assert.deepEqual(alerts[0].Entities.map((e) => e.Type), ["account", "host", "ip"]);
});

Deno.test("no alert when the trigger does not fire", async () => {
  assert.deepEqual(await buildAlerts(rule(), { columns: result.columns, rows: [] }, window), []);
});

Deno.test("mapEntities skips empty identifiers and splits UPNs", () => {
  assert.deepEqual(
    mapEntities(
      [{ entityType: "Account", fieldMappings: [{ identifier: "FullName", columnName: "U" }] }],
      [{ U: "alice@contoso.com" }, { U: null }, { U: "" }],
    ),
    [{ Type: "account", Name: "alice", UPNSuffix: "contoso.com" }],
  );
});

Deno.test("AlertPerResult past 150 rows: 149 alerts of one row and a 150th that summarizes them all", async () => {
  const perResult = rule(`eventGroupingSettings:
  aggregationKind: AlertPerResult
`);
  const rows = Array.from(
    { length: 400 },
    (_, i) => [`CONTOSO\\u${i}`, "dc1", `10.0.${i >> 8}.${i & 255}`, i, END],
  );
  const alerts = await buildAlerts(perResult, { columns: result.columns, rows }, window);
  assert.equal(alerts.length, MAX_ALERTS_PER_RUN);
  assert.equal(new Set(alerts.map((a) => a.SystemAlertId)).size, MAX_ALERTS_PER_RUN);
  assert.deepEqual(alerts[148].ExtendedProperties.Results, [{
    TargetAccount: "CONTOSO\\u148",
    Computer: "dc1",
    IpAddress: "10.0.0.148",
    Failures: 148,
    LastSeen: formatDatetime(END),
  }]);
  const summary = alerts[149];
  assert.equal(summary.ExtendedProperties["Search Query Results Overall Count"], 400);
  assert.equal((summary.ExtendedProperties.Results as unknown[]).length, MAX_RESULT_ROWS);
  // The summary's entities come from every row (up to the entity cap), as a single alert's would.
  assert.equal(summary.Entities.length, MAX_ENTITIES);
  const single = await buildAlerts(rule(), { columns: result.columns, rows }, window);
  assert.deepEqual(summary.Entities, single[0].Entities);
});

Deno.test("rows shared by overlapping windows give the same alerts as fresh copies of them", async () => {
  const shared = Array.from(
    { length: 50 },
    (_, i) => [`CONTOSO\\u${i % 7}`, `h${i % 3}`, "10.0.0.1", i, END],
  );
  const first = await buildAlerts(rule(), { columns: result.columns, rows: shared }, window);
  // The next window holds the same row arrays plus one; a result with other columns reuses none of the cache.
  const next = [...shared, ["CONTOSO\\new", "h9", "10.0.0.9", 99, END]];
  const later = await buildAlerts(rule(), { columns: result.columns, rows: next }, window);
  const fresh = await buildAlerts(rule(), { columns: result.columns, rows: next.map((r) => [...r]) }, window);
  assert.deepEqual(later, fresh);
  assert.equal(later[0].Entities.length, first[0].Entities.length + 3);
  const renamed = result.columns.map((c) => (c.name === "Computer" ? { ...c, name: "Host" } : c));
  const other = await buildAlerts(rule(), { columns: renamed, rows: shared }, window);
  assert.equal(other[0].Entities.filter((e) => e.Type === "host").length, 0);
});
