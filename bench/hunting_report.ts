/**
 * Hunting benchmark: five KQL hunting queries (filter, group-by count, dcount, join, time-binned series) over
 * generated SecurityEvent rows (bench/fixtures/security_events.ts), in one run:
 * - our KQL compiled to SQL on DuckDB-WASM (`runKqlOnDuckDb`, Arrow result converted to our values),
 * - the equivalent hand-written SQL on the same database (baseline, result converted the same way),
 * - the in-memory engine (`runQuery`) over the same rows in JavaScript arrays.
 * Prints a table with the medians and the ratios (each ratio is the median of the per-round ratios, which is
 * steadier than a ratio of medians when other processes load the machine); the target is KQL/SQL within 1.1x.
 *
 *   deno run -A bench/hunting_report.ts                         # 10M rows (several GB of memory, minutes)
 *   HUNTING_BENCH_ROWS=1000000 deno run -A bench/hunting_report.ts
 *
 * `HUNTING_BENCH_RUNS` sets the timed runs per measurement (default 3, after one warm-up run).
 */
import { Catalog, type ColumnSchema } from "../query/mod.ts";
import { runQuery } from "../query/eval/mod.ts";
import type { Value } from "../query/values/mod.ts";
import { createTableSql, quoteIdent } from "../query/sql/mod.ts";
import { openDuckDb } from "../runtime/duckdb/open_duckdb.ts";
import { arrowRows, runKqlOnDuckDb } from "../runtime/duckdb/run_kql.ts";
import { generateSecurityEvents, SECURITY_EVENT_COLUMNS } from "./fixtures/security_events.ts";

const ROWS = Number(Deno.env.get("HUNTING_BENCH_ROWS") ?? "10000000");
const RUNS = Number(Deno.env.get("HUNTING_BENCH_RUNS") ?? "3");
const CHUNK = 500_000;
const SCHEMA = { name: "SecurityEvent", columns: SECURITY_EVENT_COLUMNS };

interface Case {
  readonly name: string;
  readonly kql: string;
  readonly sql: string;
}

