import assert from "node:assert/strict";
import { dayStartMicros, parsePartitionFile, partitionDay, partitionFile } from "./partition.ts";
import { emptyManifest, manifestFromFiles, parseManifest } from "./manifest.ts";
import { expiredPartitions, isExpiredDay } from "./retention.ts";
import { shouldFlush } from "./batch_policy.ts";

Deno.test("partitionDay and dayStartMicros agree at day edges, before 1970 and in year 9999", () => {
  for (
    const iso of [
      "1969-12-31T23:59:59.999Z",
      "1970-01-01T00:00:00Z",
      "2026-11-27T23:59:59.999Z",
      "9999-12-31T23:00:00Z",
    ]
  ) {
    const micros = Date.parse(iso) * 1000;
    const day = partitionDay(micros);
    assert.equal(day, iso.slice(0, 10));
    const start = dayStartMicros(day)!;
    assert.ok(start <= micros && micros < start + 86_400_000_000, iso);
  }
  assert.equal(dayStartMicros("2026-02-30"), undefined);
  assert.equal(dayStartMicros("../etc"), undefined);
});

Deno.test("parsePartitionFile reads back partitionFile and refuses paths that could escape the folder", () => {
  const key = { table: "App_CL", day: "2026-11-27" };
  assert.deepEqual(parsePartitionFile(partitionFile(key, 7)), { ...key, sequence: 7 });
  for (
    const bad of [
      "../x/2026-11-27.1.parquet",
      "A/2026-11-27.1.parquet.tmp",
      "A/B/2026-11-27.1.parquet",
      "A/2026-13-01.1.parquet",
    ]
  ) {
    assert.equal(parsePartitionFile(bad), undefined, bad);
  }
});

Deno.test("parseManifest round-trips and reports what is wrong instead of throwing", () => {
  const manifest = {
    ...emptyManifest("2026-11-27T00:00:00Z"),
    base: 9,
    partitions: [{
      table: "Syslog",
      day: "2026-11-27",
      sequence: 9,
      file: "Syslog/2026-11-27.9.parquet",
      rows: 3,
      bytes: 99,
    }],
    updated: "2026-11-27T01:00:00Z",
  };
  assert.deepEqual(parseManifest(JSON.stringify(manifest)), { manifest });
  assert.match((parseManifest("{") as { error: string }).error, /^Cannot read snapshot manifest: /);
  const tampered = { ...manifest, partitions: [{ ...manifest.partitions[0], file: "../../etc/passwd" }] };
  assert.deepEqual(parseManifest(JSON.stringify(tampered)), {
    error: "Cannot read snapshot manifest: partition 0 is malformed",
  });
});

Deno.test("manifestFromFiles keeps the newest file of each partition", () => {
  const m = manifestFromFiles([
    { path: "Syslog/2026-11-27.5.parquet", bytes: 1 },
    { path: "Syslog/2026-11-27.9.parquet", bytes: 2 },
    { path: "Syslog/2026-11-26.3.parquet", bytes: 3 },
    { path: "Syslog/2026-11-26.4.parquet.tmp-1", bytes: 4 },
  ]);
  assert.deepEqual(m.partitions.map((p) => p.file).sort(), [
    "Syslog/2026-11-26.3.parquet",
    "Syslog/2026-11-27.9.parquet",
  ]);
  assert.equal(m.base, 0);
});

Deno.test("retention drops a day only when all of it is older than the retention", () => {
  const now = Date.parse("2026-11-27T12:00:00Z") * 1000;
  const retention = 7 * 86_400_000_000;
  assert.equal(isExpiredDay("2026-11-19", { now, retention }), true);
  assert.equal(isExpiredDay("2026-11-20", { now, retention }), false);
  assert.equal(isExpiredDay("garbage", { now, retention }), false);
  assert.deepEqual(
    expiredPartitions([{ table: "T", day: "2026-11-01" }, { table: "T", day: "2026-11-27" }], {
      now,
      retention,
    }),
    [{ table: "T", day: "2026-11-01" }],
  );
});

Deno.test("shouldFlush: caught up, full, or waited long enough", () => {
  const limits = { maxRows: 100, maxDelayMs: 250 };
  assert.equal(shouldFlush({ rows: 0, oldestAt: 0, pending: 0, now: 0 }, limits), false);
  assert.equal(shouldFlush({ rows: 1, oldestAt: 0, pending: 0, now: 0 }, limits), true);
  assert.equal(shouldFlush({ rows: 99, oldestAt: 0, pending: 5, now: 100 }, limits), false);
  assert.equal(shouldFlush({ rows: 100, oldestAt: 0, pending: 5, now: 100 }, limits), true);
  assert.equal(shouldFlush({ rows: 1, oldestAt: 0, pending: 5, now: 250 }, limits), true);
});

Deno.test("parseManifest accepts a coverage beyond the file's own sequence, not below it", () => {
  const entry = {
    table: "Syslog",
    day: "2026-11-27",
    sequence: 9,
    file: "Syslog/2026-11-27.4.parquet",
    rows: 1,
    bytes: 1,
  };
  const manifest = { ...emptyManifest("x"), base: 9, partitions: [entry] };
  assert.deepEqual(parseManifest(JSON.stringify(manifest)), { manifest });
  const below = { ...manifest, partitions: [{ ...entry, sequence: 3 }] };
  assert.ok("error" in parseManifest(JSON.stringify(below)));
});
