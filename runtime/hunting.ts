/**
 * Ad-hoc KQL (hunting) over the history store: the snapshotter's DuckDB-WASM tables, which hold every event of
 * `SIEM_EVENTS` (and what the Parquet snapshots kept beyond it). The query is compiled to DuckDB SQL by
 * runtime/duckdb/run_kql.ts, which falls back to the in-memory evaluator over rows read from DuckDB for what the
 * compiler cannot express. Before running, the query waits (briefly) until the tables hold every event the
 * stream had when it arrived, so an event acknowledged by ingest is visible to the next query.
 *
 * Limits (runtime/history/query_limits.ts): a result holds at most the truncation limit's rows (the first ones,
 * flagged `truncated`, as Kusto truncates a result set), a time limit, and cancellation when the client goes
 * away. A DuckDB statement runs synchronously and cannot be interrupted, so time and cancellation are checked
 * before and after it; the in-memory fallback checks them as it goes.
 */
import { EVAL_CODES, toRestValue } from "../query/eval/mod.ts";
import { analyzeQuery, type Catalog, toPublicError } from "../query/mod.ts";
import type { TableSchema } from "../query/symbols/mod.ts";
import type { DuckDbConnection } from "./duckdb/open_duckdb.ts";
import { runKqlOnDuckDb } from "./duckdb/run_kql.ts";
import {
  DEFAULT_QUERY_LIMITS,
  type QueryLimitsConfig,
  type QueryRequestOptions,
  resolveQueryLimits,
} from "./history/query_limits.ts";

/** A time range: `[start, end)` in milliseconds since the epoch. */
export interface TimeRange {
  readonly start: number;
  readonly end: number;
}

/** The answer of a hunting query. */
export type HuntingAnswer =
  | {
    readonly columns: { name: string; type: string }[];
    readonly rows: unknown[][];
    readonly chart?: unknown;
    /** The result had more rows than the truncation limit: `rows` holds the first `limit` of them. */
    readonly truncated?: { readonly limit: number };
  }
  | {
    readonly error: {
      readonly code: string;
      readonly message: string;
      readonly line?: number;
      readonly column?: number;
    };
  };

const UNIT_MS: Record<string, number> = { D: 86_400_000, H: 3_600_000, M: 60_000, S: 1000 };

/**
 * Parse a Log Analytics `timespan`: an ISO 8601 duration ending now (`PT1H`, `P1D`, `P7DT12H`), or
 * `start/end`, `start/duration`.
 *
 * @param text the timespan
 * @param now the time now (ms)
 * @returns the range, or undefined when the text is not a timespan
 */
export function parseTimespan(text: string, now: number): TimeRange | undefined {
  const duration = (s: string): number | undefined => {
    const m = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i
      .exec(s);
    if (!m || s.toUpperCase() === "P" || /T$/i.test(s)) return undefined;
    const [, d, h, min, sec] = m;
    return Number(d ?? 0) * UNIT_MS.D + Number(h ?? 0) * UNIT_MS.H + Number(min ?? 0) * UNIT_MS.M +
      Number(sec ?? 0) * UNIT_MS.S;
  };
  const parts = text.trim().split("/");
  if (parts.length === 1) {
    const ms = duration(parts[0]);
    return ms === undefined || ms <= 0 ? undefined : { start: now - ms, end: now };
  }
  if (parts.length !== 2) return undefined;
  const start = Date.parse(parts[0]);
  if (Number.isNaN(start)) return undefined;
  const end = Number.isNaN(Date.parse(parts[1])) ? start + (duration(parts[1]) ?? NaN) : Date.parse(parts[1]);
  return Number.isNaN(end) || end <= start ? undefined : { start, end };
}

/** Limits of one query: the server's (defaults: {@link DEFAULT_QUERY_LIMITS}) and the cancellation signal. */
export interface HuntingLimits extends Partial<QueryLimitsConfig> {
  readonly signal?: AbortSignal;
}

/** What hunting reads: the snapshotter's database (runtime/snapshotter.ts). */
export interface HistoryStore {
  /** The connection queries run on. */
  readonly reader: DuckDbConnection;
  /** Create empty tables for schemas that no event reached yet. */
  ensureTables(schemas: readonly TableSchema[]): void;
  /** Wait until the tables hold every event stored so far; false when the time ran out. */
  sync(timeoutMs?: number): Promise<boolean>;
}

