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
import {
  checkAlerts,
  compareStored,
  FAILED_LOGON_RULE,
  logonRow,
  startIngestLoad,
} from "./harness/ingest_load.ts";

const LONG = Deno.env.get("SIEM_LONG_TESTS") === "1";

Deno.test("SIGKILL of the SIEM mid-load loses no acknowledged event and no alert, and repeats none", async () => {
  await using nats = await startTestNats();
  const dataDir = await Deno.makeTempDir({ prefix: "siem-fault-kill-" });
  const rulesDir = await Deno.makeTempDir({ prefix: "siem-fault-kill-rules-" });
  await Deno.writeTextFile(`${rulesDir}/failed.yaml`, FAILED_LOGON_RULE);
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
      row: logonRow,
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
    assert.ok(
      ackedBeforeKill > 0 && report.acked.size > ackedBeforeKill,
      `load did not progress: ${JSON.stringify(report.errorSamples)}; SIEM log: ${
        siem.stderr().slice(-2000)
      }`,
    );
    assert.deepEqual(report.unacked, [], "some batches were never acknowledged after the restart");
    assert.ok((report.errors.connection ?? 0) > 0, JSON.stringify(report.errors));

    const jsm = await jetstreamManager(await nats.connect());
    const { lost, twice } = compareStored(await eventRows(jsm, "SecurityEvent"), report.acked, "Activity");
    assert.deepEqual(lost.slice(0, 10), [], `${lost.length} acknowledged rows are not in SIEM_EVENTS`);
    assert.deepEqual(twice.slice(0, 10), [], `${twice.length} rows stored more than once`);

    // The oracle: one alert per failed logon that was stored.
    const failed = new Set(
      (await eventRows(jsm, "SecurityEvent")).filter((r) => r.EventID === 4625).map((r) =>
        String(r.Activity)
      ),
    );
    assert.ok(
      await waitFor(async () => (await alertMessages(jsm)).length >= failed.size, 30_000),
      `expected ${failed.size} alerts, got ${(await alertMessages(jsm)).length}`,
    );
    await new Promise((r) => setTimeout(r, 1000)); // anything more that was going to arrive
    const check = checkAlerts(await alertMessages(jsm), failed, "Activity");
    assert.deepEqual(check.duplicateIds, [], "duplicate SystemAlertId on SIEM_ALERTS");
    assert.equal(check.badMsgIds, 0);
    assert.deepEqual(check.missing, [], "failed logons without an alert");
    assert.deepEqual(check.repeated, [], "failed logons alerted twice (under different ids)");
    assert.equal(check.total, failed.size);
  } finally {
    await siem?.[Symbol.asyncDispose]();
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
    await Deno.remove(rulesDir, { recursive: true }).catch(() => {});
  }
});
