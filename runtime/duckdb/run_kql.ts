/**
 * KQL over DuckDB-WASM: the query compiled to SQL (query/sql) and run on the connection, its Arrow result turned
 * back into our values. A query the compiler cannot express, or whose SQL DuckDB rejects, runs in the in-memory
 * engine over the source tables' rows read from DuckDB (only the `TimeGenerated` range asked for, when given),
 * so the answer is the same either way; `engine` says which one answered.
 */
import type { Table as ArrowTable } from "apache-arrow";
import {
  DEFAULT_MAX_ROWS,
  evalDiagnostic,
  type EvalLimits,
  type QueryResult,
  runQuery,
  type Table,
} from "../../query/eval/mod.ts";
import { compileToSql, tableScanSql } from "../../query/sql/mod.ts";
import type { Catalog, ColumnSchema } from "../../query/mod.ts";
import type { Value } from "../../query/values/mod.ts";
import { registerKqlUdfs } from "./kql_udfs.ts";
import type { DuckDbConnection } from "./open_duckdb.ts";

/** Options of {@link runKqlOnDuckDb}. */
export interface DuckDbRunOptions {
  /** Tables (their DuckDB copies follow the storage convention) and stored functions. */
  readonly catalog: Catalog;
  /** The query's `now()` in microseconds (default: the wall clock). */
  readonly now?: number;
  /** Row cap and cancellation (a running DuckDB statement cannot be interrupted: checked before and after). */
  readonly limits?: EvalLimits;
  /** Values of `declare query_parameters`. */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** Only rows with `TimeGenerated` in `[start, end)` (microseconds) are read. */
  readonly timeRange?: { readonly start: number; readonly end: number };
  /** `memory` forces the in-memory engine over rows read from DuckDB (for comparisons and benchmarks). */
  readonly engine?: "auto" | "memory";
  /**
   * Rows the answer holds at most: the first ones are kept and `truncated` is set (Kusto's result truncation).
   * Unset, a result over `limits.maxRows` is an error instead. `limits.maxRows` still bounds every table the
   * in-memory engine builds, so keep it at least as large.
   */
  readonly truncateAt?: number;
}

/** A query result with the engine that produced it and, for DuckDB, the SQL. */
export interface DuckDbQueryResult extends QueryResult {
  readonly engine: "duckdb" | "memory";
  readonly sql?: string;
  /** Why the in-memory engine answered. */
  readonly fallbackReason?: string;
  /** The result had more rows than `truncateAt`; only the first ones are here. */
  readonly truncated?: boolean;
}

/** Names of the tables in the database's main schema. */
export function existingTables(conn: DuckDbConnection): Set<string> {
  const rows = conn.query("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'").toArray();
  return new Set(rows.map((r) => String(r.table_name)));
}

function convert(raw: unknown, type: ColumnSchema["type"]): Value {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === "bigint") return Number(raw);
  if (type === "dynamic") {
    try {
      return JSON.parse(String(raw)) as Value;
    } catch {
      return String(raw);
    }
  }
  return raw as Value;
}

/**
 * Arrow result columns (positional) to rows of our values; datetimes must arrive as BIGINT microseconds.
 *
 * @param table the Arrow table
 * @param columns the KQL columns, in the table's column order
 * @returns the rows
 */
export function arrowRows(table: ArrowTable, columns: readonly ColumnSchema[]): Value[][] {
  const n = table.numRows;
  const rows: Value[][] = Array.from({ length: n }, () => new Array(columns.length));
  columns.forEach((column, c) => {
    const vector = table.getChildAt(c);
    if (vector === null) return;
    for (let r = 0; r < n; r++) rows[r][c] = convert(vector.get(r), column.type);
  });
  return rows;
}

function readTable(
  conn: DuckDbConnection,
  schema: { name: string; columns: readonly ColumnSchema[] },
  range: DuckDbRunOptions["timeRange"],
): Table {
  const scan = tableScanSql(schema.name, schema.columns, range);
  const list = schema.columns.map((c, i) => {
    const ref = `"${c.name.replaceAll('"', '""')}"`;
    return `${c.type === "datetime" ? `epoch_us(${ref})` : ref} AS c${i}`;
  });
  const arrow = conn.query(`SELECT ${list.join(", ") || "1 AS c"} FROM (${scan})`);
  return { columns: schema.columns, rows: arrowRows(arrow, schema.columns) };
}

