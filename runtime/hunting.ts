/**
 * Ad-hoc KQL over the events still in `SIEM_EVENTS` (hunting), with the in-memory evaluator: the tables a query
 * reads are fetched from the stream by subject and time, decoded with the catalog's types, and the query runs
 * over them. Bounded: at most `maxEvents` events read and `maxRows` rows produced, a time limit, and cancellation
 * when the client goes away. (The DuckDB-WASM history store, issue 7, will take over large ranges.)
 */
import type { NatsConnection } from "@nats-io/nats-core";
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from "@nats-io/jetstream";
import { type QueryResult, runQuery, toRestValue } from "../query/eval/mod.ts";
import { analyzeQuery, type Catalog, type ScalarType, toPublicError } from "../query/mod.ts";
import { rowDecoder, type Value } from "../query/values/mod.ts";
import { TOPOLOGY } from "./nats/topology.ts";

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

/** Limits of one query. */
export interface HuntingLimits {
  readonly maxEvents?: number;
  readonly maxRows?: number;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/**
 * Run a hunting query over the event stream.
 *
 * @param nc the connection
 * @param text the KQL query
 * @param options the catalog (built-in plus custom tables), the time range, and limits
 * @returns columns and rows in Kusto REST v2 value conventions, or an error with line and column
 */
export async function runHunting(
  nc: NatsConnection,
  text: string,
  options: { catalog: Catalog; range?: TimeRange; limits?: HuntingLimits; now?: number },
): Promise<HuntingAnswer> {
  const analysis = analyzeQuery(text, { catalog: options.catalog });
  const error = analysis.diagnostics.find((d) => d.severity === "error");
  if (error) return { error: { code: "query_error", ...toPublicError(text, error) } };
  const limits = options.limits ?? {};
  const deadline = AbortSignal.timeout(limits.timeoutMs ?? 60_000);
  const signal = limits.signal ? AbortSignal.any([limits.signal, deadline]) : deadline;
  const maxEvents = limits.maxEvents ?? 2_000_000;
  const tables = new Map<
    string,
    { columns: readonly { name: string; type: ScalarType }[]; rows: Value[][] }
  >();
  let read = 0;
  for (const name of analysis.bound?.info.sources ?? []) {
    const schema = options.catalog.get(name);
    if (!schema) continue;
    const rows = await readTable(nc, name, schema.columns, options.range, signal, () => {
      read++;
      return read <= maxEvents;
    });
    if (rows === "too_many") {
      return {
        error: {
          code: "too_many_events",
          message:
            `Query reads more than ${maxEvents} events: narrow the timespan or filter by TimeGenerated`,
        },
      };
    }
    if (rows === "aborted") {
      return {
        error: {
          code: deadline.aborted ? "timeout" : "cancelled",
          message: deadline.aborted ? "Query timed out" : "Query cancelled",
        },
      };
    }
    tables.set(name, { columns: schema.columns, rows });
  }
  const result: QueryResult = runQuery(text, {
    tables,
    catalog: options.catalog,
    now: (options.now ?? Date.now()) * 1000,
    limits: { maxRows: limits.maxRows ?? 500_000, signal },
  });
  const failure = result.diagnostics.find((d) => d.severity === "error");
  if (failure) return { error: { code: "query_error", ...toPublicError(text, failure) } };
  const types = result.columns.map((c) => c.type);
  return {
    columns: result.columns.map((c) => ({ name: c.name, type: c.type })),
    rows: result.rows.map((row) => row.map((v, i) => toRestValue(v, types[i]))),
    ...(result.chart ? { chart: result.chart } : {}),
  };
}

/** Read one table's events in a range from the stream; "too_many" past the budget, "aborted" on cancel. */
async function readTable(
  nc: NatsConnection,
  table: string,
  columns: readonly { name: string; type: ScalarType }[],
  range: TimeRange | undefined,
  signal: AbortSignal,
  budget: () => boolean,
): Promise<Value[][] | "too_many" | "aborted"> {
  const subject = `siem.events.${table}`;
  const jsm = await jetstreamManager(nc);
  const last = await jsm.streams.getMessage(TOPOLOGY.events.stream, { last_by_subj: subject }).catch(() =>
    null
  );
  if (!last || (range && last.timestamp && Date.parse(last.timestamp) < range.start - 60_000)) return [];
  const decode = rowDecoder(columns);
  const timeIndex = columns.findIndex((c) => c.name === "TimeGenerated");
  const startUs = range ? range.start * 1000 : -Infinity;
  const endUs = range ? range.end * 1000 : Infinity;
  // An ephemeral consumer with one subject filter (ordered consumers filter with `filter_subjects`, which
  // nats-server 2.9 lacks); it removes itself when idle even if we never get to delete it.
  const info = await jsm.consumers.add(TOPOLOGY.events.stream, {
    filter_subject: subject,
    ack_policy: AckPolicy.None,
    inactive_threshold: 30 * 1e9,
    mem_storage: true,
    ...(range
      // Messages are stored when ingested; events may carry older times, so start a margin before the range.
      ? {
        deliver_policy: DeliverPolicy.StartTime,
        opt_start_time: new Date(range.start - 3_600_000).toISOString(),
      }
      : { deliver_policy: DeliverPolicy.All }),
  });
  const consumer = await jetstream(nc).consumers.get(TOPOLOGY.events.stream, info.name);
  const messages = await consumer.consume();
  const rows: Value[][] = [];
  const decoder = new TextDecoder();
  const onAbort = () => messages.stop();
  signal.addEventListener("abort", onAbort);
  try {
    for await (const m of messages) {
      if (m.subject === subject) {
        for (const line of decoder.decode(m.data).split("\n")) {
          if (line === "") continue;
          const row = decode(JSON.parse(line));
          const t = row[timeIndex];
          if (typeof t === "number" && (t < startUs || t >= endUs)) continue;
          if (!budget()) return "too_many";
          rows.push(row);
        }
      }
      if (m.seq >= last.seq) break;
    }
    return signal.aborted ? "aborted" : rows;
  } finally {
    signal.removeEventListener("abort", onAbort);
    messages.stop();
    await jsm.consumers.delete(TOPOLOGY.events.stream, info.name).catch(() => {});
  }
}
