/**
 * "Incident updated" automation, end to end: it runs when an alert is added to an existing incident and when an
 * analyst changes an incident through the API (Sentinel's update triggers), and not when the incident is created.
 */
import assert from "node:assert/strict";
import { startSiemProcess } from "./harness/siem_process.ts";
import { waitFor } from "./harness/nats.ts";

const RULE = `id: 6f1e2d3c-0011-4a5b-9c8d-111111111111
name: AWS root console login (grouped)
description: The root user signed in to the AWS console.
severity: High
kind: NRT
tactics: [PrivilegeEscalation]
query: |
  AWSCloudTrail
  | where EventName == "ConsoleLogin" and UserIdentityType == "Root"
  | project TimeGenerated, SourceIpAddress
incidentConfiguration:
  createIncident: true
  groupingConfiguration:
    enabled: true
    reopenClosedIncident: false
    lookbackDuration: 1h
    matchingMethod: AnyAlert
version: 1.0.0
`;

function login(id: string): string {
  return JSON.stringify({
    Records: [{
      eventTime: new Date().toISOString(),
      eventName: "ConsoleLogin",
      eventSource: "signin.amazonaws.com",
      sourceIPAddress: "203.0.113.9",
      userIdentity: { type: "Root", arn: "arn:aws:iam::1:root" },
      eventID: id,
    }],
  });
}

Deno.test("incident-updated automation runs for alerts added and for analysts' changes, not at creation", async () => {
  const rulesDir = await Deno.makeTempDir({ prefix: "siem-automation-updates-" });
  try {
    await Deno.writeTextFile(`${rulesDir}/root.yaml`, RULE);
    await using siem = await startSiemProcess({ env: { SIEM_SYSLOG_PORT: "off", SIEM_RULES_DIR: rulesDir } });
    const put = async (path: string, body: unknown) => {
      const res = await siem.api(path, { method: "PUT", body: JSON.stringify(body) });
      assert.equal(res.status, 201, await res.clone().text());
      await res.body?.cancel();
    };
    await put("/api/v1/automation-rules/on-update", {
      name: "Label updates",
      order: 1,
      triggers: ["incidentUpdated"],
      conditions: [{ property: "Status", operator: "Equals", values: ["New"] }],
      actions: [{ type: "addLabel", label: "updated-while-new" }],
    });
    await put("/api/v1/automation-rules/on-close", {
      name: "Label closes",
      order: 2,
      triggers: ["incidentUpdated"],
      conditions: [{ property: "Status", operator: "Equals", values: ["Closed"] }],
      actions: [{ type: "addLabel", label: "closed-seen" }],
    });
    const incident = async () => (await (await siem.api("/api/v1/incidents")).json()).incidents[0];
    const ingest = async (id: string) => {
      const res = await siem.api("/api/v1/connectors/aws-cloudtrail", { method: "POST", body: login(id) });
      assert.equal((await res.json()).accepted, 1);
    };

    await ingest("e1");
    assert.ok(await waitFor(async () => (await incident())?.AlertIds?.length === 1, 20_000));
    assert.deepEqual((await incident()).Labels, [], "creation is not an update");

    await ingest("e2");
    assert.ok(
      await waitFor(async () => (await incident())?.Labels?.includes("updated-while-new"), 20_000),
      JSON.stringify(await incident()),
    );
    assert.equal((await incident()).AlertIds.length, 2);

    const current = await siem.api(`/api/v1/incidents/${(await incident()).IncidentName}`);
    const etag = current.headers.get("ETag")!;
    const { IncidentName } = await current.json();
    const closed = await siem.api(`/api/v1/incidents/${IncidentName}`, {
      method: "PATCH",
      headers: { "If-Match": etag },
      body: JSON.stringify({ Status: "Closed", Classification: "TruePositive" }),
    });
    assert.equal(closed.status, 200, await closed.clone().text());
    await closed.body?.cancel();
    const after = await (await siem.api(`/api/v1/incidents/${IncidentName}`)).json();
    assert.ok(after.Labels.includes("closed-seen"), JSON.stringify(after.Labels));
    assert.ok(after.History.some((h: { actor: string }) => h.actor === "automation:on-close"), "audited");
  } finally {
    await Deno.remove(rulesDir, { recursive: true });
  }
});
