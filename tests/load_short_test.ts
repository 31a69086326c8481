/**
 * The short CI version of the load test (bench/load.ts runs the long one): the built-in rule pack on a scaled
 * clock, a seeded traffic mix with bursts and attacks from concurrent clients, then: every acknowledged event is
 * stored and queryable, no alert id is stored twice, and the alerts equal the batch oracle's.
 */
import assert from "node:assert/strict";
import { runLoad } from "../bench/load/run_load.ts";

Deno.test("under load every acknowledged event is kept and the alerts equal the batch oracle's", async () => {
  const report = await runLoad({
    seconds: Number(Deno.env.get("LOAD_SECONDS") ?? 8),
    rate: 500,
    clients: 4,
    frequencySeconds: 2,
    periodSeconds: 20,
    latenessSeconds: 10,
  });
  assert.equal(report.failedRequests, 0);
  for (const [table, counts] of Object.entries(report.perTable)) {
    assert.equal(counts.stored, counts.acknowledged, `${table}: stored events differ from acknowledged ones`);
  }
  assert.equal(report.queryableEvents, report.storedEvents);
  assert.equal(report.duplicateAlertIds, 0);
  assert.deepEqual(report.missingAlerts, []);
  assert.deepEqual(report.unexpectedAlerts, []);
  assert.ok(report.expectedAlerts > 0, "the traffic's attacks must raise alerts");
  assert.equal(report.attacksAlerted, report.attacks);
});
