/**
 * The snapshot manifest (`$SIEM_DATA_DIR/snapshots/manifest.json`): which Parquet file holds each partition and
 * up to which `SIEM_EVENTS` sequence, so a restart loads the files and replays only the stream's tail.
 *
 * Meaning of the sequences: a partition's file holds exactly that partition's rows from stream messages with
 * sequence <= its `sequence` (the file is named after the sequence it was taken at, which may be lower: no row
 * of the partition arrived in between); a partition that is not listed had no rows in messages up to `base`. So a row
 * from the message with sequence `s` must be replayed iff `s > coverage(partition)`.
 */
import { isPartitionableTable, parsePartitionFile, partitionFile, type PartitionKey } from "./partition.ts";

/** One partition's snapshot file. */
export interface ManifestPartition extends PartitionKey {
  /** Rows of messages up to this stream sequence are in the file. */
  readonly sequence: number;
  /** Path relative to the snapshots folder. */
  readonly file: string;
  readonly rows: number;
  readonly bytes: number;
}

/** The manifest file's content. */
export interface SnapshotManifest {
  readonly version: 1;
  /** Creation time of the `SIEM_EVENTS` stream the sequences refer to (a recreated stream restarts at 1). */
  readonly streamCreated: string;
  /** Partitions that are not listed had no rows in messages up to this sequence. */
  readonly base: number;
  readonly partitions: readonly ManifestPartition[];
  readonly updated: string;
}

/**
 * A manifest with nothing in it.
 *
 * @param streamCreated the stream's creation time
 * @returns the manifest
 */
export function emptyManifest(streamCreated = ""): SnapshotManifest {
  return { version: 1, streamCreated, base: 0, partitions: [], updated: "" };
}

const isCount = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;

/**
 * Parse manifest text; never throws.
 *
 * @param text the file's content
 * @returns the manifest, or an error naming what is wrong
 * @example
 * ```ts
 * import { parseManifest } from "./manifest.ts";
 * parseManifest("{}"); // { error: "Cannot read snapshot manifest: 'version' must be 1" }
 * ```
 */
export function parseManifest(text: string): { manifest: SnapshotManifest } | { error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { error: `Cannot read snapshot manifest: ${(error as Error).message}` };
  }
  const fail = (why: string) => ({ error: `Cannot read snapshot manifest: ${why}` });
  if (typeof raw !== "object" || raw === null) return fail("not a JSON object");
  const m = raw as Record<string, unknown>;
  if (m.version !== 1) return fail("'version' must be 1");
  if (typeof m.streamCreated !== "string") return fail("'streamCreated' must be a string");
  if (!isCount(m.base)) return fail("'base' must be a sequence number");
  if (!Array.isArray(m.partitions)) return fail("'partitions' must be an array");
  const partitions: ManifestPartition[] = [];
  for (const [i, p] of m.partitions.entries()) {
    const e = p as Record<string, unknown>;
    const ok = typeof e === "object" && e !== null && typeof e.table === "string" &&
      isPartitionableTable(e.table) && typeof e.day === "string" && isCount(e.sequence) &&
      typeof e.file === "string" && isCount(e.rows) && isCount(e.bytes);
    const parsed = ok ? parsePartitionFile(e.file as string) : undefined;
    // The file is named after the sequence it was taken at; its coverage may have moved on since (clean).
    if (
      !parsed || parsed.table !== e.table || parsed.day !== e.day || parsed.sequence > (e.sequence as number)
    ) {
      return fail(`partition ${i} is malformed`);
    }
    partitions.push({
      table: parsed.table,
      day: parsed.day,
      sequence: e.sequence as number,
      file: partitionFile(parsed, parsed.sequence),
      rows: e.rows as number,
      bytes: e.bytes as number,
    });
  }
  return {
    manifest: {
      version: 1,
      streamCreated: m.streamCreated,
      base: m.base,
      partitions,
      updated: typeof m.updated === "string" ? m.updated : "",
    },
  };
}

/**
 * A manifest rebuilt from the snapshot files alone (when the manifest itself is lost): for each partition the
 * file with the highest sequence (every file is a complete copy of its partition at its sequence), and `base` 0
 * since nothing is known about partitions without a file.
 *
 * @param files paths relative to the snapshots folder, with their sizes
 * @returns the manifest (rows unknown: 0)
 */
export function manifestFromFiles(files: readonly { path: string; bytes: number }[]): SnapshotManifest {
  const best = new Map<string, ManifestPartition>();
  for (const f of files) {
    const p = parsePartitionFile(f.path);
    if (!p) continue;
    const id = `${p.table}/${p.day}`;
    const seen = best.get(id);
    if (!seen || seen.sequence < p.sequence) best.set(id, { ...p, file: f.path, rows: 0, bytes: f.bytes });
  }
  return { ...emptyManifest(), partitions: [...best.values()] };
}
