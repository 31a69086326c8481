/**
 * The bookkeeping of snapshots, kept apart from DuckDB and the disk so the rules that make a restart lose nothing
 * and repeat nothing can be tested alone:
 * - a partition becomes dirty when rows are applied to it, and clean when a snapshot of it is taken;
 * - a clean partition's file is still a full copy at any later sequence, so its coverage moves forward for free;
 * - a partition without a file keeps the first sequence that touched it, and `base` stays below it, so a failed
 *   write only means that more of the stream is replayed.
 * See manifest.ts for what the sequences mean.
 */
import { emptyManifest, type ManifestPartition, type SnapshotManifest } from "./manifest.ts";
import { partitionId, type PartitionKey } from "./partition.ts";

interface PartitionState {
  readonly key: PartitionKey;
  entry?: ManifestPartition;
  dirty: boolean;
  /** Lowest sequence applied while the partition has no file. */
  firstSequence?: number;
}

/** Snapshot state of every partition, from the last manifest and the rows applied since. */
export class SnapshotLedger {
  #streamCreated: string;
  #base: number;
  readonly #parts = new Map<string, PartitionState>();
  /** Files no manifest will point to once the next manifest is written. */
  #obsolete: string[] = [];

  /**
   * Start from a manifest (the empty one on a first start).
   *
   * @param manifest the manifest read at start
   */
  constructor(manifest: SnapshotManifest = emptyManifest()) {
    this.#streamCreated = manifest.streamCreated;
    this.#base = manifest.base;
    for (const entry of manifest.partitions) {
      this.#parts.set(partitionId(entry), {
        key: { table: entry.table, day: entry.day },
        entry,
        dirty: false,
      });
    }
  }

  /** Creation time of the stream the sequences refer to. */
  get streamCreated(): string {
    return this.#streamCreated;
  }

  /**
   * The last sequence whose rows of this partition are in its file (or known to be absent).
   *
   * @param key the partition
   * @returns the sequence
   */
  coverage(key: PartitionKey): number {
    return this.#parts.get(partitionId(key))?.entry?.sequence ?? this.#base;
  }

  /**
   * Whether a row of this partition from the message with this sequence must be applied on replay.
   *
   * @param sequence the message's stream sequence
   * @param key the row's partition
   * @returns true when the snapshots do not hold it yet
   */
  needsReplay(sequence: number, key: PartitionKey): boolean {
    return sequence > this.coverage(key);
  }

  /** The first stream sequence a restart must read. */
  replayStart(): number {
    let low = this.#base;
    for (const p of this.#parts.values()) {
      if (p.entry) low = Math.min(low, p.entry.sequence);
      if (p.firstSequence !== undefined) low = Math.min(low, p.firstSequence - 1);
    }
    return low + 1;
  }

  /** Partitions with a snapshot file. */
  files(): ManifestPartition[] {
    return [...this.#parts.values()].flatMap((p) => p.entry ? [p.entry] : []);
  }

  /** Every partition known (with a file or with rows applied). */
  partitions(): PartitionKey[] {
    return [...this.#parts.values()].map((p) => p.key);
  }

  /**
   * The stream was recreated (its sequences restarted): the files keep their rows, and every message of the new
   * stream is new.
   *
   * @param streamCreated the new stream's creation time
   */
  rebase(streamCreated: string): void {
    this.#streamCreated = streamCreated;
    this.#base = 0;
    for (const p of this.#parts.values()) {
      if (p.entry) p.entry = { ...p.entry, sequence: 0 };
    }
  }

  /**
   * A partition's file could not be loaded: forget it, and replay the partition from the start of the stream.
   *
   * @param key the partition
   */
  lost(key: PartitionKey): void {
    const p = this.#parts.get(partitionId(key));
    if (!p) return;
    // The file is not deleted here: the runtime sets it aside for inspection.
    p.entry = undefined;
    p.firstSequence = 1;
  }

  /**
   * Rows from the message with this sequence were applied to the partition.
   *
   * @param key the partition
   * @param sequence the message's stream sequence
   */
  applied(key: PartitionKey, sequence: number): void {
    const id = partitionId(key);
    let p = this.#parts.get(id);
    if (!p) {
      p = { key: { table: key.table, day: key.day }, dirty: false };
      this.#parts.set(id, p);
    }
    p.dirty = true;
    if (!p.entry && (p.firstSequence === undefined || sequence < p.firstSequence)) p.firstSequence = sequence;
  }

  /**
   * Begin a snapshot round: clean partitions' files cover everything applied so far.
   *
   * @param applied the last sequence whose rows are all applied
   * @returns the dirty partitions, to write now
   */
  beginRound(applied: number): PartitionKey[] {
    const dirty: PartitionKey[] = [];
    for (const p of this.#parts.values()) {
      if (p.dirty) dirty.push(p.key);
      else if (p.entry && p.entry.sequence < applied) p.entry = { ...p.entry, sequence: applied };
    }
    return dirty;
  }

  /**
   * The partition's rows were read for a snapshot (synchronously, at the `applied` sequence): rows applied from
   * now on make it dirty again.
   *
   * @param key the partition
   */
  taken(key: PartitionKey): void {
    const p = this.#parts.get(partitionId(key));
    if (p) p.dirty = false;
  }

  /**
   * The snapshot taken was written.
   *
   * @param entry the file, with the sequence at which the rows were taken
   */
  written(entry: ManifestPartition): void {
    const p = this.#parts.get(partitionId(entry));
    if (!p) {
      this.#obsolete.push(entry.file);
      return;
    }
    if (p.entry && p.entry.file !== entry.file) this.#obsolete.push(p.entry.file);
    p.entry = entry;
    p.firstSequence = undefined;
  }

  /**
   * Writing the snapshot taken failed: the partition stays dirty (retried next round).
   *
   * @param key the partition
   */
  failed(key: PartitionKey): void {
    const p = this.#parts.get(partitionId(key));
    if (p) p.dirty = true;
  }

  /**
   * The partition is gone (retention, or it had no rows): forget it; its file is deleted after the next manifest.
   *
   * @param key the partition
   */
  drop(key: PartitionKey): void {
    const id = partitionId(key);
    const p = this.#parts.get(id);
    if (p?.entry) this.#obsolete.push(p.entry.file);
    this.#parts.delete(id);
  }

  /**
   * The manifest of the current state, and the files it no longer points to (delete them once it is written).
   *
   * @param applied the last sequence whose rows are all applied
   * @param now the time, as ISO 8601
   * @returns the manifest to write and the obsolete files (hand them back with `keepObsolete` if the write fails)
   */
  manifest(applied: number, now: string): { manifest: SnapshotManifest; obsolete: string[] } {
    let base = applied;
    for (const p of this.#parts.values()) {
      if (!p.entry && p.firstSequence !== undefined) base = Math.min(base, p.firstSequence - 1);
    }
    this.#base = Math.max(0, base);
    const partitions = this.files().sort((a, b) => a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
    const obsolete = this.#obsolete;
    this.#obsolete = [];
    return {
      manifest: {
        version: 1,
        streamCreated: this.#streamCreated,
        base: this.#base,
        partitions,
        updated: now,
      },
      obsolete,
    };
  }

  /**
   * Put back files that are still to be deleted (the manifest write or the deletion failed).
   *
   * @param files the paths
   */
  keepObsolete(files: readonly string[]): void {
    this.#obsolete.push(...files);
  }
}
