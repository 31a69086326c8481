/**
 * The event tables inside DuckDB-WASM, in the storage convention of query/sql/duckdb_types.ts: created from the
 * catalog's schema, widened with ALTER TABLE when a custom table grows a column, appended to with Arrow batches,
 * and read and deleted by partition (one UTC day of `TimeGenerated`).
 */
import { tableFromIPC, tableToIPC } from "apache-arrow";
import type { ColumnSchema, TableSchema } from "../../query/symbols/mod.ts";
import type { Value } from "../../query/values/mod.ts";
import { createTableSql, duckDbType, quoteIdent } from "../../query/sql/mod.ts";
import { dayStartMicros, type PartitionKey } from "../../streams/snapshot/mod.ts";
import { MICROS_PER_DAY } from "../../query/values/mod.ts";
import type { DuckDbConnection } from "../duckdb/open_duckdb.ts";
import { rowsToArrowIpc } from "./arrow_rows.ts";

/** The event tables of one database. */
export class EventTables {
  readonly #conn: DuckDbConnection;
  /** Each table's columns as they are in DuckDB (the catalog's columns, in order, plus any added later). */
  readonly #columns = new Map<string, ColumnSchema[]>();

  /**
   * @param conn the connection used for all writes (one connection keeps them in order)
   */
  constructor(conn: DuckDbConnection) {
    this.#conn = conn;
  }

  /**
   * The table's columns in DuckDB.
   *
   * @param table the table name
   * @returns the columns, or undefined when the table does not exist yet
   */
  columns(table: string): readonly ColumnSchema[] | undefined {
    return this.#columns.get(table);
  }

