/**
 * The snapshot folder on disk (`$SIEM_DATA_DIR/snapshots`): one Parquet file per partition
 * (`Table/YYYY-MM-DD.SEQ.parquet`, zstd) and `manifest.json`. Every file is written to a temporary name, synced
 * and renamed, so a crash leaves either the old file or the new one, never half of one.
 *
 * Parquet is written and read by parquet-wasm (Arrow IPC in, Arrow IPC out), because DuckDB-WASM here has no
 * parquet extension (it would be downloaded on first use, and the SIEM runs offline).
 */
import { dirname, join } from "node:path";
import {
  Compression,
  readParquet,
  Table as WasmTable,
  writeParquet,
  WriterPropertiesBuilder,
} from "parquet-wasm";
import {
  manifestFromFiles,
  parseManifest,
  parsePartitionFile,
  type SnapshotManifest,
} from "../../streams/snapshot/mod.ts";

const MANIFEST = "manifest.json";
const TEMP_MARK = ".tmp-";

/** The snapshot folder. */
export class ParquetFiles {
  readonly dir: string;

  /**
   * @param dir the folder (created on first write)
   */
  constructor(dir: string) {
    this.dir = dir;
  }

  /**
   * Write a partition's rows as Parquet.
   *
   * @param file the path relative to the folder (from `partitionFile`)
   * @param ipc the rows as an Arrow IPC stream
   * @returns the file's size in bytes
   */
  async writePartition(file: string, ipc: Uint8Array): Promise<number> {
    const table = WasmTable.fromIPCStream(ipc);
    const props = new WriterPropertiesBuilder().setCompression(Compression.ZSTD).build();
    const bytes = writeParquet(table, props);
    await this.#writeAtomically(file, bytes);
    return bytes.length;
  }

  /**
   * Read a partition file.
   *
   * @param file the path relative to the folder
   * @returns the rows as an Arrow IPC stream
   */
  async readPartition(file: string): Promise<Uint8Array> {
    const bytes = await Deno.readFile(join(this.dir, file));
    return readParquet(bytes).intoIPCStream();
  }

  /**
   * Read the manifest.
   *
   * @returns the manifest; one rebuilt from the file names when it is missing or unreadable (with the reason);
   *   undefined when the folder holds no snapshot at all
   */
  async readManifest(): Promise<{ manifest: SnapshotManifest; problem?: string } | undefined> {
    let text: string | undefined;
    try {
      text = await Deno.readTextFile(join(this.dir, MANIFEST));
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
    if (text !== undefined) {
      const parsed = parseManifest(text);
      if ("manifest" in parsed) return { manifest: parsed.manifest };
      const files = await this.list();
      return { manifest: manifestFromFiles(files), problem: parsed.error };
    }
    const files = await this.list();
    if (files.length === 0) return undefined;
    return { manifest: manifestFromFiles(files), problem: "Snapshot manifest is missing" };
  }

  /**
   * Replace the manifest.
   *
   * @param manifest the new manifest
   */
  async writeManifest(manifest: SnapshotManifest): Promise<void> {
    await this.#writeAtomically(MANIFEST, new TextEncoder().encode(JSON.stringify(manifest, null, 1)));
  }

  /**
   * Snapshot files in the folder (temporary files included).
   *
   * @returns paths relative to the folder, with sizes
   */
  async list(): Promise<{ path: string; bytes: number }[]> {
    const out: { path: string; bytes: number }[] = [];
    let tables: Deno.DirEntry[];
    try {
      tables = await Array.fromAsync(Deno.readDir(this.dir));
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return [];
      throw error;
    }
    for (const t of tables) {
      if (!t.isDirectory) continue;
      for await (const f of Deno.readDir(join(this.dir, t.name))) {
        if (!f.isFile) continue;
        const path = `${t.name}/${f.name}`;
        const size = (await Deno.stat(join(this.dir, path)).catch(() => undefined))?.size ?? 0;
        out.push({ path, bytes: size });
      }
    }
    return out;
  }

  /**
   * Delete files the manifest does not name: left-overs of a crash between writing a file and the manifest,
   * and temporary files of interrupted writes.
   *
   * @param manifest the manifest in force
   * @returns the paths deleted
   */
  async removeUnlisted(manifest: SnapshotManifest): Promise<string[]> {
    const keep = new Set(manifest.partitions.map((p) => p.file));
    const removed: string[] = [];
    for (const f of await this.list()) {
      const ours = f.path.includes(TEMP_MARK) || parsePartitionFile(f.path) !== undefined;
      if (!ours || keep.has(f.path)) continue;
      await this.remove(f.path);
      removed.push(f.path);
    }
    return removed;
  }

  /**
   * Delete a file (a missing one is fine).
   *
   * @param file the path relative to the folder
   */
  async remove(file: string): Promise<void> {
    await Deno.remove(join(this.dir, file)).catch((error) => {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    });
  }

  /**
   * Move an unreadable file aside (kept for inspection, no longer loaded).
   *
   * @param file the path relative to the folder
   */
  async setAside(file: string): Promise<void> {
    await Deno.rename(join(this.dir, file), join(this.dir, `${file}.unreadable`)).catch(() => {});
  }

  async #writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
    const target = join(this.dir, file);
    await Deno.mkdir(dirname(target), { recursive: true });
    const temp = `${target}${TEMP_MARK}${crypto.randomUUID().slice(0, 8)}`;
    try {
      const handle = await Deno.open(temp, { write: true, createNew: true, mode: 0o600 });
      try {
        let written = 0;
        while (written < bytes.length) written += await handle.write(bytes.subarray(written));
        await handle.syncData();
      } finally {
        handle.close();
      }
      await Deno.rename(temp, target);
    } catch (error) {
      await Deno.remove(temp).catch(() => {});
      throw error;
    }
  }
}
