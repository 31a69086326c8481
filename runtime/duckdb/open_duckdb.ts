/**
 * Opens an in-process DuckDB-WASM database on the server side (Deno or Node), using the package's blocking
 * build: queries run synchronously on the calling thread, so there is no worker to supervise and a result is an
 * Apache Arrow table in the same heap.
 *
 * The machine running the SIEM may have no internet, and DuckDB-WASM ships only its core functions: any other
 * extension (json, parquet, ...) would be fetched from extensions.duckdb.org on first use. Automatic install and
 * load are switched off, so such a query fails with an error we can report instead of a network fetch that kills
 * the process from inside DuckDB's runtime.
 */
import * as duckdb from "@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs";
import type { Table } from "apache-arrow";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** A connection: synchronous queries returning Arrow tables. */
export interface DuckDbConnection {
  /** Run SQL; throws DuckDB's error message on failure. */
  query(sql: string): Table;
  /** Run SQL and return the result as Arrow IPC bytes (file format), without decoding it in JavaScript. */
  queryIpc(sql: string): Uint8Array;
  /**
   * Insert an Arrow IPC stream into a table (`create: true` makes a new table from the stream's schema;
   * otherwise columns are matched by position). Use this rather than an Arrow `Table`: DuckDB-WASM serialises
   * tables with its own bundled copy of apache-arrow, which silently writes nothing for ours.
   */
  insertArrowFromIPCStream(ipc: Uint8Array, options: { name: string; create: boolean }): void;
  /** Register a JavaScript scalar function callable from SQL. */
  createScalarFunction(name: string, returns: unknown, fn: (...args: unknown[]) => unknown): void;
  close(): void;
}

/** An open database. */
export interface DuckDb {
  /** A new connection (connections share the database, each has its own transaction). */
  connect(): DuckDbConnection;
  /** Register a file's bytes under a name that SQL can read or write (`read_csv('name')`, `COPY ... TO`). */
  registerFileBuffer(name: string, bytes: Uint8Array): void;
  /** The bytes of a file written by SQL (`COPY ... TO 'name'`). */
  copyFileToBuffer(name: string): Uint8Array;
  dropFile(name: string): void;
  close(): void;
}

function bundles(): duckdb.DuckDBBundles {
  // The wasm files live inside the npm package; resolve them the way Node would.
  const require = createRequire(import.meta.url);
  const dist = dirname(require.resolve("@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs"));
  return {
    mvp: { mainModule: join(dist, "duckdb-mvp.wasm"), mainWorker: join(dist, "duckdb-node-mvp.worker.cjs") },
    eh: { mainModule: join(dist, "duckdb-eh.wasm"), mainWorker: join(dist, "duckdb-node-eh.worker.cjs") },
  };
}

/**
 * Open an in-memory database.
 *
 * @returns the database, with extension auto-install/auto-load switched off
 * @example
 * ```ts
 * import { openDuckDb } from "./open_duckdb.ts";
 * const db = await openDuckDb();
 * const conn = db.connect();
 * conn.query("select 42 as answer").toArray()[0].answer; // 42
 * db.close();
 * ```
 */
export async function openDuckDb(): Promise<DuckDb> {
  const db = await duckdb.createDuckDB(bundles(), new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate(() => {});
  const setup = db.connect();
  setup.query("SET autoinstall_known_extensions = false");
  setup.query("SET autoload_known_extensions = false");
  setup.close();
  return {
    connect(): DuckDbConnection {
      const conn = db.connect();
      return {
        query: (sql) => conn.query(sql) as unknown as Table,
        // The bindings hand back a copy of the result buffer, so it stays valid after the next query.
        queryIpc: (sql) => conn.useUnsafe((bindings, id) => bindings.runQuery(id, sql)),
        insertArrowFromIPCStream: (ipc, options) => conn.insertArrowFromIPCStream(ipc, options),
        createScalarFunction: (name, returns, fn) =>
          conn.createScalarFunction(name, returns as never, fn as (...args: unknown[]) => void),
        close: () => conn.close(),
      };
    },
    registerFileBuffer: (name, bytes) => db.registerFileBuffer(name, bytes),
    copyFileToBuffer: (name) => db.copyFileToBuffer(name),
    dropFile: (name) => db.dropFile(name),
    close: () => db.reset(),
  };
}
