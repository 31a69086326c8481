/**
 * The history store's pure rules: partitions by table and UTC day, the snapshot manifest and what each file
 * covers, the ledger that decides which partitions to write and which stream tail to replay after a restart,
 * retention, and when to flush a batch into DuckDB. The adapter (DuckDB tables, Parquet files, the stream
 * consumer) is runtime/snapshotter.ts.
 *
 * @example
 * ```ts
 * import { partitionDay, SnapshotLedger } from "./mod.ts";
 *
 * const ledger = new SnapshotLedger();
 * const key = { table: "Syslog", day: partitionDay(Date.UTC(2026, 10, 27) * 1000) };
 * ledger.applied(key, 1);
 * ledger.beginRound(1); // [key]: write it
 * ledger.taken(key);
 * ledger.written({ ...key, sequence: 1, file: "Syslog/2026-11-27.1.parquet", rows: 1, bytes: 100 });
 * ledger.manifest(1, new Date().toISOString()).manifest.base; // 1
 * ledger.needsReplay(1, key); // false: the file holds it
 * ```
 *
 * @module
 */
export {
  dayStartMicros,
  isPartitionableTable,
  parsePartitionFile,
  partitionDay,
  partitionFile,
  partitionId,
  type PartitionKey,
} from "./partition.ts";
export {
  emptyManifest,
  manifestFromFiles,
  type ManifestPartition,
  parseManifest,
  type SnapshotManifest,
} from "./manifest.ts";
export { SnapshotLedger } from "./snapshot_ledger.ts";
export { expiredPartitions, isExpiredDay } from "./retention.ts";
export { type BatchLimits, DEFAULT_BATCH_LIMITS, shouldFlush } from "./batch_policy.ts";
