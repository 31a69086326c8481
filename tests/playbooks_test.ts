/**
 * Automation and playbooks end to end: an automation rule assigns, labels and runs a ServiceNow playbook whose
 * endpoint (a local HTTP server checking the requests) fails twice, then creates the ticket; the link is written
 * back. A playbook that keeps failing ends in the dead-letter stream, recorded on the incident.
 */
import assert from "node:assert/strict";
import { jetstreamManager } from "@nats-io/jetstream";
import { connectNats } from "../runtime/nats/connect.ts";
import { signature } from "../streams/automation/mod.ts";
import { startSiemProcess } from "./harness/siem_process.ts";
import { waitFor } from "./harness/nats.ts";

const SECRET = "playbook-secret-0123456789";
const RULE = `id: 5d5d5d5d-0001-4000-8000-000000000001
name: Root console login
description: Root signed in.
severity: High
kind: NRT
query: AWSCloudTrail | where EventName == "ConsoleLogin" and UserIdentityType == "Root"
version: 1
`;

Deno.test("automation assigns and labels; ServiceNow and Jira playbooks are signed, retried, and link their tickets", async () => {
  const requests: Array<{ path: string; body: string; validSignature: boolean }> = [];
  let calls = 0;
  const itsm: Deno.HttpServer<Deno.NetAddr> = Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    onListen: () => {},
  }, async (req): Promise<Response> => {
    const body = await req.text();
    const timestamp = Number(req.headers.get("X-Siem-Timestamp"));
    const expected = (await signature(body, SECRET, timestamp))["X-Siem-Signature"];
    const path = new URL(req.url).pathname;
    requests.push({ path, body, validSignature: req.headers.get("X-Siem-Signature") === expected });
    if (path === "/always-fails") return new Response("nope", { status: 503 });
    if (path === "/rest/api/2/issue") {
      const issue = JSON.parse(body);
      if (
        issue.fields?.project?.key !== "SOC" || !String(issue.fields?.summary).includes("Root console login")
      ) {
        return new Response("bad issue", { status: 400 });
      }
      return Response.json({ id: "10001", key: "SOC-42", self: `${base()}/rest/api/2/issue/10001` }, {
        status: 201,
      });
    }
    calls++;
    if (calls <= 2) return new Response("busy", { status: 500 });
    return Response.json({ result: { sys_id: "0a1b2c", number: "INC0010001" } }, { status: 201 });
  });
  const base = (): string => `http://127.0.0.1:${itsm.addr.port}`;
  const rulesDir = await Deno.makeTempDir({ prefix: "siem-pb-rules-" });
  try {
    await Deno.writeTextFile(`${rulesDir}/root.yaml`, RULE);
    await using siem = await startSiemProcess({ env: { SIEM_SYSLOG_PORT: "off", SIEM_RULES_DIR: rulesDir } });
    const base = `http://127.0.0.1:${itsm.addr.port}`;
    const put = async (path: string, body: unknown) => {
      const res = await siem.api(path, { method: "PUT", body: JSON.stringify(body) });
      assert.equal(res.status, 201, await res.clone().text());
      return await res.json();
    };
    const shown = await put("/api/v1/playbooks/snow", {
      name: "ServiceNow ticket",
      template: "servicenow",
      url: base,
      secret: SECRET,
      headers: { Authorization: "Basic c2llbTpwdw==" },
    });
    assert.equal(shown.secret, "***");
    assert.equal(shown.headers.Authorization, "***");
    await put("/api/v1/playbooks/jira", { name: "Jira issue", template: "jira", url: base, project: "SOC" });
    await put("/api/v1/playbooks/broken", {
      name: "Broken hook",
      url: `${base}/always-fails`,
      maxAttempts: 2,
    });
    await put("/api/v1/automation-rules/high-to-tier1", {
      name: "High severity to tier 1",
      order: 1,
      conditions: [{ property: "Severity", operator: "Equals", values: ["High"] }],
      actions: [
        { type: "assignOwner", owner: "tier1" },
        { type: "addLabel", label: "auto" },
        { type: "runPlaybook", playbookId: "snow" },
        { type: "runPlaybook", playbookId: "jira" },
        { type: "runPlaybook", playbookId: "broken" },
      ],
    });
    const bad = await siem.api("/api/v1/automation-rules/x", {
      method: "PUT",
      body: '{"name":"x","actions":[{"type":"explode"}]}',
    });
    assert.equal(bad.status, 400);
    await bad.body?.cancel();

    const event = {
      Records: [{
        eventTime: new Date().toISOString(),
        eventName: "ConsoleLogin",
        eventSource: "signin.amazonaws.com",
        sourceIPAddress: "203.0.113.9",
        userIdentity: { type: "Root", arn: "arn:aws:iam::1:root" },
        eventID: "e1",
      }],
    };
    assert.equal(
      (await (await siem.api("/api/v1/connectors/aws-cloudtrail", {
        method: "POST",
        body: JSON.stringify(event),
      })).json()).accepted,
      1,
    );

    const incident = async () => (await (await siem.api("/api/v1/incidents")).json()).incidents[0];
    assert.ok(
      await waitFor(async () => (await incident())?.Labels?.includes("ticket:INC0010001"), 30_000),
      JSON.stringify(await incident()),
    );
    const inc = await incident();
    assert.equal(inc.Owner.assignedTo, "tier1");
    assert.ok(inc.Labels.includes("auto"));
    const snow = requests.filter((r) => r.path === "/api/now/table/incident");
    assert.equal(snow.length, 3); // two failures, then success
    assert.ok(snow.every((r) => r.validSignature));
    assert.equal(new Set(snow.map((r) => r.body)).size, 1);
    assert.equal(JSON.parse(snow[0].body).correlation_id, inc.IncidentName);
    assert.ok(
      inc.History.some((h: { action: string }) => /succeeded .*attempt 3.*INC0010001/.test(h.action)),
    );

    // The broken hook: two attempts, then a dead letter and a note on the incident.
    assert.ok(
      await waitFor(
        async () =>
          (await incident()).History.some((h: { action: string }) =>
            /Broken hook failed after 2 attempts/.test(h.action)
          ),
        30_000,
      ),
    );
    assert.equal(requests.filter((r) => r.path === "/always-fails").length, 2);
    const password = (await Deno.readTextFile(`${siem.dataDir}/nats-password`)).trim();
    const nc = await connectNats([siem.natsUrl], { user: "siem", password });
    try {
      const jsm = await jetstreamManager(nc);
      const msg = await jsm.streams.getMessage("SIEM_DEADLETTER", {
        last_by_subj: "siem.deadletter.playbook",
      });
      assert.match(msg!.json<{ reason: string }>().reason, /broken failed after 2 attempts/);
    } finally {
      await nc.close();
    }
  } finally {
    await itsm.shutdown();
    await Deno.remove(rulesDir, { recursive: true });
  }
});
