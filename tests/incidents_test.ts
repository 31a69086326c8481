/**
 * Incidents end to end: alerts filed into incidents per the rule's grouping, analysts' changes with If-Match and
 * 412, concurrent changes that lose nothing, comments, and change events on NATS.
 */
import assert from "node:assert/strict";
import { connectNats } from "../runtime/nats/connect.ts";
import { startSiemProcess } from "./harness/siem_process.ts";
import { waitFor } from "./harness/nats.ts";

const RULE = `id: 7a7a7a7a-0001-4000-8000-000000000001
name: SSH failures
description: Failed SSH passwords for one host.
severity: Low
kind: NRT
tactics: [CredentialAccess]
query: |
  Syslog
  | where SyslogMessage has "Failed password"
  | project TimeGenerated, Computer = HostName, SyslogMessage
entityMappings:
  - entityType: Host
    fieldMappings:
      - identifier: HostName
        columnName: Computer
incidentConfiguration:
  createIncident: true
  groupingConfiguration:
    enabled: true
    matchingMethod: AllEntities
    lookbackDuration: 1h
    reopenClosedIncident: false
version: 1
`;

Deno.test("alerts become grouped incidents that analysts work with optimistic concurrency", async () => {
  const rulesDir = await Deno.makeTempDir({ prefix: "siem-inc-rules-" });
  try {
    await Deno.writeTextFile(`${rulesDir}/ssh.yaml`, RULE);
    await using siem = await startSiemProcess({ env: { SIEM_SYSLOG_PORT: "off", SIEM_RULES_DIR: rulesDir } });
    const password = (await Deno.readTextFile(`${siem.dataDir}/nats-password`)).trim();
    const nc = await connectNats([siem.natsUrl], { user: "siem", password });
    const events: string[] = [];
    const sub = nc.subscribe("siem.incidents.>");
    (async () => {
      for await (const m of sub) events.push(m.subject.split(".").slice(0, 3).join("."));
    })();
    await nc.flush(); // the server holds the subscription before anything is sent
    try {
      const send = (host: string, n: number) =>
        siem.api("/api/v1/connectors/syslog", {
          method: "POST",
          body: `<38>1 ${
            new Date().toISOString()
          } ${host} sshd 1 - - Failed password for root from 10.0.0.${n} port 22\n`,
        }).then((r) => r.json());
      await send("web1", 1);
      await send("web1", 2); // same host: same incident
      await send("db1", 3); // another host: its own incident
      const list = async () => (await (await siem.api("/api/v1/incidents")).json()).incidents;
      assert.ok(
        await waitFor(async () => {
          const incs = await list();
          return incs.length === 2 &&
            incs.reduce((n: number, i: { AlertIds: string[] }) => n + i.AlertIds.length, 0) === 3;
        }, 15_000),
        JSON.stringify(await list()),
      );
      const incidents = await list();
      const web = incidents.find((i: { Entities: Array<{ HostName?: string }> }) =>
        i.Entities[0].HostName === "web1"
      );
      assert.equal(web.AlertIds.length, 2);
      assert.equal(web.Status, "New");
      assert.deepEqual(incidents.map((i: { IncidentNumber: number }) => i.IncidentNumber).sort(), [1, 2]);

      // If-Match: the current revision wins, a stale one gets 412.
      const got = await siem.api(`/api/v1/incidents/${web.IncidentName}`);
      const etag = got.headers.get("ETag")!;
      await got.body?.cancel();
      const patch = (body: unknown, headers: Record<string, string> = {}) =>
        siem.api(`/api/v1/incidents/${web.IncidentName}`, {
          method: "PATCH",
          body: JSON.stringify(body),
          headers,
        });
      const assigned = await patch({ Owner: { assignedTo: "ana" }, Status: "Active" }, { "If-Match": etag });
      assert.equal(assigned.status, 200);
      assert.equal((await assigned.json()).Owner.assignedTo, "ana");
      const stale = await patch({ Severity: "High" }, { "If-Match": etag });
      assert.equal(stale.status, 412);
      assert.equal((await stale.json()).error.code, "precondition_failed");

      // Concurrent changes without If-Match lose nothing.
      const results = await Promise.all([
        patch({ Labels: ["ssh"] }),
        patch({ Severity: "High" }),
        siem.api(`/api/v1/incidents/${web.IncidentName}/comments`, {
          method: "POST",
          body: '{"message":"on it"}',
        }),
        siem.api(`/api/v1/incidents/${web.IncidentName}/comments`, {
          method: "POST",
          body: '{"message":"blocked the IP"}',
        }),
      ]);
      for (const r of results) {
        assert.ok(r.status === 200 || r.status === 201, String(r.status));
        await r.body?.cancel();
      }
      const final = await (await siem.api(`/api/v1/incidents/${web.IncidentName}`)).json();
      assert.deepEqual(final.Labels, ["ssh"]);
      assert.equal(final.Severity, "High");
      assert.deepEqual(final.Comments.map((c: { message: string }) => c.message).sort(), [
        "blocked the IP",
        "on it",
      ]);
      assert.equal(final.Owner.assignedTo, "ana");

      const noClass = await patch({ Status: "Closed" });
      assert.equal(noClass.status, 400);
      assert.equal((await noClass.json()).error.code, "invalid_change");
      const closed = await patch({
        Status: "Closed",
        Classification: "TruePositive",
        ClassificationComment: "real",
      });
      assert.equal((await closed.json()).Status, "Closed");
      // Every change is a SecurityIncident row; the latest row per incident is its state.
      const history = await (await siem.api("/api/v1/query", {
        method: "POST",
        body: JSON.stringify({
          query:
            "SecurityIncident | summarize arg_max(TimeGenerated, *) by IncidentName | where Status == 'Closed' | project IncidentName, Classification",
        }),
      })).json();
      assert.deepEqual(history.rows, [[web.IncidentName, "TruePositive"]], JSON.stringify(history));
      const filtered = await (await siem.api("/api/v1/incidents?status=Closed")).json();
      assert.deepEqual(filtered.incidents.map((i: { IncidentName: string }) => i.IncidentName), [
        web.IncidentName,
      ]);
      assert.ok(
        events.includes("siem.incidents.created") && events.includes("siem.incidents.updated"),
        events.join(),
      );
      const missing = await siem.api("/api/v1/incidents/nope");
      assert.equal(missing.status, 404);
      await missing.body?.cancel();
    } finally {
      await nc.close();
    }
  } finally {
    await Deno.remove(rulesDir, { recursive: true });
  }
});
