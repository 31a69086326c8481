/**
 * Fault injection: a playbook endpoint slower than the playbook's timeout. Alerts and incidents keep flowing
 * while it hangs (playbooks run on their own work queue); each run is tried `maxAttempts` times, then dead-lettered
 * and noted on its incident; a fast playbook queued behind the slow one still runs once per incident: nothing is
 * lost, nothing runs twice, and the playbook's secret never reaches the logs.
 */
import assert from "node:assert/strict";
import { jetstreamManager } from "@nats-io/jetstream";
import { connectNats } from "../runtime/nats/connect.ts";
import { startSiemProcess } from "./harness/siem_process.ts";
import { waitFor } from "./harness/nats.ts";

const RULE = `id: 5d5d5d5d-0002-4000-8000-00000000f002
name: Root console login (slow playbook test)
description: Root signed in.
severity: High
kind: NRT
query: AWSCloudTrail | where EventName == "ConsoleLogin" and UserIdentityType == "Root"
eventGroupingSettings:
  aggregationKind: AlertPerResult
version: 1
`;
const SECRET = "slow-playbook-secret-0123456789";
const LOGINS = 4;

Deno.test("a playbook endpoint slower than its timeout blocks neither alerts nor incidents, and loses nothing", async () => {
  const calls = { slow: 0, fast: 0, slowBodies: new Set<string>(), fastBodies: [] as string[] };
  const hooks = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const body = await req.text();
    if (new URL(req.url).pathname === "/slow") {
      calls.slow++;
      calls.slowBodies.add(body);
      // Three times the playbook's timeout; the abort on the SIEM's side ends the wait early.
      await new Promise((r) => setTimeout(r, 3000));
      return new Response("late", { status: 200 });
    }
    calls.fast++;
    calls.fastBodies.push(body);
    return new Response("ok");
  });
  const base = `http://127.0.0.1:${hooks.addr.port}`;
  const rulesDir = await Deno.makeTempDir({ prefix: "siem-slow-pb-rules-" });
  try {
    await Deno.writeTextFile(`${rulesDir}/root.yaml`, RULE);
    await using siem = await startSiemProcess({ env: { SIEM_SYSLOG_PORT: "off", SIEM_RULES_DIR: rulesDir } });
    const put = async (path: string, body: unknown) => {
      const res = await siem.api(path, { method: "PUT", body: JSON.stringify(body) });
      assert.equal(res.status, 201, await res.clone().text());
      await res.body?.cancel();
    };
    await put("/api/v1/playbooks/slow", {
      name: "Slow hook",
      url: `${base}/slow`,
      secret: SECRET,
      timeoutSeconds: 1,
      maxAttempts: 2,
    });
    await put("/api/v1/playbooks/fast", { name: "Fast hook", url: `${base}/fast` });
    await put("/api/v1/automation-rules/all", {
      name: "Every incident",
      order: 1,
      conditions: [],
      actions: [{ type: "runPlaybook", playbookId: "slow" }, { type: "runPlaybook", playbookId: "fast" }],
    });

    const sentAt = Date.now();
    for (let i = 0; i < LOGINS; i++) {
      const res = await siem.api("/api/v1/connectors/aws-cloudtrail", {
        method: "POST",
        body: JSON.stringify({
          Records: [{
            eventTime: new Date().toISOString(),
            eventName: "ConsoleLogin",
            eventSource: "signin.amazonaws.com",
            sourceIPAddress: `203.0.113.${10 + i}`,
            userIdentity: { type: "Root", arn: "arn:aws:iam::1:root" },
            eventID: `slow-${i}`,
          }],
        }),
      });
      assert.equal(res.status, 200);
      await res.body?.cancel();
    }
    const incidents = async () => (await (await siem.api("/api/v1/incidents")).json()).incidents;
    const alerts = async () => (await (await siem.api("/api/v1/alerts")).json()).alerts;
    // Alerts and incidents arrive while the slow hook is hanging (each attempt holds it for a second).
    assert.ok(await waitFor(async () => (await alerts()).length === LOGINS, 15_000));
    assert.ok(await waitFor(async () => (await incidents()).length === LOGINS, 15_000));
    const filedMs = Date.now() - sentAt;
    assert.ok(calls.slow < 2 * LOGINS, `the incidents waited for the playbooks (${filedMs} ms)`);

    // Every run of the slow hook: two attempts, then a dead letter and a note; the fast hook once per incident.
    const failedNote = (i: { History: { action: string }[] }) =>
      i.History.some((h) => /Slow hook failed after 2 attempts: no answer within 1 s/.test(h.action));
    assert.ok(
      await waitFor(async () => (await incidents()).every(failedNote), 60_000),
      JSON.stringify((await incidents()).map((i: { History: unknown }) => i.History)),
    );
    assert.ok(await waitFor(() => calls.fast === LOGINS, 15_000), `fast hook called ${calls.fast} times`);
    assert.equal(calls.slow, 2 * LOGINS);
    assert.equal(calls.slowBodies.size, LOGINS, "one request body per incident, the same on each attempt");
    assert.equal(new Set(calls.fastBodies).size, LOGINS);
    for (const i of await incidents()) {
      assert.ok(i.History.some((h: { action: string }) => /Fast hook succeeded/.test(h.action)));
    }

    const password = (await Deno.readTextFile(`${siem.dataDir}/nats-password`)).trim();
    const nc = await connectNats([siem.natsUrl], { user: "siem", password });
    try {
      const jsm = await jetstreamManager(nc);
      const dead = await jsm.streams.info("SIEM_DEADLETTER", { subjects_filter: "siem.deadletter.playbook" });
      assert.equal(dead.state.subjects?.["siem.deadletter.playbook"], LOGINS);
      const queue = await jsm.streams.info("SIEM_PLAYBOOKS");
      assert.equal(queue.state.messages, 0, "runs left behind on the work queue");
    } finally {
      await nc.close();
    }
    assert.ok(!siem.stderr().includes(SECRET), "the playbook secret is in the log");
  } finally {
    await hooks.shutdown();
    await Deno.remove(rulesDir, { recursive: true });
  }
});
