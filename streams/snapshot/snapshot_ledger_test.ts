import assert from "node:assert/strict";
import { emptyManifest, type SnapshotManifest } from "./manifest.ts";
import { partitionFile, partitionId, type PartitionKey } from "./partition.ts";
import { SnapshotLedger } from "./snapshot_ledger.ts";

const A = { table: "Syslog", day: "2026-11-26" };
const B = { table: "Syslog", day: "2026-11-27" };

Deno.test("SnapshotLedger: a clean partition's coverage moves forward without a new file", () => {
  const ledger = new SnapshotLedger();
  ledger.applied(A, 1);
  assert.deepEqual(ledger.beginRound(1), [A]);
  ledger.taken(A);
  ledger.written({ ...A, sequence: 1, file: partitionFile(A, 1), rows: 1, bytes: 10 });
  ledger.applied(B, 2);
  // Only B is dirty; A's file is still all of A at sequence 2.
  assert.deepEqual(ledger.beginRound(2), [B]);
  assert.equal(ledger.coverage(A), 2);
  assert.equal(ledger.needsReplay(2, A), false);
});

Deno.test("SnapshotLedger: a failed first write keeps base below the partition's first row", () => {
  const ledger = new SnapshotLedger();
  ledger.applied(A, 3);
  ledger.beginRound(5);
  ledger.taken(A);
  ledger.failed(A);
  const { manifest } = ledger.manifest(5, "t");
  assert.equal(manifest.base, 2);
  assert.deepEqual(manifest.partitions, []);
  assert.equal(new SnapshotLedger(manifest).replayStart(), 3);
});

Deno.test("SnapshotLedger: a replaced file is obsolete only once the manifest that drops it is written", () => {
  const ledger = new SnapshotLedger();
  ledger.applied(A, 1);
  ledger.beginRound(1);
  ledger.taken(A);
  ledger.written({ ...A, sequence: 1, file: partitionFile(A, 1), rows: 1, bytes: 10 });
  assert.deepEqual(ledger.manifest(1, "t").obsolete, []);
  ledger.applied(A, 2);
  ledger.beginRound(2);
  ledger.taken(A);
  ledger.written({ ...A, sequence: 2, file: partitionFile(A, 2), rows: 2, bytes: 20 });
  const first = ledger.manifest(2, "t");
  assert.deepEqual(first.obsolete, [partitionFile(A, 1)]);
  ledger.keepObsolete(first.obsolete); // the manifest write failed
  assert.deepEqual(ledger.manifest(2, "t").obsolete, [partitionFile(A, 1)]);
});

Deno.test("SnapshotLedger: a recreated stream makes every message new", () => {
  const ledger = new SnapshotLedger({
    ...emptyManifest("old"),
    base: 50,
    partitions: [{ ...A, sequence: 50, file: partitionFile(A, 50), rows: 5, bytes: 1 }],
  });
  ledger.rebase("new");
  assert.equal(ledger.replayStart(), 1);
  assert.equal(ledger.needsReplay(1, A), true);
  assert.equal(ledger.streamCreated, "new");
});

/** A seeded PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6D2B79F5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS: PartitionKey[] = ["Syslog", "SecurityEvent"].flatMap((table) =>
  ["2026-11-25", "2026-11-26", "2026-11-27"].map((day) => ({ table, day }))
);

/**
 * Model of the snapshotter: a stream of messages with rows in partitions, DuckDB as lists of row ids, files on
 * disk, a manifest on disk, random write failures and crashes at any step. After every restart the store must
 * hold every row of the stream exactly once.
 */
function simulate(seed: number): void {
  const rnd = random(seed);
  const stream: { key: PartitionKey; id: string }[][] = [];
  const files = new Map<string, string[]>();
  let manifestOnDisk: SnapshotManifest = emptyManifest("s1");
  let ledger!: SnapshotLedger;
  let duck = new Map<string, string[]>();
  let applied = 0;

  const apply = (seq: number, onlyMissing: boolean) => {
    for (const row of stream[seq - 1]) {
      if (onlyMissing && !ledger.needsReplay(seq, row.key)) continue;
      const id = partitionId(row.key);
      duck.set(id, [...duck.get(id) ?? [], row.id]);
      ledger.applied(row.key, seq);
    }
    applied = seq;
  };
  const restart = () => {
    ledger = new SnapshotLedger(manifestOnDisk);
    duck = new Map();
    for (const entry of ledger.files()) duck.set(partitionId(entry), [...files.get(entry.file)!]);
    for (let seq = ledger.replayStart(); seq <= stream.length; seq++) apply(seq, true);
    applied = stream.length;
    const seen = [...duck.values()].flat().sort();
    const expected = stream.flat().map((r) => r.id).sort();
    assert.deepEqual(seen, expected, `seed ${seed}: rows after restart`);
  };
  const publish = () => {
    const rows = Array.from({ length: 1 + Math.floor(rnd() * 3) }, (_, i) => ({
      key: KEYS[Math.floor(rnd() * KEYS.length)],
      id: `${stream.length + 1}:${i}`,
    }));
    stream.push(rows);
    apply(stream.length, false);
  };
  /** A snapshot round; returns false when the process "crashed" in the middle. */
  const round = (): boolean => {
    for (const key of ledger.beginRound(applied)) {
      if (rnd() < 0.3) publish(); // ingestion goes on between partition writes
      const rows = [...duck.get(partitionId(key)) ?? []];
      ledger.taken(key);
      const sequence = applied;
      if (rnd() < 0.1) return false;
      if (rnd() < 0.2) {
        ledger.failed(key);
        continue;
      }
      const file = partitionFile(key, sequence);
      files.set(file, rows);
      ledger.written({ ...key, sequence, file, rows: rows.length, bytes: 1 });
    }
    const { manifest, obsolete } = ledger.manifest(applied, "t");
    if (rnd() < 0.1) return false;
    if (rnd() < 0.1) {
      ledger.keepObsolete(obsolete);
      return true;
    }
    manifestOnDisk = manifest;
    if (rnd() < 0.1) return false;
    for (const f of obsolete) files.delete(f);
    return true;
  };

  restart();
  for (let step = 0; step < 300; step++) {
    const r = rnd();
    if (r < 0.6) publish();
    else if (r < 0.9) {
      if (!round()) restart();
    } else restart();
  }
  restart();
  // Every file the manifest names exists (obsolete ones were deleted only after it stopped naming them).
  for (const entry of manifestOnDisk.partitions) {
    assert.ok(files.has(entry.file), `seed ${seed}: ${entry.file}`);
  }
}

Deno.test("SnapshotLedger: restarts after crashes and failed writes at any step lose and repeat no row", () => {
  const seeds = Number(Deno.env.get("SIEM_SNAPSHOT_SEEDS") ?? 60);
  for (let seed = 1; seed <= seeds; seed++) simulate(seed);
});
