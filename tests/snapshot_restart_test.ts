/**
 * The history store across a SIGKILL of `siem start` (external nats-server, same data folder on restart): the
 * restarted process loads the Parquet snapshots, replays only the stream's tail after them, and every ingested
 * event is queryable exactly once.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { startSiemProcess } from "./harness/siem_process.ts";
import { startTestNats, waitFor } from "./harness/nats.ts";

async function ingest(
  siem: { api: (p: string, i?: RequestInit) => Promise<Response> },
  from: number,
  n: number,
) {
  const now = Date.now();
  const rows = Array.from({ length: n }, (_, i) => ({
    TimeGenerated: new Date(now - (i % 3) * 86_400_000).toISOString(), // three day partitions
    EventID: 4624,
    TargetUserName: `user${from + i}`,
  }));
  const res = await siem.api("/api/v1/ingest/SecurityEvent", {
    method: "POST",
    body: rows.map((r) => JSON.stringify(r)).join("\n"),
  });
  assert.equal((await res.json()).accepted, n);
}

async function counts(siem: { api: (p: string, i?: RequestInit) => Promise<Response>; stderr(): string }) {
  const res = await siem.api("/api/v1/query", {
    method: "POST",
    body: JSON.stringify({ query: "SecurityEvent | summarize n = count(), users = dcount(TargetUserName)" }),
  });
  const body = await res.json();
  assert.equal(res.status, 200, JSON.stringify(body) + siem.stderr());
  return { n: body.rows[0][0] as number, users: body.rows[0][1] as number };
}

Deno.test("after a SIGKILL the history store reloads its snapshots, replays only the tail, and doubles nothing", async () => {
  await using nats = await startTestNats();
  const dataDir = await Deno.makeTempDir({ prefix: "siem-snapshot-kill-" });
  const env = {
    NATS_URL: nats.url,
    NATS_USER: nats.user,
    NATS_PASSWORD: nats.password,
    SIEM_SYSLOG_PORT: "off",
    SIEM_SNAPSHOT_INTERVAL: "1s",
  };
  try {
    let siem = await startSiemProcess({ env, dataDir, timeoutMs: 90_000 });
    try {
      for (let b = 0; b < 5; b++) await ingest(siem, b * 100, 100);
      assert.deepEqual(await counts(siem), { n: 500, users: 500 });
      // Wait for a snapshot that covers all of it.
      const manifestPath = join(dataDir, "snapshots", "manifest.json");
      assert.ok(
        await waitFor(async () => {
          const m = await Deno.readTextFile(manifestPath).then(JSON.parse).catch(() => undefined);
          // The ASim rows normalized from these logons have partitions of their own; count SecurityEvent's.
          return (m?.partitions ?? []).filter((p: { table: string }) => p.table === "SecurityEvent")
            .reduce((s: number, p: { rows: number }) => s + p.rows, 0) === 500;
        }, 20_000),
        "no snapshot of the 500 events",
      );
      // These only the stream holds when the process dies.
      await ingest(siem, 500, 50);
      await siem.kill("SIGKILL");
    } finally {
      await siem[Symbol.asyncDispose]();
    }

    siem = await startSiemProcess({ env, dataDir, timeoutMs: 90_000 });
    try {
      assert.deepEqual(await counts(siem), { n: 550, users: 550 });
      const loaded = siem.stderr().split("\n").filter((l) => l.includes('"Snapshots loaded"')).map((l) =>
        JSON.parse(l)
      );
      assert.equal(loaded.length, 1, siem.stderr());
      // SecurityEvent's three days, and those of ASimAuthenticationEventLogs when their snapshot was written too.
      assert.ok(loaded[0].partitions >= 3, JSON.stringify(loaded[0]));
      // Replay starts after what the snapshots hold (the ingest requests before the kill were messages 1-5 or
      // more), not at the start of the stream.
      assert.ok(loaded[0].replayFrom > 1, JSON.stringify(loaded[0]));
      await ingest(siem, 550, 10);
      assert.deepEqual(await counts(siem), { n: 560, users: 560 });
    } finally {
      await siem[Symbol.asyncDispose]();
    }
  } finally {
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
});
