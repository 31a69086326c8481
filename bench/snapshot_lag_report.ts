/**
 * Ingest-to-queryable lag of the history store: events are ingested one at a time over HTTP
 * (`POST /api/v1/ingest/SecurityEvent`, answered after the JetStream acknowledgment), and the query API is polled
 * (`POST /api/v1/query`) until the event's row is there. The lag is the time from the ingest acknowledgment to the
 * answer that shows the row; p50 and p99 over the events, plus the ingest acknowledgment itself for scale.
 *
 * The SIEM runs as its own process (`siem start`), as in production.
 *
 *     deno run -A bench/snapshot_lag_report.ts [events=300]
 */
import { startSiemProcess } from "../tests/harness/siem_process.ts";

const EVENTS = Number(Deno.args[0] ?? 300);
const POLL_MS = 10;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

await using siem = await startSiemProcess({
  env: { SIEM_SYSLOG_PORT: "off", SIEM_LOG_LEVEL: "warn" },
  timeoutMs: 120_000,
});
const query = async (text: string) => {
  const res = await siem.api("/api/v1/query", { method: "POST", body: JSON.stringify({ query: text }) });
  const body = await res.json();
  if (res.status !== 200) throw new Error(`Query failed: ${JSON.stringify(body)}`);
  return body.rows as unknown[][];
};
// The first query waits for the history store to start (DuckDB compiled, snapshots loaded).
await query("SecurityEvent | count");

const run = crypto.randomUUID().slice(0, 8);
const ackMs: number[] = [];
const lagMs: number[] = [];
for (let i = 0; i < EVENTS; i++) {
  const user = `lag-${run}-${i}`;
  const sent = performance.now();
  const res = await siem.api("/api/v1/ingest/SecurityEvent", {
    method: "POST",
    body: JSON.stringify({ TimeGenerated: new Date().toISOString(), EventID: 4624, TargetUserName: user }),
  });
  await res.body?.cancel();
  const acked = performance.now();
  ackMs.push(acked - sent);
  while (true) {
    const rows = await query(`SecurityEvent | where TargetUserName == "${user}" | count`);
    if (rows[0][0] === 1) break;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  lagMs.push(performance.now() - acked);
}

const fmt = (v: number) => `${v.toFixed(1)} ms`;
console.log(`events: ${EVENTS}`);
console.log(`ingest ack:              p50 ${fmt(percentile(ackMs, 50))}  p99 ${fmt(percentile(ackMs, 99))}`);
console.log(
  `ack -> queryable (lag):  p50 ${fmt(percentile(lagMs, 50))}  p99 ${fmt(percentile(lagMs, 99))}  max ${
    fmt(Math.max(...lagMs))
  }`,
);
// Result lines for `deno task bench` (bench/run_all.ts): absolute figures, no baseline.
for (
  const [name, value] of [
    ["ingest acknowledgment p50", percentile(ackMs, 50)],
    ["ingest acknowledgment p99", percentile(ackMs, 99)],
    ["acknowledgment to queryable p50", percentile(lagMs, 50)],
    ["acknowledgment to queryable p99", percentile(lagMs, 99)],
  ] as const
) {
  console.log(`BENCH ${JSON.stringify({ group: "ingest-to-queryable", name, value, unit: "ms" })}`);
}
