/**
 * Fault injection: the SIEM process is SIGKILLed in the middle of an HTTP ingest load (its NATS is external, so
 * the event log survives) and started again on the same port. Every row a client got a 200 for is in SIEM_EVENTS
 * exactly once, the clients saw errors (refused connections) rather than silent loss while it was down, and an
 * NRT rule raised exactly one alert per matching event: none lost, no alert id twice on SIEM_ALERTS.
 *
 * CI runs one kill in a few seconds of load; `SIEM_LONG_TESTS=1` runs 45 s of load with a kill every 10 s.
 */
import assert from "node:assert/strict";
import { jetstreamManager } from "@nats-io/jetstream";
import { type SiemProcess, startSiemProcess } from "./harness/siem_process.ts";
import { freePort, startTestNats, waitFor } from "./harness/nats.ts";
import { alertMessages, eventRows } from "./harness/events.ts";
import { startIngestLoad } from "./harness/ingest_load.ts";

const LONG = Deno.env.get("SIEM_LONG_TESTS") === "1";

/** One alert per failed logon, whatever batch it arrives in. */
const RULE = `id: 7a7a7a7a-0001-4000-8000-00000000f001
name: Failed logon (fault test)
description: Every failed logon.
severity: Low
kind: NRT
query: |
  SecurityEvent
  | where EventID == 4625
  | project TimeGenerated, TargetAccount, Activity
eventGroupingSettings:
  aggregationKind: AlertPerResult
version: 1
`;

Deno.test("SIGKILL of the SIEM mid-load loses no acknowledged event and no alert, and repeats none", async () => {
  await using nats = await startTestNats();
  const dataDir = await Deno.makeTempDir({ prefix: "siem-fault-kill-" });
  const rulesDir = await Deno.makeTempDir({ prefix: "siem-fault-kill-rules-" });
  await Deno.writeTextFile(`${rulesDir}/failed.yaml`, RULE);
  const env = {
    NATS_URL: nats.url,
    NATS_USER: nats.user,
    NATS_PASSWORD: nats.password,
    SIEM_HTTP_PORT: String(freePort()),
    SIEM_SYSLOG_PORT: "off",
    SIEM_RULES_DIR: rulesDir,
  };
  let siem: SiemProcess | undefined = await startSiemProcess({ env, dataDir });
  const url = siem.httpUrl;
  try {
    const load = startIngestLoad({
      url: () => url,
      token: siem.token,
      table: "SecurityEvent",
      clients: 4,
      batch: 25,
      // Every 50th row is a failed logon: the rule's oracle is simply "one alert per such row".
      row: (id, n) => ({
        TimeGenerated: new Date().toISOString(),
        EventID: n % 50 === 0 ? 4625 : 4624,
        TargetAccount: `CONTOSO\\user${n % 997}`,
        Activity: id,
      }),
    });
    const kills = LONG ? 4 : 1;
    let ackedBeforeKill = 0;
    for (let k = 0; k < kills; k++) {
      await new Promise((r) => setTimeout(r, LONG ? 10_000 : 2500));
      ackedBeforeKill = load.ackedCount();
      const errorsBefore = load.errorCount();
      await siem.kill("SIGKILL");
      await siem[Symbol.asyncDispose]();
      await new Promise((r) => setTimeout(r, 500));
      assert.ok(load.errorCount() > errorsBefore, "no client saw an error while the SIEM was down");
      siem = await startSiemProcess({ env, dataDir });
    }
    await new Promise((r) => setTimeout(r, LONG ? 5000 : 2500));
    const report = await load.finish();
    console.log(
      `fault_siem_kill: ${report.acked.size} rows acknowledged in ${report.requests} requests, ` +
        `${report.rowsPerSecond} rows/s, ${kills} kill(s), errors seen: ${JSON.stringify(report.errors)}`,
    );
    assert.ok(ackedBeforeKill > 0 && report.acked.size > ackedBeforeKill, "load did not progress");
    assert.deepEqual(report.unacked, [], "some batches were never acknowledged after the restart");
    assert.ok((report.errors.connection ?? 0) > 0, JSON.stringify(report.errors));

    const jsm = await jetstreamManager(await nats.connect());
    const stored = new Map<string, number>();
    for (const row of await eventRows(jsm, "SecurityEvent")) {
      stored.set(String(row.Activity), (stored.get(String(row.Activity)) ?? 0) + 1);
    }
    const lost = [...report.acked].filter((id) => !stored.has(id));
    assert.deepEqual(lost.slice(0, 10), [], `${lost.length} acknowledged rows are not in SIEM_EVENTS`);
    const twice = [...stored].filter(([, n]) => n > 1);
    assert.deepEqual(twice.slice(0, 10), [], `${twice.length} rows stored more than once`);

    // The oracle: one alert per failed logon that was stored.
    const failed = new Set(
      (await eventRows(jsm, "SecurityEvent")).filter((r) => r.EventID === 4625).map((r) =>
        String(r.Activity)
      ),
    );
    const alertedActivities = async () => {
      const alerts = await alertMessages(jsm);
      return alerts.map((a) => {
        const results = (a.ExtendedProperties as { Results: Array<{ Activity: string }> }).Results;
        return { id: a.SystemAlertId, msgId: a._msgId, activity: results[0].Activity };
      });
    };
    assert.ok(
      await waitFor(async () => (await alertedActivities()).length >= failed.size, 30_000),
      `expected ${failed.size} alerts, got ${(await alertedActivities()).length}`,
    );
    await new Promise((r) => setTimeout(r, 1000)); // anything more that was going to arrive
    const alerts = await alertedActivities();
    const ids = alerts.map((a) => a.id);
    assert.equal(new Set(ids).size, ids.length, "duplicate SystemAlertId on SIEM_ALERTS");
    assert.ok(alerts.every((a) => a.msgId === a.id));
    const perActivity = new Map<string, number>();
    for (const a of alerts) perActivity.set(a.activity, (perActivity.get(a.activity) ?? 0) + 1);
    const missing = [...failed].filter((a) => !perActivity.has(a));
    const repeated = [...perActivity].filter(([, n]) => n > 1);
    assert.deepEqual(missing, [], "failed logons without an alert");
    assert.deepEqual(repeated, [], "failed logons alerted twice (under different ids)");
    assert.equal(alerts.length, failed.size);
  } finally {
    await siem?.[Symbol.asyncDispose]();
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
    await Deno.remove(rulesDir, { recursive: true }).catch(() => {});
  }
});
