/**
 * Fault injection: the external nats-server stops in the middle of an HTTP ingest load and comes back on the same
 * port with the same store. While it is down ingest answers 503 (nothing acknowledged, the client retries) and
 * readiness says not ready; the SIEM reconnects by itself; every acknowledged row is in SIEM_EVENTS exactly once
 * and the detection worker picks up again: one alert per failed logon, no alert id twice.
 *
 * CI: one restart with 2 s down; `SIEM_LONG_TESTS=1`: three restarts with 5 s down each.
 */
import assert from "node:assert/strict";
import { jetstreamManager } from "@nats-io/jetstream";
import { startSiemProcess } from "./harness/siem_process.ts";
import { startTestNats, type TestNats, waitFor } from "./harness/nats.ts";
import { alertMessages, eventRows } from "./harness/events.ts";
import {
  checkAlerts,
  compareStored,
  FAILED_LOGON_RULE,
  logonRow,
  startIngestLoad,
} from "./harness/ingest_load.ts";

const LONG = Deno.env.get("SIEM_LONG_TESTS") === "1";

Deno.test("a nats-server restart mid-load: 503 while down, recovery by itself, no acknowledged event lost", async () => {
  const dir = await Deno.makeTempDir({ prefix: "siem-fault-nats-" });
  const rulesDir = await Deno.makeTempDir({ prefix: "siem-fault-nats-rules-" });
  await Deno.writeTextFile(`${rulesDir}/failed.yaml`, FAILED_LOGON_RULE);
  let nats: TestNats = await startTestNats({ dir });
  const port = Number(new URL(nats.url.replace("nats://", "http://")).port);
  const password = nats.password;
  try {
    await using siem = await startSiemProcess({
      env: {
        NATS_URL: nats.url,
        NATS_USER: nats.user,
        NATS_PASSWORD: password,
        SIEM_SYSLOG_PORT: "off",
        SIEM_RULES_DIR: rulesDir,
      },
    });
    const load = startIngestLoad({
      url: () => siem.httpUrl,
      token: siem.token,
      table: "SecurityEvent",
      clients: 4,
      batch: 25,
      row: logonRow,
    });
    const restarts = LONG ? 3 : 1;
    const downMs = LONG ? 5000 : 2000;
    for (let k = 0; k < restarts; k++) {
      await new Promise((r) => setTimeout(r, LONG ? 8000 : 2500));
      await nats[Symbol.asyncDispose]();
      await new Promise((r) => setTimeout(r, downMs / 2));
      // Answers to requests NATS acknowledged just before it stopped may still be on their way; after that, none.
      const acked = load.ackedCount();
      // Down: readiness says so, and ingest refuses with 503 rather than accepting what it cannot store.
      const ready = await fetch(`${siem.httpUrl}/readyz`);
      assert.equal(ready.status, 503, await ready.text());
      const refused = await siem.api("/api/v1/ingest/SecurityEvent", {
        method: "POST",
        body: JSON.stringify(logonRow("probe", 1)),
      });
      assert.equal(refused.status, 503, await refused.text());
      await new Promise((r) => setTimeout(r, downMs / 2));
      assert.ok(load.ackedCount() === acked, "rows were acknowledged while NATS was down");
      nats = await startTestNats({ dir, port, password });
      assert.ok(
        await waitFor(async () => {
          const res = await fetch(`${siem.httpUrl}/readyz`);
          await res.body?.cancel();
          return res.status === 200;
        }, 20_000),
        "the SIEM did not become ready again",
      );
    }
    await new Promise((r) => setTimeout(r, 2500));
    const report = await load.finish();
    console.log(
      `fault_nats_restart: ${report.acked.size} rows acknowledged in ${report.requests} requests, ` +
        `${report.rowsPerSecond} rows/s, ${restarts} restart(s), errors seen: ${
          JSON.stringify(report.errors)
        }`,
    );
    assert.deepEqual(report.unacked, []);
    assert.ok((report.errors["503"] ?? 0) > 0, JSON.stringify(report.errors));

    const jsm = await jetstreamManager(await nats.connect());
    const rows = await eventRows(jsm, "SecurityEvent");
    const { lost, twice } = compareStored(rows, report.acked, "Activity");
    assert.deepEqual(lost.slice(0, 10), [], `${lost.length} acknowledged rows are not in SIEM_EVENTS`);
    assert.deepEqual(twice.slice(0, 10), [], `${twice.length} rows stored more than once`);

    const failed = new Set(rows.filter((r) => r.EventID === 4625).map((r) => String(r.Activity)));
    assert.ok(
      await waitFor(async () => (await alertMessages(jsm)).length >= failed.size, 30_000),
      `expected ${failed.size} alerts, got ${(await alertMessages(jsm)).length}; SIEM log: ${
        siem.stderr().split("\n").filter((l) => /"level":"(warn|error)"/.test(l)).slice(-5).join("\n")
      }`,
    );
    await new Promise((r) => setTimeout(r, 1000));
    const check = checkAlerts(await alertMessages(jsm), failed, "Activity");
    assert.deepEqual(check.duplicateIds, []);
    assert.deepEqual(check.missing, []);
    assert.deepEqual(check.repeated, []);
    assert.equal(check.badMsgIds, 0);
  } finally {
    await nats[Symbol.asyncDispose]();
    await Deno.remove(dir, { recursive: true }).catch(() => {});
    await Deno.remove(rulesDir, { recursive: true }).catch(() => {});
  }
});
