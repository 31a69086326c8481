/**
 * The in-memory evaluator against hand-written JavaScript doing the same work over the same 1M generated
 * SecurityEvent rows (array rows, datetimes in microseconds). Target: the filter pipeline within 1.5x of the
 * hand-written code.
 *
 *   npx -y deno@2 bench -A bench/eval_bench.ts
 *
 * Group "eval-filter": where + extend + project. Group "eval-summarize": count and max by a key and a time bin.
 */
import { runQuery, type Table } from "../query/eval/mod.ts";
import type { Value } from "../query/values/mod.ts";
import { generateSecurityEvents, SECURITY_EVENT_COLUMNS } from "./fixtures/security_events.ts";

const ROWS = Number(Deno.env.get("EVAL_BENCH_ROWS") ?? 1_000_000);
const table: Table = { columns: SECURITY_EVENT_COLUMNS, rows: generateSecurityEvents(ROWS) as Value[][] };
const tables = { SecurityEvent: table };
const HOUR = 3_600_000_000;

const FILTER_QUERY = `SecurityEvent
| where EventID == 4625 and LogonType == 3
| extend Hour = bin(TimeGenerated, 1h), Host = tolower(Computer)
| project Hour, Host, Account, IpAddress`;

const SUMMARIZE_QUERY = `SecurityEvent
| summarize Count = count(), Last = max(TimeGenerated) by Computer, bin(TimeGenerated, 1h)`;

function check(rows: number, expected: number, name: string): void {
  if (rows !== expected) throw new Error(`'${name}' produced ${rows} rows, expected ${expected}`);
}

/** The hand-written filter pipeline: the same filter, columns and values. */
function filterByHand(rows: readonly Value[][]): Value[][] {
  const out: Value[][] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r[3] === 4625 && r[4] === 3) {
      const t = r[0] as number;
      out.push([Math.floor(t / HOUR) * HOUR, (r[1] as string).toLowerCase(), r[2], r[5]]);
    }
  }
  return out;
}

/** The hand-written summarize: a map from the composite key to count and max. */
function summarizeByHand(rows: readonly Value[][]): Value[][] {
  const groups = new Map<string, Value[]>();
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const t = r[0] as number;
    const bin = Math.floor(t / HOUR) * HOUR;
    const key = `${r[1]}\u0001${bin}`;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [r[1], bin, 1, t]);
    else {
      (g[2] as number)++;
      if (t > (g[3] as number)) g[3] = t;
    }
  }
  return [...groups.values()];
}

const expectedFilter = filterByHand(table.rows).length;
const expectedGroups = summarizeByHand(table.rows).length;

Deno.bench({
  name: `hand-written filter+extend (${ROWS} rows)`,
  group: "eval-filter",
  baseline: true,
  fn() {
    check(filterByHand(table.rows).length, expectedFilter, "hand-written filter");
  },
});

Deno.bench({
  name: `runQuery filter+extend (${ROWS} rows)`,
  group: "eval-filter",
  fn() {
    check(runQuery(FILTER_QUERY, { tables }).rows.length, expectedFilter, "runQuery filter");
  },
});

Deno.bench({
  name: `hand-written summarize (${ROWS} rows)`,
  group: "eval-summarize",
  baseline: true,
  fn() {
    check(summarizeByHand(table.rows).length, expectedGroups, "hand-written summarize");
  },
});

Deno.bench({
  name: `runQuery summarize (${ROWS} rows)`,
  group: "eval-summarize",
  fn() {
    check(runQuery(SUMMARIZE_QUERY, { tables }).rows.length, expectedGroups, "runQuery summarize");
  },
});
