/**
 * The snapshotter against a real nats-server and real DuckDB-WASM: events become rows, custom tables grow
 * columns, snapshots are written and loaded back with only the stream's tail replayed, retention drops old days,
 * and an unwritable snapshot folder does not stop the live tables.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { Catalog, type TableSchema } from "../query/symbols/mod.ts";
import { ensureTopology } from "../runtime/nats/topology.ts";
import { natsEventSink } from "../runtime/nats/event_publisher.ts";
import { createLogger } from "../runtime/log.ts";
import { type Snapshotter, startSnapshotter } from "../runtime/snapshotter.ts";
import { startTestNats, waitFor } from "./harness/nats.ts";

const DAY_MS = 86_400_000;

async function setup() {
  const nats = await startTestNats();
  const nc = await nats.connect();
  await ensureTopology(nc, { retentionMs: 30 * DAY_MS, replicas: 1 });
  const dir = await Deno.makeTempDir({ prefix: "siem-test-snapshots-" });
  const logs: string[] = [];
  const custom = new Map<string, TableSchema>();
  const start = (overrides: { clock?: () => number; retentionMs?: number } = {}) =>
    startSnapshotter({
      nc,
      catalog: () => Catalog.builtin().withTables([...custom.values()]).catalog,
      customTable: (name) => Promise.resolve(custom.get(name)),
      logger: createLogger("debug", { sink: (l) => logs.push(l) }),
      dir,
      retentionMs: overrides.retentionMs ?? 7 * DAY_MS,
      snapshotIntervalMs: 3_600_000,
      clock: overrides.clock,
    });
  const sink = natsEventSink(nc);
  const publish = (table: string, rows: Record<string, unknown>[]) =>
    sink.append([{ table, rows: rows as never }], { source: "test" });
  return {
    nats,
    dir,
    logs,
    custom,
    start,
    publish,
    async [Symbol.asyncDispose]() {
      await nats[Symbol.asyncDispose]();
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    },
  };
}

function rows(s: Snapshotter, sql: string): Record<string, unknown>[] {
  const conn = s.db.connect();
  try {
    return conn.query(sql).toArray().map((r) => r.toJSON());
  } finally {
    conn.close();
  }
}

const hasRows = (s: Snapshotter, table: string) => {
  try {
    return count(s, table) > 0;
  } catch {
    return false; // the table is created with its first rows
  }
};

const count = (s: Snapshotter, table: string) => Number(rows(s, `select count(*) as n from "${table}"`)[0].n);

Deno.test("snapshotter: events become typed rows, and a restart loads the snapshots and replays only the tail", async () => {
  await using env = await setup();
  const now = new Date().toISOString();
  // A day earlier than today (a partition of its own), well inside the 7-day retention whatever the date.
  const yesterday = new Date(Date.now() - DAY_MS).toISOString().slice(0, 10);
  await env.publish("SecurityEvent", [
    { TimeGenerated: now, EventID: 4625, TargetUserName: "alice", Computer: "ws1" },
    { TimeGenerated: `${yesterday}T10:00:00.123456Z`, EventID: 4624, TargetUserName: "bob" },
    { EventID: 4688, TargetUserName: "carol" }, // no time of its own: the time it was stored
  ]);
  let s = await env.start();
  assert.ok(await s.sync(10_000));
  assert.equal(count(s, "SecurityEvent"), 3);
  const typed = rows(
    s,
    `select EventID, typeof(EventID) as t, epoch_us(TimeGenerated) as us from "SecurityEvent" where TargetUserName = 'bob'`,
  );
  assert.deepEqual(typed[0], {
    EventID: 4624,
    t: "INTEGER",
    us: BigInt(Date.parse(`${yesterday}T10:00:00.123Z`) * 1000 + 456),
  });
  assert.equal(rows(s, `select count(*) as n from "SecurityEvent" where TimeGenerated is null`)[0].n, 0n);

  await s.snapshot();
  const manifest = JSON.parse(await Deno.readTextFile(join(env.dir, "manifest.json")));
  assert.ok(manifest.partitions.length >= 2, JSON.stringify(manifest));
  assert.ok(manifest.partitions.every((p: { file: string }) => p.file.startsWith("SecurityEvent/")));
  // After the snapshot, more events arrive that only the stream holds.
  await env.publish("SecurityEvent", [{ TimeGenerated: now, EventID: 4625, TargetUserName: "dave" }]);
  assert.ok(await s.sync(10_000));
  const appliedBefore = s.status().appliedSequence;
  await s.stop();

  s = await env.start();
  try {
    assert.ok(await s.sync(10_000));
    assert.equal(s.status().partitionsLoaded, manifest.partitions.length);
    // The stop wrote a last snapshot, so nothing is replayed from before it.
    assert.equal(s.status().replayedFrom, appliedBefore + 1);
    assert.equal(count(s, "SecurityEvent"), 4);
    assert.deepEqual(
      rows(s, `select TargetUserName from "SecurityEvent" order by TargetUserName`).map((r) =>
        r.TargetUserName
      ),
      ["alice", "bob", "carol", "dave"],
    );
  } finally {
    await s.stop();
  }
});

Deno.test("snapshotter: a custom table that grows a column gets it with ALTER TABLE", async () => {
  await using env = await setup();
  env.custom.set("App_CL", {
    name: "App_CL",
    columns: [{ name: "TimeGenerated", type: "datetime" }, { name: "user", type: "string" }],
  });
  const s = await env.start();
  try {
    const now = new Date().toISOString();
    await env.publish("App_CL", [{ TimeGenerated: now, user: "a" }]);
    // Queryable by itself, without asking the snapshotter to catch up (a generous deadline: the target is 2 s).
    assert.ok(await waitFor(() => hasRows(s, "App_CL"), 10_000));
    env.custom.set("App_CL", {
      name: "App_CL",
      columns: [{ name: "TimeGenerated", type: "datetime" }, { name: "user", type: "string" }, {
        name: "n",
        type: "long",
      }],
    });
    await env.publish("App_CL", [{ TimeGenerated: now, user: "b", n: 7 }]);
    assert.ok(await s.sync(10_000));
    assert.deepEqual(rows(s, `select user, n from "App_CL" order by user`), [{ user: "a", n: null }, {
      user: "b",
      n: 7n,
    }]);
  } finally {
    await s.stop();
  }
});

Deno.test("snapshotter: retention deletes old days from DuckDB and disk; an unwritable folder does not stop ingestion", async () => {
  await using env = await setup();
  const today = Date.now();
  await env.publish("Syslog", [
    { TimeGenerated: new Date(today).toISOString(), SyslogMessage: "new" },
    { TimeGenerated: new Date(today - 3 * DAY_MS).toISOString(), SyslogMessage: "old" },
  ]);
  let clock = today;
  const s = await env.start({ clock: () => clock, retentionMs: 5 * DAY_MS });
  try {
    assert.ok(await s.sync(10_000));
    await s.snapshot();
    const files = async () =>
      (await Array.fromAsync(Deno.readDir(join(env.dir, "Syslog")))).map((e) => e.name);
    assert.equal((await files()).length, 2);
    // Three days later the old day is past the 5 day retention.
    clock = today + 3 * DAY_MS;
    await s.snapshot();
    assert.deepEqual(rows(s, `select SyslogMessage from "Syslog"`), [{ SyslogMessage: "new" }]);
    assert.equal((await files()).length, 1);

    // The table's folder becomes unusable (a file in its place; root ignores permission bits): rounds fail and
    // log, events still arrive in DuckDB.
    const folder = join(env.dir, "Syslog");
    await Deno.rename(folder, `${folder}.moved`);
    await Deno.writeTextFile(folder, "not a folder");
    try {
      await env.publish("Syslog", [{ TimeGenerated: new Date(clock).toISOString(), SyslogMessage: "later" }]);
      assert.ok(await s.sync(10_000));
      await s.snapshot();
      assert.ok(s.status().snapshotFailures > 0);
      assert.ok(env.logs.some((l) => l.includes("Cannot write a snapshot")), env.logs.join("\n"));
      assert.equal(count(s, "Syslog"), 2);
    } finally {
      await Deno.remove(folder);
      await Deno.rename(`${folder}.moved`, folder);
    }
    // Writable again: the next round catches up.
    await s.snapshot();
    const manifest = JSON.parse(await Deno.readTextFile(join(env.dir, "manifest.json")));
    assert.deepEqual(manifest.partitions.map((p: { rows: number }) => p.rows), [1, 1]);
    assert.equal((await files()).length, 2);
  } finally {
    await s.stop();
  }
});
