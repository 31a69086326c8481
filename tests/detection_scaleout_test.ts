/**
 * Scale-out: three detection processes against one NATS share the rules and together raise exactly the alerts one
 * process would; when one is killed, its rules move to the others and keep firing.
 */
import assert from "node:assert/strict";
import { jetstreamManager } from "@nats-io/jetstream";
import { connectNats } from "../runtime/nats/connect.ts";
import { TOPOLOGY } from "../runtime/nats/topology.ts";
import { readMetric, type SiemProcess, startSiemProcess } from "./harness/siem_process.ts";
import { waitFor } from "./harness/nats.ts";

const RULES = 12;
const rule = (i: number) =>
  `id: 4e4e4e4e-0000-4000-8000-${String(i).padStart(12, "0")}
name: Heartbeat from host ${i}
description: d
severity: Low
kind: NRT
query: Heartbeat | where Computer == "host-${i}"
version: 1
`;

/** The SIEM plus two `--roles detect` processes against its NATS, each rule put through the API. */
async function threeWorkers(rules: ReadonlyArray<{ id: string; yaml: string }>) {
  // Stopped in reverse order when the test ends, or at once if starting one of them fails.
  await using stack = new AsyncDisposableStack();
  const main = stack.use(await startSiemProcess({ env: { SIEM_SYSLOG_PORT: "off" } }));
  const password = (await Deno.readTextFile(`${main.dataDir}/nats-password`)).trim();
  const env = { NATS_URL: main.natsUrl, NATS_USER: "siem", NATS_PASSWORD: password, SIEM_SYSLOG_PORT: "off" };
  const second = stack.use(await startSiemProcess({ env, args: ["--roles", "detect"] }));
  const third = stack.use(await startSiemProcess({ env, args: ["--roles", "detect"] }));
  const workers = [main, second, third];
  for (const r of rules) {
    const res = await main.api(`/api/v1/rules/${r.id}`, { method: "PUT", body: r.yaml });
    assert.equal(res.status, 201);
    await res.body?.cancel();
  }
  const nc = await connectNats([main.natsUrl], { user: "siem", password });
  stack.defer(() => nc.close());
  const processes = stack.move();
  return {
    main,
    second,
    third,
    workers,
    perWorker: (name: string) => Promise.all(workers.map((w) => readMetric(w, name))),
    /** Whether `alive` together own every rule (a killed worker's rules have moved). */
    ownAll: async (alive: readonly SiemProcess[]) =>
      (await Promise.all(alive.map((w) => readMetric(w, "siem_detect_owned_rules")))).reduce(
        (a, b) => a + b,
        0,
      ) ===
        rules.length,
    /** Every alert on SIEM_ALERTS: its id and rule. */
    async alerts(): Promise<Array<{ id: string; rule: string }>> {
      const jsm = await jetstreamManager(nc);
      const info = await jsm.streams.info(TOPOLOGY.alerts.stream);
      const out: Array<{ id: string; rule: string }> = [];
      for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
        const m = await jsm.streams.getMessage(TOPOLOGY.alerts.stream, { seq }).catch(() => null);
        if (m) {
          const alert = m.json<{ SystemAlertId: string; RuleId: string }>();
          out.push({ id: alert.SystemAlertId, rule: alert.RuleId });
        }
      }
      return out;
    },
    [Symbol.asyncDispose]: () => processes.disposeAsync(),
  };
}

