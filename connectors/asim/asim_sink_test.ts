import assert from "node:assert/strict";
import type { AppendOptions, DeadLetter, EventBatch, EventSink } from "../http/event_sink.ts";
import { batchesOf } from "../http/ingest_routes.ts";
import { CONNECTORS } from "../registry.ts";
import { asimBatches, asimSink } from "./asim_sink.ts";

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

Deno.test("asimBatches carries each ASim row's JSON text, equal to JSON.stringify of the row", () => {
  const receivedAt = new Date("2024-03-01T12:00:00Z");
  const batches: EventBatch[] = [];
  for (const connector of CONNECTORS) {
    const folder = new URL(`../${connector.name.replace("-", "_")}/testdata/`, import.meta.url);
    let files: Deno.DirEntry[];
    try {
      files = [...Deno.readDirSync(folder)];
    } catch {
      continue; // a connector without fixtures
    }
    for (const file of files) {
      const records = connector.parse(Deno.readFileSync(new URL(file.name, folder)), { receivedAt }).records;
      batches.push(...batchesOf(records));
    }
  }
  // Odd values: text that needs escaping, numbers given as text, a group change with a DN member.
  batches.push({
    table: "SecurityEvent",
    rows: [
      {
        TimeGenerated: T,
        EventID: 4625,
        TargetAccount: 'CONTOSO\\"bob"\n',
        IpPort: "-0",
        Activity: "\ud800 x",
      },
      { TimeGenerated: T, EventID: 4732, MemberName: "CN=eve,DC=contoso", TargetAccount: "BUILTIN\\Admins" },
      { TimeGenerated: T, EventID: 4688, NewProcessName: "C:\\x.exe", CommandLine: "x \u0001 \u2028" },
    ],
  });
  const derived = asimBatches(batches);
  assert.ok(derived.length >= 3);
  for (const batch of derived) {
    assert.ok(batch.json, batch.table);
    assert.equal(batch.json.length, batch.rows.length);
    batch.rows.forEach((row, i) => assert.equal(batch.json![i], JSON.stringify(row), batch.table));
  }
});