  /** Names of the tables created so far. */
  names(): string[] {
    return [...this.#columns.keys()];
  }

  /**
   * Create the table, or add the schema's columns it lacks (columns are never dropped or retyped: a custom table
   * only grows, and a query bound earlier stays valid).
   *
   * @param schema the table's schema from the catalog
   * @returns the table's columns in DuckDB
   */
  ensure(schema: TableSchema): readonly ColumnSchema[] {
    const known = this.#columns.get(schema.name);
    if (!known) {
      this.#conn.query(createTableSql(schema, { ifNotExists: true }));
      for (const c of schema.columns) {
        // Kusto strings are never null: a row that lacks the field reads as "" (as query/values decodes it), and
        // appends leave out the columns a batch has no value for (see `append`).
        if (c.type === "string") {
          this.#conn.query(
            `ALTER TABLE ${quoteIdent(schema.name)} ALTER COLUMN ${quoteIdent(c.name)} SET DEFAULT ''`,
          );
        }
      }
      const columns = [...schema.columns];
      this.#columns.set(schema.name, columns);
      return columns;
    }
    const names = new Set(known.map((c) => c.name));
    for (const c of schema.columns) {
      if (names.has(c.name)) continue;
      this.#conn.query(
        `ALTER TABLE ${quoteIdent(schema.name)} ADD COLUMN ${quoteIdent(c.name)} ${duckDbType(c.type)}${
          c.type === "string" ? " DEFAULT ''" : ""
        }`,
      );
      known.push(c);
      names.add(c.name);
    }
    return known;
  }

  /**
   * Append rows.
   *
   * @param table an existing table
   * @param rows values in the order of `columns(table)`
   */
  append(table: string, rows: readonly (readonly Value[])[]): void {
    const columns = this.#columns.get(table);
    if (!columns || rows.length === 0) return;
    // Event tables are wide and sparse (SecurityEvent has 223 columns, an event fills a dozen): only the columns
    // with a value in this batch go through Arrow, into a staging table, and INSERT BY NAME fills the others
    // with their defaults (null, or "" for strings).
    const present: number[] = [];
    for (let c = 0; c < columns.length; c++) {
      const empty = columns[c].type === "string" ? "" : null;
      for (let r = 0; r < rows.length; r++) {
        const v = rows[r][c];
        if (v !== null && v !== undefined && v !== empty) {
          present.push(c);
          break;
        }
      }
    }
    if (present.length === columns.length) {
      this.#conn.insertArrowFromIPCStream(rowsToArrowIpc(columns, rows), { name: table, create: false });
      return;
    }
    if (present.length === 0) present.push(0);
    const narrow = rows.map((row) => present.map((c) => row[c]));
    const staging = `_siem_append_${crypto.randomUUID().replaceAll("-", "")}`;
    this.#conn.insertArrowFromIPCStream(rowsToArrowIpc(present.map((c) => columns[c]), narrow), {
      name: staging,
      create: true,
    });
    try {
      this.#conn.query(`INSERT INTO ${quoteIdent(table)} BY NAME SELECT * FROM ${quoteIdent(staging)}`);
    } finally {
      this.#conn.query(`DROP TABLE IF EXISTS ${quoteIdent(staging)}`);
    }
  }

  /**
   * A partition's rows as an Arrow IPC stream (read synchronously, so it is exactly the rows applied so far).
   *
   * @param key the partition
   * @returns the bytes and the row count
   */
  exportPartition(key: PartitionKey): { ipc: Uint8Array; rows: number } {
    // Booleans go to Parquet as TINYINT (loaded back by INSERT BY NAME, which casts): an all-null BOOLEAN column
    // comes out of DuckDB and apache-arrow without a values buffer, and parquet-wasm refuses such an array.
    const bools = (this.#columns.get(key.table) ?? []).filter((c) => c.type === "bool").map((c) =>
      quoteIdent(c.name)
    );
    const replace = bools.length === 0
      ? ""
      : ` REPLACE (${bools.map((c) => `CAST(${c} AS TINYINT) AS ${c}`).join(", ")})`;
    const file = this.#conn.queryIpc(
      `SELECT *${replace} FROM ${quoteIdent(key.table)} WHERE ${dayFilter(key.day)}`,
    );
    // DuckDB answers in the Arrow file format; Parquet writers take the stream format.
    const table = tableFromIPC(file);
    return { ipc: tableToIPC(table, "stream"), rows: table.numRows };
  }

  /**
   * Load a partition's rows from an Arrow IPC stream (a snapshot file's content). Columns are matched by name,
   * so a file written before the table grew a column still loads.
   *
   * @param schema the table's schema from the catalog
   * @param ipc the Arrow IPC stream
   */
  importPartition(schema: TableSchema, ipc: Uint8Array): void {
    this.ensure(schema);
    const staging = `_siem_load_${crypto.randomUUID().replaceAll("-", "")}`;
    this.#conn.insertArrowFromIPCStream(ipc, { name: staging, create: true });
    try {
      this.#conn.query(`INSERT INTO ${quoteIdent(schema.name)} BY NAME SELECT * FROM ${quoteIdent(staging)}`);
    } finally {
      this.#conn.query(`DROP TABLE IF EXISTS ${quoteIdent(staging)}`);
    }
  }

  /**
   * Delete a partition's rows.
   *
   * @param key the partition
   */
  deletePartition(key: PartitionKey): void {
    if (!this.#columns.has(key.table)) return;
    this.#conn.query(`DELETE FROM ${quoteIdent(key.table)} WHERE ${dayFilter(key.day)}`);
  }

  /**
   * Row count of a table.
   *
   * @param table the table name
   * @returns the count (0 when the table does not exist)
   */
  count(table: string): number {
    if (!this.#columns.has(table)) return 0;
    return Number(this.#conn.query(`SELECT count(*) AS n FROM ${quoteIdent(table)}`).get(0)?.n ?? 0);
  }
}

/** `TimeGenerated` within one UTC day, as SQL. */
function dayFilter(day: string): string {
  const start = dayStartMicros(day);
  if (start === undefined) throw new Error(`Invalid partition day '${day}'`);
  const ts = (micros: number) => `make_timestamp(CAST(${micros} AS BIGINT))`;
  return `"TimeGenerated" >= ${ts(start)} AND "TimeGenerated" < ${ts(start + MICROS_PER_DAY)}`;
}