Deno.test("three detection workers share the rules, raise each alert once, and take over a killed worker's rules without missing its events", async () => {
  await using cluster = await threeWorkers(
    Array.from(
      { length: RULES },
      (_, i) => ({ id: `4e4e4e4e-0000-4000-8000-${String(i).padStart(12, "0")}`, yaml: rule(i) }),
    ),
  );
  const { main, second, third, workers } = cluster;
  const owned = () => cluster.perWorker("siem_detect_owned_rules");
  assert.ok(
    await waitFor(() => cluster.ownAll(workers), 20_000),
    `owned: ${await owned()}`,
  );
  const shares = await owned();
  assert.ok(shares.filter((n) => n > 0).length >= 2, `rules not shared: ${shares}`);
  const alertIds = () => cluster.alerts();
  const send = async (round: number) => {
    const body = Array.from(
      { length: RULES },
      (_, i) => JSON.stringify({ Computer: `host-${i}`, Category: `round-${round}` }),
    );
    const res = await main.api("/api/v1/ingest/Heartbeat", { method: "POST", body: body.join("\n") });
    assert.equal((await res.json()).accepted, RULES);
  };
  await send(1);
  assert.ok(
    await waitFor(async () => new Set((await alertIds()).map((a) => a.rule)).size === RULES, 20_000),
  );
  await new Promise((r) => setTimeout(r, 1500)); // nothing more arrives: each rule fired exactly once
  let alerts = await alertIds();
  assert.equal(alerts.length, RULES, JSON.stringify(alerts));
  assert.equal(new Set(alerts.map((a) => a.id)).size, RULES);

  // Kill a worker that owns rules; the others take them over and every rule fires for the next events.
  const victim = [second, third].find((_, i) => shares[i + 1] > 0) ?? second;
  await victim.kill("SIGKILL");
  // Events arrive while the dead worker's rules are still orphaned (its heartbeat has not expired yet).
  await send(2);
  const alive = workers.filter((w) => w !== victim);
  assert.ok(
    await waitFor(() => cluster.ownAll(alive), 20_000),
    "rules of the killed worker were not taken over",
  );
  assert.ok(
    await waitFor(async () => (await alertIds()).length === 2 * RULES, 20_000),
    `${(await alertIds()).length} alerts`,
  );
  await new Promise((r) => setTimeout(r, 1500));
  alerts = await alertIds();
  assert.equal(alerts.length, 2 * RULES);
  assert.equal(new Set(alerts.map((a) => a.id)).size, 2 * RULES);
});

const TABLES = [
  "SecurityEvent",
  "Event",
  "WindowsEvent",
  "Heartbeat",
  "W3CIISLog",
  "CommonSecurityLog",
  "Syslog",
  "DnsEvents",
  "Perf",
];
const tableRule = (i: number) =>
  `id: 5f5f5f5f-0000-4000-8000-${String(i).padStart(12, "0")}
name: Marker in ${TABLES[i]}
description: d
severity: Low
kind: NRT
query: ${TABLES[i]} | where Computer startswith "marker-"
version: 1
`;

Deno.test("workers read only the tables of their rules; the one taking a rule over reads its table's stored events first", async () => {
  await using cluster = await threeWorkers(
    TABLES.map((_, i) => ({
      id: `5f5f5f5f-0000-4000-8000-${String(i).padStart(12, "0")}`,
      yaml: tableRule(i),
    })),
  );
  const { main, second, third, workers, perWorker } = cluster;
  assert.ok(
    await waitFor(() => cluster.ownAll(workers), 20_000),
    `owned: ${await perWorker("siem_detect_owned_rules")}`,
  );
  const followed = await perWorker("siem_detect_followed_tables");
  const owned = await perWorker("siem_detect_owned_rules");
  // Each worker follows exactly its rules' tables (one table per rule here), so none reads all nine.
  assert.deepEqual(followed, owned);
  const alertRules = async () => (await cluster.alerts()).map((a) => a.rule);
  const send = async (round: number) => {
    for (const table of TABLES) {
      const res = await main.api(`/api/v1/ingest/${table}`, {
        method: "POST",
        body: JSON.stringify({ Computer: `marker-${round}` }),
      });
      assert.equal((await res.json()).accepted, 1, table);
    }
  };
  await send(1);
  assert.ok(await waitFor(async () => (await alertRules()).length >= 9, 20_000), `${await alertRules()}`);
  // The victim owns rules whose tables no survivor reads yet; events of those tables arrive while it is dead.
  const victim = owned[1] > 0 ? second : third;
  await victim.kill("SIGKILL");
  await send(2);
  const alive = workers.filter((w) => w !== victim);
  assert.ok(
    await waitFor(() => cluster.ownAll(alive), 20_000),
    "rules of the killed worker were not taken over",
  );
  assert.ok(await waitFor(async () => (await alertRules()).length >= 18, 20_000), `${await alertRules()}`);
  await new Promise((r) => setTimeout(r, 1500));
  const rules = await alertRules();
  assert.equal(rules.length, 18);
  for (const [i] of TABLES.entries()) {
    assert.equal(rules.filter((r) => r.endsWith(String(i).padStart(12, "0"))).length, 2, TABLES[i]);
  }
});
