import assert from "node:assert/strict";
import * as v from "valibot";
import type { Incident } from "../incidents/mod.ts";
import {
  applyAutomation,
  AutomationRuleSchema,
  matchingRules,
  playbookRequest,
  PlaybookSchema,
  renderTemplate,
  signature,
  ticketFrom,
} from "./mod.ts";

const incident = {
  IncidentName: "i-1",
  IncidentNumber: 7,
  Title: 'Quote " and brace }',
  Description: "d",
  Severity: "High",
  Status: "New",
  Classification: null,
  ClassificationReason: null,
  ClassificationComment: null,
  Owner: { assignedTo: null },
  Labels: [],
  ProviderName: "siem",
  FirstActivityTime: "2026-11-27T10:00:00Z",
  LastActivityTime: "2026-11-27T10:00:00Z",
  CreatedTime: "2026-11-27T10:00:00Z",
  LastModifiedTime: "2026-11-27T10:00:00Z",
  ClosedTime: null,
  RelatedAnalyticRuleIds: ["r"],
  AlertIds: ["a"],
  Entities: [{ Type: "account", Name: "alice" }],
  Tactics: ["InitialAccess"],
  Comments: [],
  History: [],
  GroupingKey: "",
} as Incident;

const rule = (body: unknown) => v.parse(AutomationRuleSchema, body);

Deno.test("renderTemplate places values into the JSON, so no field can break out of it", () => {
  const out = renderTemplate({
    t: "{{Incident.Title}}",
    n: "{{Incident.IncidentNumber}}",
    s: "#{{Incident.IncidentNumber}}: {{Incident.Title}}",
    e: ["{{Incident.Entities}}"],
  }, incident);
  assert.deepEqual(out, {
    t: 'Quote " and brace }',
    n: 7,
    s: '#7: Quote " and brace }',
    e: [[{ Type: "account", Name: "alice" }]],
  });
  assert.equal(renderTemplate("{{Incident.Nope.Deeper}}", incident), null);
});

Deno.test("automation rules match by conditions, run in order, and queue playbooks", () => {
  const rules = [
    rule({
      id: "b",
      name: "b",
      order: 2,
      conditions: [{ property: "AccountName", operator: "Equals", values: ["ALICE"] }],
      actions: [{ type: "addLabel", label: "vip" }],
    }),
    rule({
      id: "a",
      name: "a",
      order: 1,
      conditions: [{ property: "Severity", operator: "Equals", values: ["High"] }],
      actions: [{ type: "assignOwner", owner: "tier1" }, { type: "runPlaybook", playbookId: "pb" }],
    }),
    rule({
      id: "c",
      name: "c",
      conditions: [{ property: "Title", operator: "Contains", values: ["ransom"] }],
      actions: [{ type: "changeSeverity", severity: "Low" }],
    }),
    rule({ id: "d", name: "d", enabled: false, actions: [{ type: "addLabel", label: "never" }] }),
  ];
  const matched = matchingRules(rules, incident, "incidentCreated");
  assert.deepEqual(matched.map((r) => r.id), ["a", "b"]);
  assert.deepEqual(matchingRules(rules, incident, "incidentUpdated"), []);
  const first = applyAutomation(incident, matched[0], new Date());
  assert.equal(first.incident.Owner.assignedTo, "tier1");
  assert.deepEqual(first.playbooks, ["pb"]);
  assert.equal(first.incident.History.at(-1)?.actor, "automation:a");
  assert.deepEqual(applyAutomation(first.incident, matched[1], new Date()).incident.Labels, ["vip"]);
});

Deno.test("ITSM templates build the vendor's request and read its ticket", async () => {
  const jira = v.parse(PlaybookSchema, {
    id: "j",
    name: "Jira",
    template: "jira",
    url: "https://jira.example.com/",
    project: "SOC",
  });
  const req = playbookRequest(jira, incident);
  assert.equal(req.url, "https://jira.example.com/rest/api/2/issue");
  assert.equal(JSON.parse(req.body).fields.project.key, "SOC");
  assert.deepEqual(ticketFrom(jira, { id: "1", key: "SOC-12" }), {
    id: "SOC-12",
    url: "https://jira.example.com/browse/SOC-12",
  });
  const snow = v.parse(PlaybookSchema, {
    id: "s",
    name: "SNOW",
    template: "servicenow",
    url: "https://x.service-now.com",
  });
  assert.equal(JSON.parse(playbookRequest(snow, incident).body).urgency, "1");
  assert.equal(ticketFrom(snow, { result: {} }), undefined);
  const sig = await signature("{}", "secret-0123456789abcdef", 1);
  assert.match(sig["X-Siem-Signature"], /^sha256=[0-9a-f]{64}$/);
  assert.notEqual(
    sig["X-Siem-Signature"],
    (await signature("{}", "secret-0123456789abcdef", 2))["X-Siem-Signature"],
  );
});
