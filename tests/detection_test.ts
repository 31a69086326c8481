/**
 * Detection end to end against a real `siem start`: rules from SIEM_RULES_DIR, events over HTTP, alerts to an
 * independent NATS subscriber and through the alerts API; a scheduled rule fires early, long before its instant;
 * a SIGKILL and restart neither loses nor repeats alerts.
 */
import assert from "node:assert/strict";
import { jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/nats-core";
import { connectNats } from "../runtime/nats/connect.ts";
import { TOPOLOGY } from "../runtime/nats/topology.ts";
import { startSiemProcess } from "./harness/siem_process.ts";
import { waitFor } from "./harness/nats.ts";

const RULES = new URL("./testdata/rules/", import.meta.url).pathname;

const FAST_BRUTE_FORCE = `id: 6f1e2d3c-0003-4a5b-9c8d-333333333333
name: Fast brute force
description: Three failed logons for one account within 30 seconds.
severity: Medium
kind: Scheduled
queryFrequency: 2s
queryPeriod: 30s
triggerOperator: gt
triggerThreshold: 0
tactics: [CredentialAccess]
query: |
  SecurityEvent
  | where EventID == 4625
  | summarize Failures = count() by TargetAccount
  | where Failures >= 3
entityMappings:
  - entityType: Account
    fieldMappings:
      - identifier: FullName
        columnName: TargetAccount
version: 1
`;

/** An hour's window that cannot close during the test: its alert can only come from early firing. */
const HOURLY_BRUTE_FORCE = `id: 6f1e2d3c-0004-4a5b-9c8d-444444444444
name: Hourly brute force
description: Three failed logons for eve within the hour.
severity: Medium
kind: Scheduled
queryFrequency: 1h
queryPeriod: 1h
triggerOperator: gt
triggerThreshold: 0
tactics: [CredentialAccess]
query: |
  SecurityEvent
  | where EventID == 4625 and TargetAccount == "CONTOSO\\\\eve"
  | summarize Failures = count() by TargetAccount
  | where Failures >= 3
version: 1
`;

async function natsFor(dataDir: string, url: string): Promise<NatsConnection> {
  const password = (await Deno.readTextFile(`${dataDir}/nats-password`)).trim();
  return await connectNats([url], { user: "siem", password });
}

Deno.test("rules raise alerts on NATS and the API; a SIGKILLed worker resumes without losing or repeating", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "siem-detect-" });
  const rulesDir = await Deno.makeTempDir({ prefix: "siem-detect-rules-" });
  try {
    await Deno.copyFile(`${RULES}/root_console_login.yaml`, `${rulesDir}/root.yaml`);
    await Deno.writeTextFile(`${rulesDir}/brute.yaml`, FAST_BRUTE_FORCE);
    await Deno.writeTextFile(`${rulesDir}/hourly.yaml`, HOURLY_BRUTE_FORCE);
    const env = { SIEM_SYSLOG_PORT: "off", SIEM_RULES_DIR: rulesDir };
    const received: Array<{ subject: string; id: string | undefined; alert: Record<string, unknown> }> = [];
    {
      await using siem = await startSiemProcess({ env, dataDir });
      const nc = await natsFor(dataDir, siem.natsUrl);
      const sub = nc.subscribe("siem.alerts.>");
      (async () => {
        for await (const m of sub) {
          received.push({ subject: m.subject, id: m.headers?.get("Nats-Msg-Id"), alert: m.json() });
        }
      })();
      await nc.flush(); // the server holds the subscription before anything is sent

      // NRT: a root console login from CloudTrail.
      const sentAt = Date.now();
      const trail = {
        Records: [{
          eventVersion: "1.08",
          eventTime: new Date().toISOString(),
          eventSource: "signin.amazonaws.com",
          eventName: "ConsoleLogin",
          awsRegion: "us-east-1",
          sourceIPAddress: "203.0.113.7",
          userIdentity: { type: "Root", arn: "arn:aws:iam::123456789012:root", accountId: "123456789012" },
          responseElements: { ConsoleLogin: "Success" },
          eventID: "3c3b3f4e-0000-4000-8000-000000000001",
          eventType: "AwsConsoleSignIn",
          recipientAccountId: "123456789012",
        }],
      };
      const res = await siem.api("/api/v1/connectors/aws-cloudtrail", {
        method: "POST",
        body: JSON.stringify(trail),
      });
      assert.equal(res.status, 200, await res.clone().text());
      assert.equal((await res.json()).accepted, 1);
      assert.ok(
        await waitFor(
          () => received.some((r) => r.alert.RuleName === "AWS root account console login"),
          10_000,
        ),
      );
      const nrt = received.find((r) => r.alert.RuleName === "AWS root account console login")!;
      assert.equal(nrt.subject, "siem.alerts.high.6f1e2d3c-0002-4a5b-9c8d-222222222222");
      assert.equal(nrt.id, nrt.alert.SystemAlertId);
      assert.deepEqual(nrt.alert.Entities, [{ Type: "ip", Address: "203.0.113.7" }]);
      const latency = Date.now() - sentAt;
      assert.ok(latency < 5000, `NRT alert took ${latency} ms`);

      // Scheduled: three failed logons within the 30 s window.
      const now = new Date().toISOString();
      const failures = [1, 2, 3].map(() =>
        JSON.stringify({ TimeGenerated: now, EventID: 4625, TargetAccount: "CONTOSO\\bob" })
      );
      const ingest = await siem.api("/api/v1/ingest/SecurityEvent", {
        method: "POST",
        body: failures.join("\n"),
      });
      assert.equal((await ingest.json()).accepted, 3);
      assert.ok(await waitFor(() => received.some((r) => r.alert.RuleName === "Fast brute force"), 15_000));
      const brute = received.find((r) => r.alert.RuleName === "Fast brute force")!;
      assert.equal(brute.subject, "siem.alerts.medium.6f1e2d3c-0003-4a5b-9c8d-333333333333");
      assert.deepEqual(brute.alert.Entities, [{ Type: "account", Name: "bob", NTDomain: "CONTOSO" }]);

      // Early firing: the third failure completes the hourly rule's condition, and its alert comes long before
      // the hour's instant.
      const eve = (n: number) =>
        JSON.stringify({
          TimeGenerated: new Date().toISOString(),
          EventID: 4625,
          TargetAccount: `CONTOSO\\eve`,
          n,
        });
      for (const n of [1, 2]) {
        assert.equal(
          (await (await siem.api("/api/v1/ingest/SecurityEvent", { method: "POST", body: eve(n) })).json())
            .accepted,
          1,
        );
      }
      await new Promise((r) => setTimeout(r, 1_000));
      assert.ok(
        !received.some((r) => r.alert.RuleName === "Hourly brute force"),
        "fired before its condition held",
      );
      const third = await siem.api("/api/v1/ingest/SecurityEvent", { method: "POST", body: eve(3) });
      assert.equal((await third.json()).accepted, 1);
      const ackedAt = Date.now();
      assert.ok(await waitFor(() => received.some((r) => r.alert.RuleName === "Hourly brute force"), 10_000));
      console.log(
        `early firing: alert on NATS ${Date.now() - ackedAt} ms after the acknowledgment (or sooner)`,
      );

      // Alerts are also rows of the SecurityAlert table, for hunting and rules.
      const hunted = await (await siem.api("/api/v1/query", {
        method: "POST",
        body: JSON.stringify({
          query:
            'SecurityAlert | where AlertName == "AWS root account console login" | project SystemAlertId, Entities',
        }),
      })).json();
      assert.equal(hunted.rows.length, 1, JSON.stringify(hunted));
      assert.equal(hunted.rows[0][0], nrt.alert.SystemAlertId);
      assert.match(hunted.rows[0][1], /203\.0\.113\.7/);

      const api = await (await siem.api("/api/v1/alerts?ruleId=6f1e2d3c-0002-4a5b-9c8d-222222222222")).json();
      assert.equal(api.alerts.length, 1);
      assert.equal(api.alerts[0].SystemAlertId, nrt.alert.SystemAlertId);
      await nc.close();
      await siem.kill("SIGKILL");
    }

    // After the crash: the stream replays into the restarted worker; every alert id stays unique.
    await using again = await startSiemProcess({ env, dataDir });
    const nc = await natsFor(dataDir, again.natsUrl);
    try {
      await new Promise((r) => setTimeout(r, 3000));
      const jsm = await jetstreamManager(nc);
      const info = await jsm.streams.info(TOPOLOGY.alerts.stream);
      const ids: string[] = [];
      for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
        const msg = await jsm.streams.getMessage(TOPOLOGY.alerts.stream, { seq }).catch(() => null);
        if (msg) ids.push(msg.json<{ SystemAlertId: string }>().SystemAlertId);
      }
      assert.equal(new Set(ids).size, ids.length, `duplicate alert ids: ${ids.join(", ")}`);
      assert.ok(
        ids.includes(String(
          received.find((r) => r.alert.RuleName === "AWS root account console login")!.alert.SystemAlertId,
        )),
      );
      assert.equal(
        ids.filter((id) =>
          received.some((r) =>
            r.alert.SystemAlertId === id && r.alert.RuleName === "AWS root account console login"
          )
        ).length,
        1,
      );
    } finally {
      await nc.close();
    }
  } finally {
    await Deno.remove(dataDir, { recursive: true });
    await Deno.remove(rulesDir, { recursive: true });
  }
});
