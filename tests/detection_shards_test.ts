/**
 * Event shards (SIEM_DETECT_SHARDS): three detection processes split one rule's events among them, and a count
 * over events that different processes computed still reaches its threshold exactly once per event: never split
 * (the alert would not fire) and never counted twice (its count would be too high), also when a process holding
 * shards is killed mid-way and its shards move to the others.
 */
import assert from "node:assert/strict";
import { jetstreamManager } from "@nats-io/jetstream";
import { connectNats } from "../runtime/nats/connect.ts";
import { TOPOLOGY } from "../runtime/nats/topology.ts";
import { readMetric, startSiemProcess } from "./harness/siem_process.ts";
import { waitFor } from "./harness/nats.ts";

const SHARDS = 3;
const RULE_ID = "6a6a6a6a-0000-4000-8000-000000000001";
const RULE = `id: ${RULE_ID}
name: Many failed logons for one account
description: d
severity: Medium
kind: Scheduled
queryFrequency: 2s
queryPeriod: 30s
triggerOperator: gt
triggerThreshold: 0
eventGroupingSettings:
  aggregationKind: AlertPerResult
customDetails:
  Failures: Failures
query: |
  SecurityEvent
  | where EventID == 4625
  | summarize Failures = count() by TargetAccount
  | where Failures >= 12
version: 1
`;

Deno.test("three workers with event shards count one rule's events together, exactly once, across a killed worker", async () => {
  await using stack = new AsyncDisposableStack();
  const shardEnv = {
    SIEM_SYSLOG_PORT: "off",
    SIEM_DETECT_SHARDS: String(SHARDS),
    SIEM_ALLOWED_LATENESS: "2s",
  };
  const main = stack.use(await startSiemProcess({ env: shardEnv }));
  const password = (await Deno.readTextFile(`${main.dataDir}/nats-password`)).trim();
  const env = { ...shardEnv, NATS_URL: main.natsUrl, NATS_USER: "siem", NATS_PASSWORD: password };
  const second = stack.use(await startSiemProcess({ env, args: ["--roles", "detect"] }));
  const third = stack.use(await startSiemProcess({ env, args: ["--roles", "detect"] }));
  const workers = [main, second, third];
  const nc = await connectNats([main.natsUrl], { user: "siem", password });
  stack.defer(() => nc.close());
  const jsm = await jetstreamManager(nc);

  const res = await main.api(`/api/v1/rules/${RULE_ID}`, { method: "PUT", body: RULE });
  assert.equal(res.status, 201, await res.text());
  const perWorker = (name: string) => Promise.all(workers.map((w) => readMetric(w, name)));
  const sum = (xs: number[]) => xs.reduce((a, b) => a + (Number.isNaN(b) ? 0 : b), 0);
  assert.ok(
    await waitFor(async () => sum(await perWorker("siem_detect_sharded_rules")) === 3, 20_000),
    `sharded rules per worker: ${await perWorker("siem_detect_sharded_rules")}`,
  );
  assert.ok(
    await waitFor(async () => sum(await perWorker("siem_detect_shards")) === SHARDS, 20_000),
    `shards per worker: ${await perWorker("siem_detect_shards")}`,
  );
  const shards = await perWorker("siem_detect_shards");
  assert.ok(shards.filter((n) => n > 0).length >= 2, `shards not spread: ${shards}`);

  /** One request per event: each is its own message, so consecutive events land in different shards. */
  const fail = async (account: string, n: number) => {
    for (let i = 0; i < n; i++) {
      const r = await main.api("/api/v1/ingest/SecurityEvent", {
        method: "POST",
        body: JSON.stringify({ EventID: 4625, TargetAccount: account, Computer: `host-${i}` }),
      });
      assert.equal((await r.json()).accepted, 1);
    }
  };
  const alerts = async () => {
    const info = await jsm.streams.info(TOPOLOGY.alerts.stream);
    const out: { id: string; account: string; failures: number }[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
      const m = await jsm.streams.getMessage(TOPOLOGY.alerts.stream, { seq });
      const a = m?.json<
        { SystemAlertId: string; RuleId: string; ExtendedProperties: Record<string, Record<string, unknown>> }
      >();
      if (a?.RuleId !== RULE_ID) continue;
      const details = a.ExtendedProperties["Custom Details"] as { Failures: number[] };
      const rows = a.ExtendedProperties["Results"] as unknown as { TargetAccount: string }[] | undefined;
      out.push({
        id: a.SystemAlertId,
        account: rows?.[0]?.TargetAccount ?? "",
        failures: Number(details.Failures[0]),
      });
    }
    return out;
  };

  await fail("CONTOSO\\alice", 12);
  assert.ok(
    await waitFor(async () => (await alerts()).some((a) => a.failures === 12), 20_000),
    `alerts: ${JSON.stringify(await alerts())}`,
  );

  // Kill a worker that holds shards (not the SIEM process, which serves the API); bob's events arrive while its
  // shards are orphaned, then they move to the survivors, which compute them from the shard logs' ends.
  const victim = shards[1] > 0 ? second : third;
  await victim.kill("SIGKILL");
  await fail("CONTOSO\\bob", 12);
  const alive = workers.filter((w) => w !== victim);
  assert.ok(
    await waitFor(
      async () => sum(await Promise.all(alive.map((w) => readMetric(w, "siem_detect_shards")))) === SHARDS,
      20_000,
    ),
    "the killed worker's shards did not move",
  );
  assert.ok(
    await waitFor(async () =>
      (await alerts()).filter((a) => a.failures === 12).length >= 2 &&
      (await alerts()).some((a) => a.account.includes("bob")), 30_000),
    `alerts: ${JSON.stringify(await alerts())}`,
  );
  await new Promise((r) => setTimeout(r, 3000));
  const all = await alerts();
  // Every alert counts exactly the 12 failures: none split among workers, none counted twice after the hand-over.
  assert.deepEqual(all.filter((a) => a.failures !== 12), [], JSON.stringify(all));
  assert.equal(new Set(all.map((a) => a.id)).size, all.length, "an alert id was raised twice");
  assert.ok(all.some((a) => a.account.includes("alice")) && all.some((a) => a.account.includes("bob")));
});
