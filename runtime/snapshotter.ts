/**
 * The snapshotter: follows `SIEM_EVENTS` and keeps every table's rows in DuckDB-WASM for hunting, with Parquet
 * snapshots on disk so a restart does not read the whole stream again.
 *
 * - Rows are decoded with the catalog's types (custom `*_CL` tables included: a table that grows a column gets
 *   it with ALTER TABLE) and appended in batches (streams/snapshot/batch_policy.ts): as soon as the consumer has
 *   caught up, or every 250 ms while it catches up, so an ingested event is queryable well within 2 seconds.
 *   Alerts and incidents reach SIEM_EVENTS as `SecurityAlert` and `SecurityIncident` rows (published by the
 *   detection worker and the incident store), so they become tables the same way.
 * - Every `SIEM_SNAPSHOT_INTERVAL`, each partition (table x UTC day) changed since its last snapshot is written to
 *   `$SIEM_DATA_DIR/snapshots/Table/YYYY-MM-DD.SEQ.parquet`, then `manifest.json` records which file holds each
 *   partition up to which stream sequence (see streams/snapshot/manifest.ts). On start the files are loaded and
 *   only the stream's tail is replayed; a row already in a file is skipped, so nothing is lost or doubled.
 * - Retention: partitions whose day is past `SIEM_RETENTION` are deleted from DuckDB and from disk.
 * - Disk errors (folder not writable, disk full) are logged and retried at the next round, sooner after a
 *   failure; ingestion into the live tables goes on, and the stream still holds what the files lack.
 *
 * The consumer is an ordered (ephemeral) consumer started at the manifest's replay point: the position that
 * matters after a crash is what the snapshot files hold, not what a durable consumer acknowledged.
 */
import type { NatsConnection } from "@nats-io/nats-core";
import { DeliverPolicy, jetstream, jetstreamManager } from "@nats-io/jetstream";
import { Catalog, type ColumnSchema, type TableSchema } from "../query/symbols/mod.ts";
import { rowDecoder, type Value } from "../query/values/mod.ts";
import {
  type BatchLimits,
  DEFAULT_BATCH_LIMITS,
  expiredPartitions,
  isExpiredDay,
  isPartitionableTable,
  partitionDay,
  partitionFile,
  partitionId,
  type PartitionKey,
  shouldFlush,
  SnapshotLedger,
} from "../streams/snapshot/mod.ts";
import { type DuckDb, type DuckDbConnection, openDuckDb } from "./duckdb/open_duckdb.ts";
import type { Logger } from "./log.ts";
import { decodeEventRows } from "./nats/event_publisher.ts";
import { TOPOLOGY } from "./nats/topology.ts";
import { Kvm } from "@nats-io/kv";
import { EventTables } from "./snapshot/event_tables.ts";
import { ParquetFiles } from "./snapshot/parquet_files.ts";

const SUBJECT_PREFIX = "siem.events.";
/** How soon a round is retried after a disk error (or the interval, when shorter). */
const RETRY_AFTER_FAILURE_MS = 30_000;

/** What the snapshotter needs. */
export interface SnapshotterOptions {
  readonly nc: NatsConnection;
  /** The current catalog (built-in plus custom tables known to this node). */
  readonly catalog: () => Catalog;
  /**
   * A custom table's schema read fresh from its store (it may be newer than the catalog's copy); default: a
   * direct read of the KV bucket `siem_tables`.
   */
  readonly customTable?: (name: string) => Promise<TableSchema | undefined>;
  readonly logger: Logger;
  /** The snapshots folder (`$SIEM_DATA_DIR/snapshots`). */
  readonly dir: string;
  readonly retentionMs: number;
  readonly snapshotIntervalMs: number;
  readonly batch?: BatchLimits;
  /** Wall clock in milliseconds (tests pin it). */
  readonly clock?: () => number;
}

/** Counters, for logs and tests. */
export interface SnapshotterStatus {
  /** Last stream sequence whose rows are all in DuckDB. */
  readonly appliedSequence: number;
  readonly rowsApplied: number;
  readonly rowsSkipped: number;
  readonly snapshotsWritten: number;
  readonly snapshotFailures: number;
  readonly partitionsLoaded: number;
  readonly replayedFrom: number;
}