function inMemory(
  conn: DuckDbConnection,
  text: string,
  options: DuckDbRunOptions & { now: number },
  sources: readonly string[],
  reason: string,
): DuckDbQueryResult {
  const present = existingTables(conn);
  const tables = new Map<string, Table>();
  // `search`/`find` without tables and table wildcards read tables the binder cannot name.
  const all = sources.length === 0 && /\b(search|find|union)\b/.test(text);
  for (const name of all ? [...present] : sources) {
    const schema = options.catalog.get(name);
    if (schema !== undefined && present.has(name)) {
      tables.set(name, readTable(conn, schema, options.timeRange));
    }
  }
  const result = runQuery(text, {
    tables,
    catalog: options.catalog,
    now: options.now,
    limits: options.limits,
    parameters: options.parameters,
  });
  const cut = options.truncateAt;
  if (cut !== undefined && result.rows.length > cut) {
    return {
      ...result,
      rows: result.rows.slice(0, cut),
      truncated: true,
      engine: "memory",
      fallbackReason: reason,
    };
  }
  return { ...result, engine: "memory", fallbackReason: reason };
}

/**
 * Run a KQL query on a DuckDB connection.
 *
 * @param conn the connection (its tables follow the storage convention of query/sql)
 * @param text the KQL query
 * @param options catalog, `now`, limits, query parameters, time range
 * @returns the result (columns, rows as our values, diagnostics, chart), the engine and the SQL
 * @example
 * ```ts ignore
 * const result = runKqlOnDuckDb(conn, "SecurityEvent | count", { catalog: Catalog.builtin() });
 * result.engine; // "duckdb"
 * ```
 */
export function runKqlOnDuckDb(
  conn: DuckDbConnection,
  text: string,
  options: DuckDbRunOptions,
): DuckDbQueryResult {
  const now = options.now ?? Date.now() * 1000;
  const maxRows = options.limits?.maxRows ?? DEFAULT_MAX_ROWS;
  const cut = options.truncateAt === undefined ? undefined : Math.min(options.truncateAt, maxRows);
  const withNow = { ...options, now };
  const compile = (present?: ReadonlySet<string>) =>
    compileToSql(text, {
      catalog: options.catalog,
      now,
      parameters: options.parameters,
      hasTable: present === undefined ? undefined : (name) => present.has(name),
      timeRange: options.timeRange,
      datetimeAsMicros: true,
      limit: (cut ?? maxRows) + 1,
    });
  // Compiled as if every table existed; a table not created yet (no events so far) is asked about only then.
  let compiled = compile();
  if (!compiled.ok && compiled.kind === "invalid") {
    return { columns: [], rows: [], diagnostics: compiled.diagnostics, engine: "duckdb" };
  }
  if (options.limits?.signal?.aborted) {
    return { columns: [], rows: [], diagnostics: [cancelled()], engine: "duckdb" };
  }
  if (!compiled.ok) return inMemory(conn, text, withNow, compiled.sources, compiled.reason);
  if (options.engine === "memory") return inMemory(conn, text, withNow, compiled.sources, "asked for");
  let arrow: ArrowTable;
  try {
    registerKqlUdfs(conn, compiled.udfs);
    try {
      arrow = conn.query(compiled.sql);
    } catch (error) {
      if (!/Table with name .* does not exist/.test(String(error))) throw error;
      const again = compile(existingTables(conn));
      if (!again.ok) return inMemory(conn, text, withNow, compiled.sources, String(error));
      compiled = again;
      arrow = conn.query(compiled.sql);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return inMemory(conn, text, withNow, compiled.sources, `DuckDB: ${message.split("\n")[0]}`);
  }
  if (options.limits?.signal?.aborted) {
    return { columns: [], rows: [], diagnostics: [cancelled()], engine: "duckdb", sql: compiled.sql };
  }
  const truncated = cut !== undefined && arrow.numRows > cut;
  if (truncated) arrow = arrow.slice(0, cut);
  else if (arrow.numRows > maxRows) {
    return {
      columns: [],
      rows: [],
      diagnostics: [evalDiagnostic("rowLimit", { start: 0, end: text.length }, maxRows)],
      engine: "duckdb",
      sql: compiled.sql,
    };
  }
  return {
    columns: compiled.columns,
    rows: arrowRows(arrow, compiled.columns),
    diagnostics: [],
    engine: "duckdb",
    sql: compiled.sql,
    ...(truncated ? { truncated } : {}),
    ...(compiled.chart === undefined ? {} : { chart: compiled.chart as QueryResult["chart"] }),
  };
}

function cancelled() {
  return evalDiagnostic("cancelled", { start: 0, end: 0 });
}
