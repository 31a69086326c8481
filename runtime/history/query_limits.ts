/**
 * The limits one hunting query runs under: how many rows its result holds before it is truncated, and how long
 * it may run. The server's configuration gives the defaults and the hard ceilings; a request may ask for other
 * values the way Kusto lets it (client request properties `truncationmaxrecords`, `notruncation`,
 * `servertimeout`), and the query's own `set` statements win over the request, as in Kusto. Nothing a request
 * asks can go past the ceilings: a truncation limit above the hard row limit, or `notruncation`, is held to it.
 */
import type { QueryNode } from "../../query/syntax/mod.ts";

/** The server's limits (from SIEM_QUERY_MAX_ROWS, SIEM_QUERY_ROW_LIMIT, SIEM_QUERY_TIMEOUT, SIEM_QUERY_MAX_TIMEOUT). */
export interface QueryLimitsConfig {
  /** Rows a result holds before it is truncated, unless the request asks otherwise. */
  readonly maxRows: number;
  /** The most rows any result may hold, whatever the request asks (it also bounds the in-memory engine's tables). */
  readonly rowLimit: number;
  /** How long a query may run, unless the request asks otherwise (ms). */
  readonly timeoutMs: number;
  /** The longest time a request may ask for (ms). */
  readonly maxTimeoutMs: number;
}

/**
 * The defaults: Kusto's 500,000-record truncation limit; a minute per query and at most ten when asked (one
 * history worker runs the queries, so a long one delays the others); a million rows at most in memory.
 */
export const DEFAULT_QUERY_LIMITS: QueryLimitsConfig = {
  maxRows: 500_000,
  rowLimit: 1_000_000,
  timeoutMs: 60_000,
  maxTimeoutMs: 600_000,
};

/** What a request asked for (Kusto client request properties; the Log Analytics `Prefer: wait=` header). */
export interface QueryRequestOptions {
  readonly truncationMaxRecords?: number;
  readonly noTruncation?: boolean;
  readonly serverTimeoutMs?: number;
}

/** The limits one query runs under. */
export interface ResolvedLimits {
  /** Rows the answer holds at most; more rows are cut and the answer says it was truncated. */
  readonly maxRows: number;
  /** Rows any table the in-memory engine builds may hold (past it the query stops with an error). */
  readonly rowLimit: number;
  readonly timeoutMs: number;
}

/**
 * Parse a Kusto timespan as request properties carry it: `[-][d.]hh:mm:ss[.fffffff]` (the JS client sends
 * `00:00:30.000`), or a number of milliseconds.
 *
 * @param value the property value
 * @returns milliseconds, or undefined when the value is not a timespan
 */
export function parseKustoTimespan(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== "string") return undefined;
  const m = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/.exec(value.trim());
  if (!m) return undefined;
  const [, d, h, min, s, frac] = m;
  return Number(d ?? 0) * 86_400_000 + Number(h) * 3_600_000 + Number(min) * 60_000 + Number(s) * 1000 +
    Math.round(Number(`0.${frac ?? "0"}`) * 1000);
}

/** The options the query's `set` statements give (`set notruncation;`, `set truncationmaxrecords = 10;`). */
function setOptions(query: QueryNode | undefined): QueryRequestOptions {
  let out: { -readonly [K in keyof QueryRequestOptions]: QueryRequestOptions[K] } = {};
  for (const statement of query?.statements ?? []) {
    if (statement.kind !== "SetStatement") continue;
    const name = statement.name.name.toLowerCase();
    const value = statement.value?.kind === "Literal" ? statement.value : undefined;
    if (name === "notruncation") {
      out = { ...out, noTruncation: statement.value === undefined || value?.value === true };
    } else if (name === "truncationmaxrecords" && typeof value?.value === "number") {
      out = { ...out, truncationMaxRecords: value.value };
    } else if (name === "servertimeout" && value?.type === "timespan" && typeof value.value === "number") {
      out = { ...out, serverTimeoutMs: value.value / 1000 };
    }
  }
  return out;
}

/**
 * The limits one query runs under.
 *
 * @param config the server's limits
 * @param options what the request asked for, and the parsed query (its `set` statements win)
 * @returns the limits
 * @example
 * ```ts ignore
 * resolveQueryLimits(DEFAULT_QUERY_LIMITS, { request: { truncationMaxRecords: 10 } }).maxRows; // 10
 * ```
 */
export function resolveQueryLimits(
  config: QueryLimitsConfig,
  options: { request?: QueryRequestOptions; query?: QueryNode } = {},
): ResolvedLimits {
  const fromQuery = setOptions(options.query);
  const asked = { ...options.request, ...fromQuery };
  // A limit the query sets replaces the request's `notruncation`, as any option the query sets replaces the request's.
  if (fromQuery.truncationMaxRecords !== undefined && fromQuery.noTruncation === undefined) {
    asked.noTruncation = false;
  }
  const records = asked.noTruncation
    ? config.rowLimit
    : asked.truncationMaxRecords !== undefined && asked.truncationMaxRecords >= 0
    ? Math.floor(asked.truncationMaxRecords)
    : config.maxRows;
  const timeout = asked.serverTimeoutMs !== undefined && asked.serverTimeoutMs > 0
    ? asked.serverTimeoutMs
    : config.timeoutMs;
  return {
    maxRows: Math.min(records, config.rowLimit),
    rowLimit: config.rowLimit,
    timeoutMs: Math.min(timeout, config.maxTimeoutMs),
  };
}
