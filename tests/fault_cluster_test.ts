/**
 * Fault injection on a 3-node nats-server cluster on loopback: the SIEM connects with NATS_URL listing all three
 * nodes and keeps every stream and bucket at three replicas (SIEM_STREAM_REPLICAS=3). One node is SIGKILLed
 * during an HTTP ingest load and started again: no acknowledged row is lost or stored twice, and the NRT rule
 * raises exactly one alert per failed logon with no alert id twice.
 *
 * CI: one node killed for 3 s; `SIEM_LONG_TESTS=1`: every node in turn, 8 s each.
 */
import assert from "node:assert/strict";
import { jetstreamManager } from "@nats-io/jetstream";
import { startSiemProcess } from "./harness/siem_process.ts";
import { startTestCluster, waitFor } from "./harness/nats.ts";
import { alertMessages, eventRows } from "./harness/events.ts";
import {
  checkAlerts,
  compareStored,
  FAILED_LOGON_RULE,
  logonRow,
  startIngestLoad,
} from "./harness/ingest_load.ts";
import { TOPOLOGY } from "../runtime/nats/topology.ts";

const LONG = Deno.env.get("SIEM_LONG_TESTS") === "1";

Deno.test("a node of a 3-node cluster killed and restarted mid-load: nothing acknowledged is lost", async () => {
  await using cluster = await startTestCluster({ size: 3 });
  const rulesDir = await Deno.makeTempDir({ prefix: "siem-fault-cluster-rules-" });
  await Deno.writeTextFile(`${rulesDir}/failed.yaml`, FAILED_LOGON_RULE);
  try {
    await using siem = await startSiemProcess({
      env: {
        NATS_URL: cluster.urls.join(","),
        NATS_USER: cluster.user,
        NATS_PASSWORD: cluster.password,
        SIEM_STREAM_REPLICAS: "3",
        SIEM_SYSLOG_PORT: "off",
        SIEM_RULES_DIR: rulesDir,
      },
      timeoutMs: 60_000,
    });
    const nc = await cluster.connect();
    const jsm = await jetstreamManager(nc);
    const events = await jsm.streams.info(TOPOLOGY.events.stream);
    assert.equal(events.config.num_replicas, 3);
    assert.equal(events.cluster?.replicas?.length, 2, JSON.stringify(events.cluster));

    const load = startIngestLoad({
      url: () => siem.httpUrl,
      token: siem.token,
      table: "SecurityEvent",
      clients: 4,
      batch: 25,
      row: logonRow,
    });
    const victims = LONG ? [0, 1, 2] : [0];
    for (const i of victims) {
      await new Promise((r) => setTimeout(r, LONG ? 6000 : 2500));
      await cluster.stopNode(i, "SIGKILL");
      const acked = load.ackedCount();
      // Two of three replicas are a quorum: ingest goes on (after a leader election if the leader died; on a
      // loaded machine that can take seconds, hence a wait rather than a fixed pause).
      assert.ok(
        await waitFor(() => load.ackedCount() > acked + 100, 30_000),
        "no row was acknowledged while one node was down",
      );
      await new Promise((r) => setTimeout(r, LONG ? 5000 : 500));
      await cluster.startNode(i);
    }
    await new Promise((r) => setTimeout(r, 2500));
    const report = await load.finish(30_000);
    console.log(
      `fault_cluster: ${report.acked.size} rows acknowledged in ${report.requests} requests, ` +
        `${report.rowsPerSecond} rows/s, ${victims.length} node kill(s), errors seen: ${
          JSON.stringify(report.errors)
        }`,
    );
    assert.deepEqual(report.unacked, []);

    const rows = await eventRows(jsm, "SecurityEvent");
    const { lost, twice } = compareStored(rows, report.acked, "Activity");
    assert.deepEqual(lost.slice(0, 10), [], `${lost.length} acknowledged rows are not in SIEM_EVENTS`);
    assert.deepEqual(twice.slice(0, 10), [], `${twice.length} rows stored more than once`);

    const failed = new Set(rows.filter((r) => r.EventID === 4625).map((r) => String(r.Activity)));
    assert.ok(
      await waitFor(async () => (await alertMessages(jsm)).length >= failed.size, 30_000),
      `expected ${failed.size} alerts, got ${(await alertMessages(jsm)).length}`,
    );
    await new Promise((r) => setTimeout(r, 1000));
    const check = checkAlerts(await alertMessages(jsm), failed, "Activity");
    assert.deepEqual(check.duplicateIds, []);
    assert.deepEqual(check.missing, []);
    assert.deepEqual(check.repeated, []);
    assert.equal(check.badMsgIds, 0);

    // The restarted node caught up: all three replicas current again.
    assert.ok(
      await waitFor(async () => {
        const info = await jsm.streams.info(TOPOLOGY.events.stream);
        return (info.cluster?.replicas ?? []).length === 2 &&
          info.cluster!.replicas!.every((r) => r.current);
      }, 20_000),
      "the restarted node did not catch up",
    );
  } finally {
    await Deno.remove(rulesDir, { recursive: true }).catch(() => {});
  }
});
