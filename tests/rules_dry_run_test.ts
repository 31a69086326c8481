/**
 * A rule's dry run against a real nats-server: the detection engine over the events in SIEM_EVENTS, with the
 * alerts collected rather than published.
 */
import assert from "node:assert/strict";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { Catalog } from "../query/symbols/mod.ts";
import { validateRule } from "../streams/rules/mod.ts";
import { ensureTopology } from "../runtime/nats/topology.ts";
import { dryRunRule } from "../runtime/rule_dry_run.ts";
import { startTestNats } from "./harness/nats.ts";

const RULE = new URL("./testdata/rules/brute_force.yaml", import.meta.url).pathname;
const HOUR = 3_600_000;

Deno.test("dryRunRule raises a scheduled rule's alerts at each instant of the last hours and publishes none", async () => {
  await using nats = await startTestNats();
  const nc = await nats.connect();
  await ensureTopology(nc, { retentionMs: 7 * 24 * HOUR, replicas: 1 });
  const js = jetstream(nc);
  // Pinned on a 5-minute boundary, so the burst two hours ago sits inside exactly 12 one-hour windows.
  const now = Math.floor(Date.now() / 300_000) * 300_000;
  const logon = (account: string, time: number) =>
    JSON.stringify({
      TimeGenerated: new Date(time).toISOString(),
      EventID: 4625,
      TargetAccount: account,
      Computer: "dc1",
    });
  const burst = Array.from({ length: 12 }, () => logon("CONTOSO\\alice", now - 2 * HOUR + 1000));
  await js.publish("siem.events.SecurityEvent", burst.join("\n"));
  await js.publish(
    "siem.events.SecurityEvent",
    [1, 2, 3].map(() => logon("CONTOSO\\bob", now - HOUR / 2)).join("\n"),
  );
  await js.publish("siem.events.Syslog", JSON.stringify({ TimeGenerated: new Date(now).toISOString() }));

  const validation = validateRule(await Deno.readTextFile(RULE));
  assert.ok(validation.rule);
  const catalog = Catalog.builtin();
  const three = await dryRunRule(nc, validation.rule, { id: "bf", hours: 3, catalog, now });
  assert.ok(!("error" in three), JSON.stringify(three));
  assert.equal(three.events, 15);
  assert.equal(three.instants, 36);
  assert.equal(three.alertCount, 12);
  assert.ok(
    three.alerts.every((a) => a.RuleId === validation.id && JSON.stringify(a.Entities).includes("alice")),
  );
  assert.deepEqual(three.errors, []);
  const ids = new Set(three.alerts.map((a) => a.SystemAlertId));
  assert.equal(ids.size, 12);

  // One hour back, the burst is out of every window.
  const one = await dryRunRule(nc, validation.rule, { id: "bf", hours: 1, catalog, now });
  assert.ok(!("error" in one));
  assert.equal(one.alertCount, 0);
  assert.equal(one.instants, 12);

  // Nothing was published.
  const alerts = await (await jetstreamManager(nc)).streams.info("SIEM_ALERTS");
  assert.equal(alerts.state.messages, 0);

  // An NRT rule: one evaluation per stored batch.
  const nrt = validateRule(`id: nrt-1
name: Failed logons
severity: Low
kind: NRT
query: SecurityEvent | where EventID == 4625
version: 1
`);
  assert.ok(nrt.rule, JSON.stringify(nrt.problems));
  const near = await dryRunRule(nc, nrt.rule, { id: "nrt-1", hours: 3, catalog, now });
  assert.ok(!("error" in near));
  assert.equal(near.alertCount, 2);
  assert.equal(near.instants, 0);

  // A one-second rule over a week is refused before reading anything.
  const fast = validateRule(
    (await Deno.readTextFile(RULE)).replace("queryFrequency: 5m", "queryFrequency: 1s"),
  );
  assert.ok(fast.rule, JSON.stringify(fast.problems));
  const refused = await dryRunRule(nc, fast.rule, { id: "bf", hours: 168, catalog, now });
  assert.ok("error" in refused);
  assert.equal(refused.error.code, "too_many_instants");

  // Past the event budget: a clear error.
  const budget = await dryRunRule(nc, validation.rule, {
    id: "bf",
    hours: 3,
    catalog,
    now,
    limits: { maxEvents: 10 },
  });
  assert.ok("error" in budget);
  assert.equal(budget.error.code, "too_many_events");
});