const T = '"SecurityEvent"';
const CASES: readonly Case[] = [
  {
    name: "filter",
    kql:
      `SecurityEvent | where EventID == 4625 and LogonType == 3 and Account startswith "CONTOSO\\\\user42" | count`,
    sql:
      `SELECT count(*) FROM ${T} WHERE "EventID" = 4625 AND "LogonType" = 3 AND starts_with(lower("Account"), 'contoso\\user42')`,
  },
  {
    name: "group-by count",
    kql: "SecurityEvent | summarize count() by Computer",
    sql: `SELECT "Computer", count(*) FROM ${T} GROUP BY "Computer"`,
  },
  {
    name: "dcount",
    kql: "SecurityEvent | where EventID == 4625 | summarize dcount(Account) by Computer",
    sql: `SELECT "Computer", count(DISTINCT "Account") FROM ${T} WHERE "EventID" = 4625 GROUP BY "Computer"`,
  },
  {
    name: "join",
    kql: `SecurityEvent | where EventID == 4625 | summarize Failures = count() by Account
| join kind=inner (SecurityEvent | where EventID == 4624 | summarize Successes = count() by Account) on Account
| where Failures > Successes | count`,
    sql: `SELECT count(*) FROM
  (SELECT "Account", count(*) AS f FROM ${T} WHERE "EventID" = 4625 GROUP BY "Account") a
  JOIN (SELECT "Account", count(*) AS s FROM ${T} WHERE "EventID" = 4624 GROUP BY "Account") b
  ON a."Account" = b."Account" WHERE f > s`,
  },
  {
    name: "time-binned series",
    kql: "SecurityEvent | summarize count() by bin(TimeGenerated, 1h), EventID",
    sql:
      `SELECT time_bucket(INTERVAL 1 HOUR, "TimeGenerated") AS t, "EventID", count(*) FROM ${T} GROUP BY t, "EventID"`,
  },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Time the contenders round-robin (one run of each per round, after a warm-up round), so that load from other
 * processes on a shared machine falls on all of them alike; the median of each.
 */
function timeAll(fs: readonly (() => unknown)[]): { ms: number; result: unknown; times: number[] }[] {
  const results = fs.map((f) => f());
  const times: number[][] = fs.map(() => []);
  for (let i = 0; i < RUNS; i++) {
    fs.forEach((f, j) => {
      const started = performance.now();
      results[j] = f();
      times[j].push(performance.now() - started);
    });
  }
  return fs.map((_, j) => ({ ms: median(times[j]), result: results[j], times: times[j] }));
}

/** The median of the per-round ratios a[i] / b[i]. */
function ratio(a: readonly number[], b: readonly number[]): number {
  return median(a.map((x, i) => x / b[i]));
}

/** CSV text of fixture rows (datetimes as ISO text, which DuckDB's CSV reader parses as TIMESTAMP). */
function csv(rows: readonly unknown[][]): string {
  const field = (v: unknown, i: number) => {
    if (v === null) return "";
    if (SECURITY_EVENT_COLUMNS[i].type === "datetime") return new Date((v as number) / 1000).toISOString();
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return rows.map((r) => r.map(field).join(",")).join("\n") + "\n";
}

const db = await openDuckDb();
const conn = db.connect();
console.log(`Generating and loading ${ROWS.toLocaleString("en")} SecurityEvent rows...`);
const rows = generateSecurityEvents(ROWS) as Value[][];
conn.query(createTableSql(SCHEMA));
const loadStart = performance.now();
const encoder = new TextEncoder();
const columnTypes = SECURITY_EVENT_COLUMNS.map((c) =>
  `${quoteIdent(c.name).replaceAll('"', "'")}: '${
    c.type === "datetime" ? "TIMESTAMP" : c.type === "int" ? "INTEGER" : "VARCHAR"
  }'`
).join(", ");
for (let i = 0; i < rows.length; i += CHUNK) {
  db.registerFileBuffer("chunk.csv", encoder.encode(csv(rows.slice(i, i + CHUNK))));
  conn.query(
    `INSERT INTO ${T} SELECT * FROM read_csv('chunk.csv', header = false, quote = '"', escape = '"', columns = {${columnTypes}})`,
  );
  db.dropFile("chunk.csv");
}
console.log(`Loaded in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`);

const catalog = Catalog.builtin().withSchemas([SCHEMA]);
const tables = { SecurityEvent: { columns: SECURITY_EVENT_COLUMNS, rows } };
const now = Date.UTC(2024, 6, 1) * 1000;
const lines: string[] = [];
const pad = (s: string, n: number) => s.padEnd(n);
const fmt = (ms: number) => ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
lines.push(
  `| ${pad("query", 20)} | ${pad("KQL on DuckDB", 14)} | ${pad("hand SQL", 10)} | ${pad("KQL/SQL", 8)} | ${
    pad("in-memory", 10)
  } | ${pad("memory/KQL", 10)} |`,
);
lines.push(
  `|${"-".repeat(22)}|${"-".repeat(16)}|${"-".repeat(12)}|${"-".repeat(10)}|${"-".repeat(12)}|${
    "-".repeat(12)
  }|`,
);
for (const c of CASES) {
  let columns: readonly ColumnSchema[] = [];
  const [kql, hand, memory] = timeAll([
    () => {
      const r = runKqlOnDuckDb(conn, c.kql, { catalog, now });
      columns = r.columns;
      return r;
    },
    // The same conversion of the Arrow result to our values as the KQL path (datetimes as they come).
    () =>
      arrowRows(
        conn.query(c.sql),
        columns.map((col) => ({ ...col, type: col.type === "datetime" ? "long" : col.type })),
      ),
    () => runQuery(c.kql, { tables, now, limits: { maxRows: 10_000_000 } }),
  ]);
  const result = kql.result as ReturnType<typeof runKqlOnDuckDb>;
  if (result.engine !== "duckdb" || result.diagnostics.length > 0) {
    throw new Error(
      `'${c.name}' did not run as SQL: ${result.fallbackReason ?? result.diagnostics[0]?.message}`,
    );
  }
  const handRows = (hand.result as unknown[]).length;
  if (handRows !== result.rows.length) {
    throw new Error(`'${c.name}': KQL gave ${result.rows.length} rows, SQL ${handRows}`);
  }
  const memoryResult = memory.result as ReturnType<typeof runQuery>;
  if (memoryResult.rows.length !== result.rows.length) {
    throw new Error(
      `'${c.name}': in-memory gave ${memoryResult.rows.length} rows, DuckDB ${result.rows.length}`,
    );
  }
  lines.push(
    `| ${pad(c.name, 20)} | ${pad(fmt(kql.ms), 14)} | ${pad(fmt(hand.ms), 10)} | ${
      pad(`${ratio(kql.times, hand.times).toFixed(2)}x`, 8)
    } | ${pad(fmt(memory.ms), 10)} | ${pad(`${ratio(memory.times, kql.times).toFixed(1)}x`, 10)} |`,
  );
  console.log(lines.at(-1));
  // Result lines for `deno task bench` (bench/run_all.ts): the hand-written SQL is the group's baseline.
  const group = `hunting: ${c.name}`;
  const bench = (name: string, value: number, baseline = false) =>
    console.log(`BENCH ${JSON.stringify({ group, name, value, unit: "ms", baseline })}`);
  bench("hand-written SQL on DuckDB-WASM", hand.ms, true);
  bench(`KQL compiled to SQL, ${ROWS.toLocaleString("en")} rows`, kql.ms);
  bench("in-memory engine", memory.ms);
}
console.log(
  `\n${ROWS.toLocaleString("en")} rows, median of ${RUNS} round-robin runs after a warm-up round\n`,
);
console.log(lines.join("\n"));
conn.close();
db.close();
