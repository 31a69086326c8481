/**
 * The batch oracle of the load test: the alerts DESIGN.md's definition gives for the events that were stored,
 * computed the plain way, independent of the detection engine. A Scheduled rule with frequency F and period P is
 * evaluated at every instant t = kF in the checked range over the events with TimeGenerated in (t-P, t], with
 * now() = t; an NRT rule over each stored message (the batch the workers see), with now() = its latest event.
 * Suppression applies as Sentinel applies it.
 */
import { analyzeQuery, Catalog, type ColumnSchema } from "../../query/mod.ts";
import { runQuery } from "../../query/eval/run_query.ts";
import { rowDecoder, type Value } from "../../query/values/mod.ts";
import { buildAlerts } from "../../streams/alerts/mod.ts";
import type { Rule } from "../../streams/rules/mod.ts";

/** One message of SIEM_EVENTS, decoded. */
export interface StoredMessage {
  readonly seq: number;
  readonly table: string;
  readonly rows: readonly Record<string, unknown>[];
}

interface TimedTable {
  readonly columns: readonly ColumnSchema[];
  readonly times: number[];
  readonly rows: Value[][];
}

/** Rows of each table sorted by TimeGenerated, decoded into run-time values once. */
function timedTables(messages: readonly StoredMessage[], catalog: Catalog): Map<string, TimedTable> {
  const decoded = new Map<string, Array<{ time: number; row: Value[] }>>();
  for (const m of messages) {
    const schema = catalog.get(m.table);
    if (!schema) continue;
    const decode = rowDecoder(schema.columns);
    const at = schema.columns.findIndex((c) => c.name === "TimeGenerated");
    const list = decoded.get(m.table) ?? [];
    for (const json of m.rows) {
      const row = decode(json);
      if (typeof row[at] === "number") list.push({ time: row[at] as number, row });
    }
    decoded.set(m.table, list);
  }
  const out = new Map<string, TimedTable>();
  for (const [table, list] of decoded) {
    list.sort((a, b) => a.time - b.time);
    out.set(table, {
      columns: catalog.get(table)!.columns,
      times: list.map((e) => e.time),
      rows: list.map((e) => e.row),
    });
  }
  return out;
}

/** First index whose time is greater than `value`. */
function upperBound(times: readonly number[], value: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The tables a rule reads (all catalog tables the query names; unknown ones simply have no rows). */
function windowTables(
  tables: ReadonlyMap<string, TimedTable>,
  from: number,
  to: number,
): Map<string, { columns: TimedTable["columns"]; rows: Value[][] }> {
  const out = new Map<string, { columns: TimedTable["columns"]; rows: Value[][] }>();
  for (const [name, t] of tables) {
    out.set(name, {
      columns: t.columns,
      rows: t.rows.slice(upperBound(t.times, from), upperBound(t.times, to)),
    });
  }
  return out;
}

/**
 * The alert ids the definition raises.
 *
 * @param rules the rules as validated (same id and version as the running ones)
 * @param messages the stored event messages, in stream order
 * @param range scheduled instants checked: every multiple of F in [from, to] (microseconds)
 * @returns SystemAlertId -> rule name
 */
export async function oracleAlerts(
  rules: readonly Rule[],
  messages: readonly StoredMessage[],
  range: { from: number; to: number },
): Promise<Map<string, string>> {
  const catalog = Catalog.builtin();
  const tables = timedTables(messages, catalog);
  const expected = new Map<string, string>();
  for (const rule of rules) {
    let suppressedUntil = -Infinity;
    const raise = async (
      rows: Map<string, { columns: TimedTable["columns"]; rows: Value[][] }>,
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
        const schema = catalog.get(m.table);
        if (!schema || m.rows.length === 0) continue;
        const single = timedTables([m], catalog);
        const t = single.get(m.table);
        if (!t || t.times.length === 0) continue;
        const start = t.times[0] - 1;
        const end = t.times[t.times.length - 1];
        await raise(windowTables(single, start, end), start, end);
      }
      continue;
    }
    const { queryFrequency: f, queryPeriod: p } = rule;
    if (!f || !p) continue;
    for (let t = Math.ceil(range.from / f) * f; t <= range.to; t += f) {
      await raise(windowTables(tables, t - p, t), t - p, t);
    }
  }
  return expected;
}
