/**
 * Ingest end to end: NDJSON batches over HTTP to `/api/v1/ingest/SecurityEvent`, answered after the JetStream
 * acknowledgment, against the baseline of the same batches JSON-parsed and published straight to JetStream by one
 * client (the least any ingest path must do). Target: ingest throughput at least 0.6 of the baseline.
 *
 * The SIEM runs as its own process (`siem start`), as in production; both paths write the same stream of the
 * same server. Each iteration sends one batch of 1,000 events (about 420 KB). Measuring starts once the server
 * is fully up (its history store answers a query: it compiles DuckDB for seconds after the server listens), and
 * both cases get the same warm-up and the same number of timed batches, so that what is compared is the
 * steady throughput of a running server rather than its first batches through not yet optimized code.
 *
 *     deno bench -A bench/ingest_bench.ts
 */
import { jetstream } from "@nats-io/jetstream";
import { headers } from "@nats-io/nats-core";
import { connectNats } from "../runtime/nats/connect.ts";
import { eventSubject } from "../runtime/nats/topology.ts";
import { startSiemProcess } from "../tests/harness/siem_process.ts";
import { securityEvents } from "./fixtures/ingest_events.ts";

const BATCH = 1000;
const BATCHES = 16;
const batches = Array.from({ length: BATCHES }, (_, i) => securityEvents(BATCH, { seed: i + 1 }));
const bodies = batches.map((events) => events.map((e) => JSON.stringify(e)).join("\n"));
const bytes = bodies.reduce((n, b) => n + b.length, 0) / BATCHES;

const siem = await startSiemProcess({ env: { SIEM_SYSLOG_PORT: "off", SIEM_LOG_LEVEL: "warn" } });
const password = (await Deno.readTextFile(`${siem.dataDir}/nats-password`)).trim();
const nc = await connectNats([siem.natsUrl], { user: "siem", password });
const js = jetstream(nc);
// The first query waits for the history store to start (DuckDB compiled, snapshots loaded).
const ready = await siem.api("/api/v1/query", {
  method: "POST",
  body: JSON.stringify({ query: "SecurityEvent | count" }),
});
if (ready.status !== 200) throw new Error(`query answered ${ready.status}: ${await ready.text()}`);
await ready.body?.cancel();
/** The same for both cases: a few seconds each at the throughput of this machine. */
const WARMUP = 20;
const TIMED = 40;
globalThis.addEventListener("unload", () => {
  // Best effort: the bench runner exits right after; the supervisor stops nats-server when we are gone anyway.
  void nc.close();
  void siem.kill("SIGTERM");
});

let n = 0;
Deno.bench({
  name: `baseline: JSON.parse + publish to JetStream (${BATCH} events, ${Math.round(bytes / 1024)} KiB)`,
  group: "ingest",
  baseline: true,
  warmup: WARMUP,
  n: TIMED,
  async fn() {
    const body = bodies[n++ % BATCHES];
    const rows = body.split("\n").map((line) => JSON.parse(line));
    // The same message layout the server uses (NDJSON, ~256 KiB per message), acknowledged before returning.
    const half = rows.length / 2;
    await Promise.all([rows.slice(0, half), rows.slice(half)].map((part) => {
      const h = headers();
      h.set("Siem-Rows", String(part.length));
      return js.publish(eventSubject("SecurityEvent"), part.map((r) => JSON.stringify(r)).join("\n"), {
        headers: h,
      });
    }));
  },
});

let m = 0;
Deno.bench({
  name: `siem: POST /api/v1/ingest/SecurityEvent NDJSON (${BATCH} events)`,
  group: "ingest",
  warmup: WARMUP,
  n: TIMED,
  async fn() {
    const res = await siem.api("/api/v1/ingest/SecurityEvent", {
      method: "POST",
      body: bodies[m++ % BATCHES],
    });
    if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
    await res.body?.cancel();
  },
});
