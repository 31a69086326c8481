import assert from "node:assert/strict";
import { startTestNats, waitFor } from "../../tests/harness/nats.ts";
import { INGEST_STATS_SUBJECT, IngestStats, type IngestStatsMessage } from "./ingest_stats.ts";

Deno.test("IngestStats sums counts per table and publishes at most once per interval", async () => {
  await using nats = await startTestNats();
  const nc = await nats.connect();
  const received: IngestStatsMessage[] = [];
  const sub = nc.subscribe(INGEST_STATS_SUBJECT, { callback: (_e, m) => void received.push(m.json()) });
  await nc.flush();

  const stats = new IngestStats(nc, { intervalMs: 60_000 });
  stats.addRows("SecurityEvent", 3); // the first count goes out at once: nothing was sent before
  stats.addRows("SecurityEvent", 2);
  stats.addRows("Syslog", 1);
  stats.addDeadLetters(4);
  stats.flush();
  stats.flush(); // nothing new: no message
  await nc.flush();
  assert.ok(await waitFor(() => received.length >= 2));
  assert.deepEqual(received, [
    { rows: { SecurityEvent: 3 }, deadLetters: 0 },
    { rows: { SecurityEvent: 2, Syslog: 1 }, deadLetters: 4 },
  ]);

  const timed = new IngestStats(nc, { intervalMs: 50 });
  const stop = timed.startTimer();
  timed.addRows("SigninLogs", 1);
  timed.addRows("SigninLogs", 6); // held back until the timer fires
  assert.ok(await waitFor(() => received.length === 4, 2000));
  assert.deepEqual(received[3], { rows: { SigninLogs: 6 }, deadLetters: 0 });
  stop();
  sub.unsubscribe();
});
