import assert from "node:assert/strict";
import type { SecurityAlert } from "../alerts/mod.ts";
import {
  addAlert,
  addComment,
  applyChange,
  groupingFor,
  incidentFromAlert,
  InvalidIncidentChange,
} from "./mod.ts";

function alert(id: string, overrides: Partial<Record<string, unknown>> = {}): SecurityAlert {
  return {
    SystemAlertId: id,
    AlertName: "Brute force",
    DisplayName: "Brute force",
    AlertSeverity: "Medium",
    Description: "d",
    ProviderName: "ASI Scheduled Alerts",
    ProductName: "siem",
    AlertType: "r_1",
    RuleId: "r",
    RuleName: "Brute force",
    RuleVersion: "1",
    StartTime: "2026-11-27T09:00:00Z",
    EndTime: "2026-11-27T10:00:00Z",
    TimeGenerated: "2026-11-27T10:00:01Z",
    Status: "New",
    Tactics: ["CredentialAccess"],
    Techniques: ["T1110"],
    Entities: [{ Type: "account", Name: "bob" }],
    ExtendedProperties: {},
    ...overrides,
  } as SecurityAlert;
}

const now = new Date("2026-11-27T10:00:05Z");

Deno.test("groupingFor follows Sentinel's incident configuration", () => {
  assert.deepEqual(groupingFor(alert("a"), undefined), {
    create: true,
    key: undefined,
    lookbackMicros: 0,
    reopenClosed: false,
  });
  assert.deepEqual(groupingFor(alert("a"), { createIncident: false }), { create: false });
  const all = {
    createIncident: true,
    groupingConfiguration: { enabled: true, matchingMethod: "AllEntities", lookbackDuration: "1h" },
  };
  const a = groupingFor(alert("a"), all);
  const b = groupingFor(alert("b"), all);
  const c = groupingFor(alert("c", { Entities: [{ Type: "account", Name: "eve" }] }), all);
  assert.ok(a.create && b.create && c.create);
  assert.equal(a.key, b.key);
  assert.notEqual(a.key, c.key);
  assert.equal(a.lookbackMicros, 3600e6);
  const any = {
    groupingConfiguration: { enabled: true, matchingMethod: "AnyAlert", reopenClosedIncident: true },
  };
  const d = groupingFor(alert("d"), any);
  const e = groupingFor(alert("e", { Entities: [] }), any);
  assert.ok(d.create && e.create && d.key === e.key && d.reopenClosed);
  const selected = {
    groupingConfiguration: { enabled: true, matchingMethod: "Selected", groupByEntities: ["Host"] },
  };
  const f = groupingFor(
    alert("f", { Entities: [{ Type: "account", Name: "x" }, { Type: "host", HostName: "h1" }] }),
    selected,
  );
  const g = groupingFor(
    alert("g", { Entities: [{ Type: "account", Name: "y" }, { Type: "host", HostName: "h1" }] }),
    selected,
  );
  assert.ok(f.create && g.create && f.key === g.key);
});

Deno.test("addAlert merges activity, severity, entities and tactics, and is idempotent", () => {
  const inc = incidentFromAlert(alert("a1"), { id: "i1", number: 1, groupingKey: "k", now });
  const high = alert("a2", {
    AlertSeverity: "High",
    EndTime: "2026-11-27T11:00:00Z",
    Entities: [{ Type: "account", Name: "bob" }, { Type: "ip", Address: "10.0.0.1" }],
    Tactics: ["InitialAccess"],
  });
  const next = addAlert(inc, high, { now, reopen: false });
  assert.equal(next.Severity, "High");
  assert.equal(next.LastActivityTime, "2026-11-27T11:00:00Z");
  assert.deepEqual(next.AlertIds, ["a1", "a2"]);
  assert.deepEqual(next.Entities.map((e) => e.Type), ["account", "ip"]);
  assert.deepEqual(next.Tactics, ["CredentialAccess", "InitialAccess"]);
  assert.equal(addAlert(next, high, { now, reopen: false }), next);
});

Deno.test("closing needs a classification; every change is audited; reopening clears the classification", () => {
  const inc = incidentFromAlert(alert("a1"), { id: "i1", number: 1, groupingKey: "", now });
  assert.throws(() => applyChange(inc, { Status: "Closed" }, { actor: "ana", now }), InvalidIncidentChange);
  const closed = applyChange(inc, {
    Status: "Closed",
    Classification: "TruePositive",
    Owner: { assignedTo: "ana" },
  }, {
    actor: "ana",
    now,
  });
  assert.equal(closed.Status, "Closed");
  assert.equal(closed.ClosedTime, now.toISOString());
  const entry = closed.History.at(-1)!;
  assert.equal(entry.actor, "ana");
  assert.deepEqual(Object.keys(entry.changes ?? {}).sort(), ["Classification", "Owner", "Status"]);
  const reopened = addAlert(closed, alert("a9"), { now, reopen: true });
  assert.equal(reopened.Status, "Active");
  const active = applyChange(closed, { Status: "Active" }, { actor: "ana", now });
  assert.equal(active.Classification, null);
  assert.equal(active.ClosedTime, null);
  assert.equal(applyChange(active, { Status: "Active" }, { actor: "x", now }), active);
  const commented = addComment(active, { author: "ana", message: "looking" }, { id: "c1", now });
  assert.equal(commented.Comments[0].message, "looking");
});
