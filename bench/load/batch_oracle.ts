/**
 * The batch oracle of the load test: the alerts DESIGN.md's definition gives for the events that were stored,
 * computed the plain way: the engine's event store only keeps the rows sorted by time; no plan, early firing or
 * watermark is involved. A Scheduled rule with frequency F and period P is evaluated at every instant t = kF in
 * the checked range over the events with TimeGenerated in (t-P, t] that were stored by the time the instant
 * closes (t plus the allowed lateness: an event stored later misses the windows that closed before it, as in any
 * stream processor with allowed lateness, and as Sentinel's scheduled queries miss late-ingested rows), with
 * now() = t; an NRT rule over each stored message (the batch the workers see), with now() = its latest event.
 * Suppression applies as Sentinel applies it.
 */
import { analyzeQuery, Catalog } from "../../query/mod.ts";
import { runQuery } from "../../query/eval/run_query.ts";
import { buildAlerts } from "../../streams/alerts/mod.ts";
import { earlyFiring, EventStore, type TableSlice } from "../../streams/detect/mod.ts";
import type { Rule } from "../../streams/rules/mod.ts";

/** One message of SIEM_EVENTS, decoded. */
export interface StoredMessage {
  readonly seq: number;
  readonly table: string;
  readonly rows: readonly Record<string, unknown>[];
  /** When JetStream stored it, microseconds. */
  readonly storedMicros: number;
}

type WindowTables = Map<string, TableSlice>;

/** Every table's rows in `(from, to]`, from a store holding the stored events. */
function windowTables(store: EventStore, tables: Iterable<string>, from: number, to: number): WindowTables {
  const out: WindowTables = new Map();
  for (const name of tables) {
    const slice = store.slice(name, from, to);
    if (slice) out.set(name, slice);
  }
  return out;
}

/**
 * The alert ids the definition raises.
 *
 * @param rules the rules as validated (same id and version as the running ones)
 * @param messages the stored event messages, in stream order
 * @param range scheduled instants checked: every multiple of F in [from, to] (microseconds), and the allowed
 *   lateness (events stored after an instant's close are not in its window; without it, every stored event is)
 * @returns SystemAlertId -> rule name
 */
export async function oracleAlerts(
  rules: readonly Rule[],
  messages: readonly StoredMessage[],
  range: { from: number; to: number; latenessMicros?: number },
): Promise<Map<string, string>> {
  const catalog = Catalog.builtin();
  const schemaOf = (table: string) => catalog.get(table);
  const tables = new Set(messages.map((m) => m.table));
  const expected = new Map<string, string>();
  for (const rule of rules) {
    // A rule that raises result rows early knows them by their group keys, and so do their alert ids.
    const analysis = analyzeQuery(rule.query, { catalog, period: rule.queryPeriod });
    const keyColumns = earlyFiring(
      rule,
      analysis.mode.plan?.query ?? analysis.query,
      new Set(catalog.names()),
    )
      ?.perResult?.keyColumns;
    // Messages join the store in stream (= storage) order as the instants advance.
    const store = new EventStore(schemaOf);
    let next = 0;
    const storedBy = (time: number) => {
      while (next < messages.length && messages[next].storedMicros <= time) {
        store.add(messages[next].table, messages[next].rows);
        next++;
      }
    };
    let suppressedUntil = -Infinity;
    const raise = async (
      rows: WindowTables,
      start: number,
      end: number,
    ) => {
      const result = runQuery(rule.query, { tables: rows, now: end, limits: { maxRows: 1_000_000 } });
      if (result.diagnostics.some((d) => d.severity === "error")) {
        throw new Error(`Oracle: rule '${rule.name}' failed: ${result.diagnostics[0].message}`);
      }
      const alerts = await buildAlerts(rule, result, {
        windowStart: start,
        windowEnd: end,
        now: new Date(end / 1000),
        keyColumns,
      });
      if (alerts.length === 0) return;
      if (rule.suppressionEnabled && rule.suppressionDuration) {
        if (end < suppressedUntil) return;
        suppressedUntil = end + rule.suppressionDuration;
      }
      for (const a of alerts) expected.set(a.SystemAlertId, rule.name);
    };
    if (rule.kind === "NRT") {
      const sources = analyzeQuery(rule.query, { catalog }).bound?.info.sources ?? new Set<string>();
      for (const m of messages) {
        if (!sources.has(m.table)) continue;
        // As the engine does: the message's rows in their own order, in a window from its earliest to latest.
        const batch = new EventStore(schemaOf).add(m.table, m.rows);
        if (batch.times.length === 0) continue;
        const start = Math.min(...batch.times) - 1;
        const end = Math.max(...batch.times);
        await raise(
          new Map([[m.table, { columns: catalog.get(m.table)!.columns, rows: batch.rows }]]),
          start,
          end,
        );
      }
      continue;
    }
    const { queryFrequency: f, queryPeriod: p } = rule;
    if (!f || !p) continue;
    for (let t = Math.ceil(range.from / f) * f; t <= range.to; t += f) {
      storedBy(range.latenessMicros === undefined ? Infinity : t + range.latenessMicros);
      await raise(windowTables(store, tables, t - p, t), t - p, t);
    }
  }
  return expected;
}