/** The longest a query waits for the tables to catch up with the stream before it runs on what they hold. */
const SYNC_WAIT_MS = 2000;

/**
 * Run a hunting query over the history store.
 *
 * @param store the history store
 * @param text the KQL query
 * @param options the catalog (built-in plus custom tables and functions), the time range, query parameters,
 *   the server's limits, what the request asked of them (Kusto request properties) and `now` (ms)
 * @returns columns and rows in Kusto REST v2 value conventions (with `truncated` when the rows were cut), or an
 *   error with line and column
 */
export async function runHunting(
  store: HistoryStore,
  text: string,
  options: {
    catalog: Catalog;
    range?: TimeRange;
    parameters?: Readonly<Record<string, unknown>>;
    limits?: HuntingLimits;
    request?: QueryRequestOptions;
    now?: number;
  },
): Promise<HuntingAnswer> {
  const started = Date.now();
  const analysis = analyzeQuery(text, { catalog: options.catalog });
  const error = analysis.diagnostics.find((d) => d.severity === "error");
  if (error) return { error: { code: "query_error", ...toPublicError(text, error) } };
  const limits = options.limits ?? {};
  const resolved = resolveQueryLimits({ ...DEFAULT_QUERY_LIMITS, ...withoutUndefined(limits) }, {
    request: options.request,
    query: analysis.query,
  });
  const timeoutMs = resolved.timeoutMs;
  const timedOut = () => Date.now() - started >= timeoutMs;
  const stop = (): HuntingAnswer | undefined => {
    if (timedOut()) return { error: { code: "timeout", message: "Query timed out" } };
    if (limits.signal?.aborted) return { error: { code: "cancelled", message: "Query cancelled" } };
    return undefined;
  };
  await store.sync(Math.min(SYNC_WAIT_MS, timeoutMs)).catch(() => false);
  const early = stop();
  if (early) return early;
  const schemas = [...(analysis.bound?.info.sources ?? [])].flatMap((name) => {
    const schema = options.catalog.get(name);
    return schema ? [schema] : [];
  });
  store.ensureTables(schemas);
  // The fallback engine checks this signal while it runs; DuckDB statements are checked around.
  const deadline = AbortSignal.timeout(Math.max(1, timeoutMs - (Date.now() - started)));
  const signal = limits.signal ? AbortSignal.any([limits.signal, deadline]) : deadline;
  const result = runKqlOnDuckDb(store.reader, text, {
    catalog: options.catalog,
    now: (options.now ?? Date.now()) * 1000,
    limits: { maxRows: resolved.rowLimit, signal },
    truncateAt: resolved.maxRows,
    parameters: options.parameters,
    timeRange: options.range && { start: options.range.start * 1000, end: options.range.end * 1000 },
  });
  const late = stop();
  if (late) return late;
  const failure = result.diagnostics.find((d) => d.severity === "error");
  if (failure) {
    if (failure.code === EVAL_CODES.cancelled.code) {
      return deadline.aborted
        ? { error: { code: "timeout", message: "Query timed out" } }
        : { error: { code: "cancelled", message: "Query cancelled" } };
    }
    return { error: { code: "query_error", ...toPublicError(text, failure) } };
  }
  const types = result.columns.map((c) => c.type);
  return {
    columns: result.columns.map((c) => ({ name: c.name, type: c.type })),
    rows: result.rows.map((row) => row.map((v, i) => toRestValue(v, types[i]))),
    ...(result.chart ? { chart: result.chart } : {}),
    ...(result.truncated ? { truncated: { limit: resolved.maxRows } } : {}),
  };
}

function withoutUndefined(limits: HuntingLimits): Partial<QueryLimitsConfig> {
  const { maxRows, rowLimit, timeoutMs, maxTimeoutMs } = limits;
  return Object.fromEntries(
    Object.entries({ maxRows, rowLimit, timeoutMs, maxTimeoutMs }).filter(([, v]) => v !== undefined),
  );
}
