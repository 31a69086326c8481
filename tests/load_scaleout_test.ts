/**
 * Scale-out under load: three detection processes (the SIEM and two `--roles detect` workers) share the built-in
 * rule pack while a seeded traffic mix with bursts and attacks arrives; together they must raise exactly the alerts
 * of the batch oracle (what one process raises: tests/detection_oracle_test.ts), each once, and each worker reads
 * only the tables of its own rules. With event shards, the events of every rule whose plan merges exactly are split
 * among the three, and the alerts must still be the oracle's.
 */
import assert from "node:assert/strict";
import { analyzeQuery } from "../query/mod.ts";
import { runLoad } from "../bench/load/run_load.ts";
import { scaledBuiltinRules } from "../bench/load/scaled_rules.ts";

Deno.test("three detection processes under load raise exactly the batch oracle's alerts, each once", async () => {
  const report = await runLoad({
    seconds: Number(Deno.env.get("LOAD_SECONDS") ?? 6),
    rate: 300,
    clients: 3,
    frequencySeconds: 2,
    periodSeconds: 20,
    latenessSeconds: 10,
    detectWorkers: 3,
  });
  assert.equal(report.failedRequests, 0);
  assert.equal(report.storedEvents, report.acknowledgedEvents);
  assert.equal(report.duplicateAlertIds, 0);
  assert.deepEqual(report.missingAlerts, []);
  assert.deepEqual(report.unexpectedAlerts, []);
  assert.ok(report.expectedAlerts > 0, "the traffic's attacks must raise alerts");
  assert.equal(report.attacksAlerted, report.attacks);
  const workers = report.detectWorkers;
  assert.equal(workers.length, 3);
  assert.ok(
    workers.filter((w) => w.ownedRules > 0).length >= 2,
    `rules not shared: ${JSON.stringify(workers)}`,
  );
  // The pack reads many tables; a worker reads only those of its own rules, so they do not all read them all.
  const packTables = new Set(
    (await scaledBuiltinRules(2, 20)).flatMap((
      r,
    ) => [...(analyzeQuery(r.rule.query).bound?.info.sources ?? [])]),
  );
  assert.ok(packTables.size >= 5, [...packTables].join(", "));
  for (const w of workers) {
    assert.ok(w.followedTables < packTables.size, JSON.stringify({ workers, packTables }));
  }
  assert.ok(workers.reduce((n, w) => n + w.followedTables, 0) >= packTables.size);
});

Deno.test("three detection processes with event shards split each rule's events and still raise exactly the batch oracle's alerts", async () => {
  const report = await runLoad({
    seconds: Number(Deno.env.get("LOAD_SECONDS") ?? 6),
    rate: 300,
    clients: 3,
    frequencySeconds: 2,
    periodSeconds: 20,
    latenessSeconds: 10,
    detectWorkers: 3,
    detectShards: 4,
  });
  const workers = report.detectWorkers;
  console.log(`event shards: ${JSON.stringify(workers)}`);
  assert.equal(report.failedRequests, 0);
  assert.equal(report.storedEvents, report.acknowledgedEvents);
  assert.equal(report.duplicateAlertIds, 0);
  assert.deepEqual(report.missingAlerts, []);
  assert.deepEqual(report.unexpectedAlerts, []);
  assert.ok(report.expectedAlerts > 0, "the traffic's attacks must raise alerts");
  assert.equal(report.attacksAlerted, report.attacks);
  // Every shard has one worker, and the shards are spread: each rule's events are computed by several processes.
  assert.equal(workers.reduce((n, w) => n + w.shards, 0), 4, JSON.stringify(workers));
  assert.ok(workers.filter((w) => w.shards > 0).length >= 2, JSON.stringify(workers));
  // Every scheduled rule of the pack merges exactly, so all eight are split by shard.
  assert.ok(workers.every((w) => w.shardedRules === 8), JSON.stringify(workers));
});
