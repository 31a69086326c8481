import assert from "node:assert/strict";
import type { AppendOptions, DeadLetter, EventBatch, EventSink } from "../http/event_sink.ts";
import { asimSink } from "./asim_sink.ts";

/** An in-memory event log that records each call. */
class RecordingSink implements EventSink {
  readonly appends: { batches: readonly EventBatch[]; options: AppendOptions }[] = [];
  readonly letters: DeadLetter[] = [];
  append(batches: readonly EventBatch[], options: AppendOptions): Promise<void> {
    this.appends.push({ batches, options });
    return Promise.resolve();
  }
  deadLetter(entries: readonly DeadLetter[]): Promise<void> {
    this.letters.push(...entries);
    return Promise.resolve();
  }
}

const T = "2024-01-01T00:00:00.000Z";

Deno.test("asimSink appends the ASim rows in the same call as their source rows", async () => {
  const log = new RecordingSink();
  await asimSink(log).append([
    {
      table: "SecurityEvent",
      rows: [{ TimeGenerated: T, EventID: 4625 }, { TimeGenerated: T, EventID: 4688 }],
    },
    { table: "SigninLogs", rows: [{ TimeGenerated: T, ResultType: "0" }] },
    { table: "Syslog", rows: [{ TimeGenerated: T, SyslogMessage: "hi" }] },
  ], { source: "ingest", idempotencyKey: "k1" });
  assert.equal(log.appends.length, 1);
  const { batches, options } = log.appends[0];
  assert.deepEqual(options, { source: "ingest", idempotencyKey: "k1" });
  assert.deepEqual(batches.map((b) => [b.table, b.rows.length]), [
    ["SecurityEvent", 2],
    ["SigninLogs", 1],
    ["Syslog", 1],
    ["ASimAuthenticationEventLogs", 2],
    ["ASimProcessEventLogs", 1],
  ]);
});

Deno.test("asimSink passes batches without a normalizer and dead letters through unchanged", async () => {
  const log = new RecordingSink();
  const sink = asimSink(log);
  const batches = [{ table: "Syslog", rows: [{ TimeGenerated: T }] }];
  await sink.append(batches, { source: "syslog" });
  assert.equal(log.appends[0].batches, batches);
  await sink.deadLetter([{ source: "cef", index: 0, reason: "Bad", raw: "x" }], { source: "cef" });
  assert.deepEqual(log.letters.map((l) => l.reason), ["Bad"]);
});