/** A running snapshotter. */
export interface Snapshotter {
  /** The database holding the event tables. */
  readonly db: DuckDb;
  /**
   * The connection hunting queries share (statements run synchronously, so they never interleave), which keeps
   * the query UDFs registered once instead of once per query.
   */
  readonly reader: DuckDbConnection;
  /** Create empty tables for these schemas when missing (a query may name a table no event reached yet). */
  ensureTables(schemas: readonly TableSchema[]): void;
  /**
   * Wait until every event stored in the stream before this call is in the tables.
   *
   * @param timeoutMs the longest wait
   * @returns false when the time ran out first
   */
  sync(timeoutMs?: number): Promise<boolean>;
  /** Run a snapshot round now (rounds never overlap). */
  snapshot(): Promise<void>;
  status(): SnapshotterStatus;
  /** Stop following the stream, write a last snapshot, close the database. */
  stop(): Promise<void>;
}

interface TableBuffer {
  columns: readonly ColumnSchema[];
  rows: Value[][];
}

/**
 * Start the snapshotter: load the snapshots, replay the stream's tail, then follow the stream.
 *
 * @param options connection, catalog, folder, intervals
 * @returns the running snapshotter
 */
export async function startSnapshotter(options: SnapshotterOptions): Promise<Snapshotter> {
  const log = options.logger;
  const clock = options.clock ?? Date.now;
  const limits = options.batch ?? DEFAULT_BATCH_LIMITS;
  const retention = options.retentionMs * 1000;
  const files = new ParquetFiles(options.dir);
  const db = await openDuckDb();
  const writer = db.connect();
  const reader = db.connect();
  const tables = new EventTables(writer);
  const jsm = await jetstreamManager(options.nc);
  const stream = await jsm.streams.info(TOPOLOGY.events.stream);
  const counters = {
    rowsApplied: 0,
    rowsSkipped: 0,
    snapshotsWritten: 0,
    snapshotFailures: 0,
    partitionsLoaded: 0,
  };

  // 1. The manifest, and the stream it refers to.
  let read: Awaited<ReturnType<ParquetFiles["readManifest"]>>;
  try {
    read = await files.readManifest();
  } catch (error) {
    log.error("Cannot read the snapshots folder; starting from the stream alone", { dir: files.dir, error });
  }
  if (read?.problem) log.warn("Snapshot manifest rebuilt from the snapshot files", { reason: read.problem });
  const ledger = new SnapshotLedger(
    read ? { ...read.manifest, streamCreated: read.manifest.streamCreated || stream.created } : undefined,
  );
  if (!read) ledger.rebase(stream.created);
  const newest = Math.max(0, ...ledger.files().map((f) => f.sequence));
  if (read && (ledger.streamCreated !== stream.created || newest > stream.state.last_seq)) {
    log.warn("SIEM_EVENTS was recreated since the last snapshot: every message in it is new", {
      snapshotStream: ledger.streamCreated,
      stream: stream.created,
    });
    ledger.rebase(stream.created);
  }
  if (read && !read.problem) {
    await files.removeUnlisted(read.manifest).catch((error) =>
      log.warn("Cannot remove left-over snapshot files", { error })
    );
  }

  // 2. Schemas: the catalog's, or the custom table's from its store.
  const builtin = Catalog.builtin();
  const customTable = options.customTable ?? await kvTableReader(options.nc);
  const schemaOf = async (table: string, fresh: boolean): Promise<TableSchema | undefined> => {
    const known = options.catalog().get(table);
    if (known && !fresh) return known;
    return (await customTable(table).catch(() => undefined)) ?? known;
  };

  // 3. Load the snapshot files.
  const loadStarted = clock();
  for (const entry of ledger.files()) {
    if (isExpiredDay(entry.day, { now: clock() * 1000, retention })) {
      ledger.drop(entry);
      continue;
    }
    const schema = await schemaOf(entry.table, false);
    try {
      if (!schema) throw new Error(`Table '${entry.table}' is not in the catalog`);
      tables.importPartition(schema, await files.readPartition(entry.file));
      counters.partitionsLoaded++;
    } catch (error) {
      log.error("Cannot load a snapshot file; its partition is read from the stream again", {
        file: entry.file,
        error,
      });
      await files.setAside(entry.file);
      ledger.lost(entry);
    }
  }
  const replayedFrom = Math.max(1, ledger.replayStart());
  log.info("Snapshots loaded", {
    partitions: counters.partitionsLoaded,
    ms: clock() - loadStarted,
    replayFrom: replayedFrom,
    streamLast: stream.state.last_seq,
  });

  // 4. Follow the stream.
  let applied = replayedFrom - 1;
  let buffered = 0;
  let bufferedUpTo = applied;
  let oldestAt = 0;
  let buffers = new Map<string, TableBuffer>();
  /** Lowest sequence per partition touched by the buffered rows. */
  let touched = new Map<string, { key: PartitionKey; sequence: number }>();
  const waiters: { sequence: number; resolve: (ok: boolean) => void }[] = [];
  const decoders = new Map<
    string,
    { columns: readonly ColumnSchema[]; decode: (r: Record<string, unknown>) => Value[] }
  >();
  const warned = new Set<string>();
  const dayNames = new Map<number, string>();
  const dayOf = (micros: number) => {
    const n = Math.floor(micros / 86_400_000_000);
    let day = dayNames.get(n);
    if (day === undefined) {
      day = partitionDay(micros);
      if (dayNames.size > 10_000) dayNames.clear();
      dayNames.set(n, day);
    }
    return day;
  };

  const flush = () => {
    for (const [table, buffer] of buffers) {
      try {
        tables.append(table, buffer.rows);
        counters.rowsApplied += buffer.rows.length;
      } catch (error) {
        log.error("Cannot append rows to the history table", { table, rows: buffer.rows.length, error });
      }
    }
    for (const t of touched.values()) ledger.applied(t.key, t.sequence);
    buffers = new Map();
    touched = new Map();
    buffered = 0;
    applied = bufferedUpTo;
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (waiters[i].sequence <= applied) waiters.splice(i, 1)[0].resolve(true);
    }
  };

  const decoderFor = async (table: string, rows: Record<string, unknown>[]) => {
    let d = decoders.get(table);
    const custom = !builtin.get(table);
    if (d && custom) {
      // A custom table grows a column when a record brings a new field; the store has the new schema first.
      const names = new Set(d.columns.map((c) => c.name));
      if (rows.some((r) => Object.keys(r).some((k) => !names.has(k)))) d = undefined;
    }
    if (d) return d;
    const schema = await schemaOf(table, custom);
    if (!schema || !isPartitionableTable(table)) return undefined;
    if (!schema.columns.some((c) => c.name === "TimeGenerated" && c.type === "datetime")) return undefined;
    const columns = [...tables.ensure(schema)];
    d = { columns, decode: rowDecoder(columns) };
    decoders.set(table, d);
    return d;
  };

  const ingest = async (seq: number, subject: string, data: Uint8Array, storedMicros: number) => {
    const table = subject.startsWith(SUBJECT_PREFIX) ? subject.slice(SUBJECT_PREFIX.length) : "";
    const raw = decodeEventRows(data);
    const d = raw.length > 0 ? await decoderFor(table, raw) : undefined;
    if (!d) {
      if (raw.length > 0 && !warned.has(table)) {
        warned.add(table);
        log.warn("Events of a table without a known schema are not kept for hunting", { table });
      }
      counters.rowsSkipped += raw.length;
      return;
    }
    const timeIndex = d.columns.findIndex((c) => c.name === "TimeGenerated");
    const now = clock() * 1000;
    let buffer = buffers.get(table);
    for (const r of raw) {
      const row = d.decode(r);
      // As in Log Analytics, a row without a time of its own gets the time it was stored.
      if (typeof row[timeIndex] !== "number") row[timeIndex] = storedMicros;
      const key = { table, day: dayOf(row[timeIndex] as number) };
      if (!ledger.needsReplay(seq, key) || isExpiredDay(key.day, { now, retention })) {
        counters.rowsSkipped++;
        continue;
      }
      if (!buffer || buffer.columns !== d.columns) {
        // The table just grew a column: first append the narrower rows of earlier messages (all of them, so
        // that DuckDB holds exactly the messages up to a sequence, as the snapshots assume).
        if (buffer) flush();
        buffer = { columns: d.columns, rows: [] };
        buffers.set(table, buffer);
      }
      buffer.rows.push(row);
      buffered++;
      const id = partitionId(key);
      if (!touched.has(id)) touched.set(id, { key, sequence: seq });
    }
  };
  const js = jetstream(options.nc);
  const consumer = await js.consumers.get(TOPOLOGY.events.stream, {
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: replayedFrom,
  });
  const messages = await consumer.consume();
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  const following = (async () => {
    for await (const m of messages) {
      try {
        if (buffered === 0) oldestAt = clock();
        await ingest(m.seq, m.subject, m.data, Math.floor(Number(m.info.timestampNanos) / 1000));
      } catch (error) {
        log.error("Cannot read an event message for hunting", { sequence: m.seq, error });
      }
      bufferedUpTo = m.seq;
      clearTimeout(flushTimer);
      if (shouldFlush({ rows: buffered, oldestAt, pending: m.info.pending, now: clock() }, limits)) flush();
      else if (buffered === 0) flush();
      else flushTimer = setTimeout(flush, limits.maxDelayMs);
    }
  })().catch((error) => log.error("Stopped following SIEM_EVENTS", { error }));

  // 5. Snapshot rounds.
  let round: Promise<void> = Promise.resolve();
  const snapshotRound = async () => {
    const nowMicros = clock() * 1000;
    for (const key of expiredPartitions(ledger.partitions(), { now: nowMicros, retention })) {
      try {
        tables.deletePartition(key);
      } catch (error) {
        log.error("Cannot delete an expired partition", { partition: partitionId(key), error });
      }
      ledger.drop(key);
    }
    let failures = 0;
    for (const key of ledger.beginRound(applied)) {
      if (!tables.columns(key.table)) {
        ledger.drop(key);
        continue;
      }
      // Read synchronously: exactly the rows applied up to `sequence`.
      const { ipc, rows } = tables.exportPartition(key);
      const sequence = applied;
      ledger.taken(key);
      if (rows === 0) {
        ledger.drop(key);
        continue;
      }
      const file = partitionFile(key, sequence);
      try {
        const bytes = await files.writePartition(file, ipc);
        ledger.written({ ...key, sequence, file, rows, bytes });
        counters.snapshotsWritten++;
      } catch (error) {
        ledger.failed(key);
        failures++;
        counters.snapshotFailures++;
        log.warn("Cannot write a snapshot; retrying later", { file, error });
      }
    }
    const { manifest, obsolete } = ledger.manifest(applied, new Date(clock()).toISOString());
    try {
      await files.writeManifest(manifest);
    } catch (error) {
      ledger.keepObsolete(obsolete);
      counters.snapshotFailures++;
      log.warn("Cannot write the snapshot manifest; retrying later", { dir: files.dir, error });
      return false;
    }
    for (const f of obsolete) {
      await files.remove(f).catch(() => ledger.keepObsolete([f]));
    }
    return failures === 0;
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const runRound = (): Promise<void> => {
    round = round.then(async () => {
      let ok = false;
      try {
        ok = await snapshotRound();
      } catch (error) {
        log.error("Snapshot round failed", { error });
      }
      if (!stopped) {
        schedule(
          ok ? options.snapshotIntervalMs : Math.min(options.snapshotIntervalMs, RETRY_AFTER_FAILURE_MS),
        );
      }
    });
    return round;
  };
  const schedule = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(runRound, ms);
  };
  schedule(options.snapshotIntervalMs);

  return {
    db,
    reader,
    ensureTables(schemas) {
      for (const s of schemas) {
        if (!tables.columns(s.name)) tables.ensure(s);
      }
    },
    async sync(timeoutMs = 5000) {
      // A query must not fail because NATS is slow to answer: it then runs on what the tables hold.
      const info = await jsm.streams.info(TOPOLOGY.events.stream).catch(() => undefined);
      if (!info) return false;
      const target = info.state.last_seq;
      if (applied >= target) return true;
      return await new Promise<boolean>((resolve) => {
        const waiter = { sequence: target, resolve };
        waiters.push(waiter);
        setTimeout(() => {
          const i = waiters.indexOf(waiter);
          if (i >= 0) waiters.splice(i, 1)[0].resolve(false);
        }, timeoutMs);
      });
    },
    snapshot: runRound,
    status: () => ({ appliedSequence: applied, replayedFrom, ...counters }),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(flushTimer);
      messages.stop();
      await following;
      if (buffered > 0 || bufferedUpTo > applied) flush();
      await runRound();
      clearTimeout(timer);
      for (const w of waiters.splice(0)) w.resolve(false);
      writer.close();
      reader.close();
      db.close();
    },
  };
}

/** Reads a custom table's schema straight from the KV bucket (the watch-fed copy may lag by a moment). */
async function kvTableReader(
  nc: NatsConnection,
): Promise<(name: string) => Promise<TableSchema | undefined>> {
  const kv = await new Kvm(nc).open(TOPOLOGY.tablesBucket).catch(() => undefined);
  return async (name) => {
    const entry = await kv?.get(name);
    return entry?.operation === "PUT" ? entry.json<TableSchema>() : undefined;
  };
}
