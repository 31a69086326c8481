/**
 * Differential test of the two back ends: seeded random tables (hostile strings included) loaded into DuckDB,
 * seeded random queries run once compiled to SQL and once by the in-memory engine over the same rows read back;
 * the tables must be equal (row order only when the query orders every column). Operators generated: where,
 * extend, summarize, join/lookup, project, union, count/distinct, mv-expand (arrays, bags, typed, in parallel,
 * with_itemindex, limit), parse (simple, relaxed, regex, parse-where, typed captures) and make-series (from/to,
 * in range(), data-derived range, defaults, by keys, datetime/timespan/number axes). One seed runs in the
 * suite; `SQL_DIFF_SEEDS=200` runs more, `SQL_DIFF_SEED=n` one chosen seed.
 */
import assert from "node:assert/strict";
import { Catalog, type TableSchema } from "../query/mod.ts";
import { toRestValue } from "../query/eval/mod.ts";
import type { Value } from "../query/values/mod.ts";
import { insertRows } from "../runtime/duckdb/insert_rows.ts";
import { openDuckDb } from "../runtime/duckdb/open_duckdb.ts";
import { type DuckDbQueryResult, runKqlOnDuckDb } from "../runtime/duckdb/run_kql.ts";
import { Rng } from "./kql_parse_corpus.ts";

const NOW = Date.UTC(2024, 0, 2) * 1000;
const HOUR = 3_600_000_000;

const EVENTS: TableSchema = {
  name: "Events",
  columns: [
    { name: "TimeGenerated", type: "datetime" },
    { name: "Account", type: "string" },
    { name: "Computer", type: "string" },
    { name: "EventID", type: "long" },
    { name: "Level", type: "int" },
    { name: "Score", type: "real" },
    { name: "Duration", type: "timespan" },
    { name: "Ok", type: "bool" },
    { name: "Props", type: "dynamic" },
    { name: "Message", type: "string" },
    { name: "Tags", type: "dynamic" },
  ],
};
const USERS: TableSchema = {
  name: "Users",
  columns: [{ name: "Account", type: "string" }, { name: "Dept", type: "string" }, {
    name: "Level",
    type: "int",
  }],
};

/** Strings that must stay data: quotes, backslashes, NUL, SQL, unicode, case variants. */
const STRINGS = [
  "alice",
  "Alice",
  "ALICE",
  "bob smith",
  "bob-smith",
  "O'Brien",
  'say "hi"',
  "back\\slash",
  "'; DROP TABLE Events; --",
  "ünïcødé Ärger",
  "tab\there",
  "nul\u0000char",
  "",
  "host-01.corp",
  "HOST-02.corp",
];

/** Log lines for `parse`: matching, half-matching and hostile ones. */
const MESSAGES = [
  "user=alice id=12 from 10.0.0.1 took 00:00:05",
  "user=bob smith id=x from ::1",
  "USER=Alice id=7 ",
  "user= id=",
  "no match here",
  "user=O'Brien id=-3 from 'q' took 1.00:00:00",
  "user=ünï id=99999 from \\back took 5m",
  "",
  "user=tab\there id=1.5 from x",
  "nul\u0000 user=a id=1",
  "user=x id=2 from y=3 id=4",
];

/** Arrays, bags, scalars and nulls for `mv-expand`. */
const TAGS: Value[] = [
  [1, "a", null, 2.5, true],
  [],
  null,
  { a: 1, b: "x" },
  "scalar",
  [[1, 2], { k: "v" }],
  [3, 4, 5, 6],
  ["00:01:00", "2024-01-01", "x"],
];

function eventRows(rng: Rng, n: number): Value[][] {
  const maybe = <T>(v: T): T | null => rng.chance(0.1) ? null : v;
  return Array.from({ length: n }, () => [
    maybe(NOW - rng.int(72) * HOUR - rng.int(3600) * 1_000_000),
    maybe(rng.pick(STRINGS)),
    maybe(rng.pick(STRINGS.slice(12))),
    maybe(rng.pick([4624, 4625, 4688, 1, 0, -3])),
    maybe(rng.int(6)),
    maybe(Math.round(rng.next() * 1000) / 8),
    maybe(rng.int(5000) * 1_000_000),
    maybe(rng.chance(0.5)),
    maybe<Value>(
      rng.chance(0.5)
        ? { k: rng.pick(STRINGS.slice(0, 6)), n: rng.int(10) }
        : { n: rng.int(3), list: [1, 2] },
    ),
    maybe(rng.pick(MESSAGES)),
    rng.pick(TAGS),
  ]);
}

function userRows(rng: Rng): Value[][] {
  return STRINGS.slice(0, 8).filter(() => rng.chance(0.7)).map((
    a,
  ) => [a, rng.pick(["IT", "HR", "it"]), rng.int(6)]);
}

const lit = (s: string) => JSON.stringify(s).replaceAll("\\u0000", "\\0");

function predicate(rng: Rng, depth = 0): string {
  if (depth < 2 && rng.chance(0.25)) {
    return `(${predicate(rng, depth + 1)} ${rng.pick(["and", "or"])} ${predicate(rng, depth + 1)})`;
  }
  const s = lit(rng.pick(STRINGS));
  const term = lit(rng.pick(["alice", "bob", "smith", "corp", "host", "o", "'"]));
  return rng.pick([
    `Account == ${s}`,
    `Account != ${s}`,
    `Account =~ ${s}`,
    `Account !~ ${s}`,
    `Account contains ${term}`,
    `Account !contains ${term}`,
    `Account contains_cs ${term}`,
    `Account startswith ${term}`,
    `Account endswith_cs ${term}`,
    `Account has ${term}`,
    `Computer !has ${term}`,
    `Account hasprefix ${term}`,
    `Account in (${s}, "alice")`,
    `Account !in~ (${s}, "BOB SMITH")`,
    `Account has_any ("smith", "alice")`,
    `isempty(Account)`,
    `isnotempty(Computer)`,
    `strlen(Account) > 4`,
    `Account matches regex "^[a-z]+$"`,
    `EventID > ${rng.int(5000)}`,
    `EventID between (0 .. 4625)`,
    `EventID in (4624, 4625)`,
    `EventID % 2 == 0`,
    `isnull(EventID)`,
    `Level >= ${rng.int(6)}`,
    `Score < ${rng.int(120)}`,
    `TimeGenerated > ago(${rng.int(72)}h)`,
    `TimeGenerated between (datetime(2024-01-01) .. 6h)`,
    `Duration > ${rng.int(80)}m`,
    `Ok`,
    `not(Ok)`,
    `tostring(Props.k) == ${s}`,
    `toint(Props.n) > ${rng.int(10)}`,
    `Props.k == "alice"`,
    `array_length(Props.list) == 2`,
  ]);
}

function extension(rng: Rng, i: number): string {
  return `X${i} = ${
    rng.pick([
      "EventID * 2",
      "EventID / 3",
      "EventID - Level",
      "Score / 2",
      "Level + 1",
      "strcat(Account, '-', Computer)",
      "tolower(Account)",
      "toupper(Computer)",
      "bin(TimeGenerated, 1h)",
      "startofday(TimeGenerated)",
      "TimeGenerated + 1d",
      "TimeGenerated - datetime(2024-01-01)",
      "Duration * 2",
      "Duration / 1m",
      "iff(EventID > 4000, 'big', 'small')",
      "case(Level > 3, 'hi', Level > 1, 'mid', 'lo')",
      "tostring(Props.k)",
      "Props.n",
      "coalesce(EventID, 0)",
      "strlen(Account)",
      "substring(Account, 1, 3)",
      "Account has 'smith'",
      "isnull(Score)",
      "format_datetime(TimeGenerated, 'yyyy-MM-dd HH')",
      "hash(Account)",
    ])
  }`;
}

function aggregate(rng: Rng, i: number): string {
  return `A${i} = ${
    rng.pick([
      "count()",
      "dcount(Account)",
      "sum(EventID)",
      "sum(Level)",
      "min(TimeGenerated)",
      "max(EventID)",
      "avg(Level)",
      "countif(Ok)",
      "sumif(EventID, Ok)",
      "dcountif(Computer, EventID > 10)",
      "max(Duration)",
      "min(Account)",
    ])
  }`;
}

function mvExpand(rng: Rng): string {
  return rng.pick([
    "mv-expand Tags",
    "mv-expand T = Tags to typeof(long)",
    "mv-expand with_itemindex=Ix Tags to typeof(string)",
    "mv-expand Tags to typeof(real)",
    "mv-expand Tags to typeof(bool)",
    "mv-expand Tags to typeof(timespan)",
    "mv-expand L = Props.list to typeof(long), Tags",
    "mv-expand bagexpansion=array Props",
    "mv-expand Props limit 1",
    "mv-expand kind=array Tags, Props limit 3",
    "mv-expand Tags | where isnotnull(Tags)",
  ]);
}

function parse(rng: Rng): string {
  return rng.pick([
    'parse Message with "user=" U " id=" Id:long " " *',
    'parse kind=relaxed Message with * "id=" Id:long " from " Ip',
    'parse-where Message with "user=" U " id=" Id:int *',
    'parse kind=regex Message with "user=" U:string " id=" Id:long',
    'parse kind=regex flags=i Message with "USER=" U " "',
    'parse Message with "user=" Account " " *',
    'parse Account with "bob" Rest',
    'parse Message with * "=" V:real',
    'parse Message with * "took " D:timespan',
    'parse-where kind=relaxed Message with "user=" U:string " id=" Id:long',
    'parse kind=regex Message with "id=([0-9]+)" N " " *',
    'parse Message with * "(" X ")" *',
  ]);
}

function makeSeries(rng: Rng): string {
  return rng.pick([
    "make-series c = count() on TimeGenerated step 6h by Computer",
    "make-series s = sum(EventID) default = -1, a = avg(Score) on TimeGenerated from datetime(2024-01-01) to datetime(2024-01-02) step 4h",
    "make-series max(Level) on TimeGenerated in range(ago(3d), now(), 12h) by Ok",
    "make-series c = countif(Ok) on Duration step 10m by Account",
    "make-series dcount(Account) on EventID step 1000",
    "make-series n = count() default = 0 on Score step 25.5 by Level",
  ]);
}

function query(rng: Rng): { text: string; ordered: boolean } {
  const ops: string[] = [];
  let shape: "events" | "other" = "events";
  for (let n = rng.int(4); n >= 0; n--) {
    const kind = shape === "events" ? rng.int(13) : 9;
    if (kind === 12) {
      ops.push(makeSeries(rng));
      shape = "other";
      continue;
    }
    if (kind === 10) {
      ops.push(mvExpand(rng));
      continue;
    }
    if (kind === 11) {
      ops.push(parse(rng));
      continue;
    }
    if (kind <= 2) ops.push(`where ${predicate(rng)}`);
    else if (kind <= 4) {
      ops.push(`extend ${Array.from({ length: 1 + rng.int(2) }, (_, i) => extension(rng, i)).join(", ")}`);
    } else if (kind === 5) {
      const by = rng.pick(["", " by Account", " by bin(TimeGenerated, 6h)", " by Ok, Level", " by Computer"]);
      ops.push(
        `summarize ${Array.from({ length: 1 + rng.int(3) }, (_, i) => aggregate(rng, i)).join(", ")}${by}`,
      );
      shape = "other";
    } else if (kind === 6) {
      ops.push(
        rng.pick([
          "join kind=inner (Users) on Account",
          "join kind=leftouter (Users) on Account",
          "join kind=leftsemi (Users) on Account",
          "join kind=leftanti (Users) on Account",
          "join kind=rightanti (Users) on Account",
          "join kind=fullouter (Users) on Account",
          "lookup (Users | summarize Dept = max(Dept) by Account) on Account",
          "join kind=inner (Users | project Who = Account, Dept) on $left.Account == $right.Who",
        ]),
      );
      shape = "other";
    } else if (kind === 7) {
      ops.push(
        rng.pick([
          "project Account, EventID, TimeGenerated",
          "project-away Props",
          "distinct Account, Level",
        ]),
      );
      shape = "other";
    } else if (kind === 8) {
      ops.push(`union (Events | where ${predicate(rng)})`);
    } else ops.push(rng.pick(["count", "distinct *", "summarize count()", "project-rename Who = Account"]));
    if (ops.at(-1) === "count" || ops.at(-1) === "summarize count()") break;
  }
  return { text: ["Events", ...ops].join("\n| "), ordered: false };
}

function canonical(result: DuckDbQueryResult): string[] {
  return result.rows.map((row) =>
    JSON.stringify(row.map((v, i) => {
      const rest = toRestValue(v, result.columns[i].type);
      return typeof rest === "number" && !Number.isInteger(rest) ? Number(rest.toPrecision(12)) : rest;
    }))
  ).sort();
}

async function runSeed(
  seed: number,
  queries: number,
): Promise<{ compiled: number; total: number; expand: { compiled: number; total: number } }> {
  const rng = new Rng(seed);
  const db = await openDuckDb();
  const conn = db.connect();
  let compiled = 0;
  const expand = { total: 0, compiled: 0 };
  try {
    insertRows(conn, EVENTS, eventRows(rng, 80));
    insertRows(conn, USERS, userRows(rng));
    const catalog = Catalog.builtin().withSchemas([EVENTS, USERS]);
    for (let i = 0; i < queries; i++) {
      const { text } = query(rng);
      const sql = runKqlOnDuckDb(conn, text, { catalog, now: NOW });
      const memory = runKqlOnDuckDb(conn, text, { catalog, now: NOW, engine: "memory" });
      if (sql.engine === "duckdb") compiled++;
      if (/mv-expand|parse|make-series/.test(text)) {
        expand.total++;
        if (sql.engine === "duckdb") expand.compiled++;
      }
      const context = `seed ${seed} query ${i}:\n${text}\n${sql.sql ?? sql.fallbackReason}`;
      assert.deepEqual(sql.diagnostics.map((d) => d.code), memory.diagnostics.map((d) => d.code), context);
      assert.deepEqual(sql.columns, memory.columns, context);
      assert.deepEqual(canonical(sql), canonical(memory), context);
    }
  } finally {
    conn.close();
    db.close();
  }
  return { compiled, total: queries, expand };
}

Deno.test("DuckDB and the in-memory engine agree on generated queries over generated tables", async () => {
  const one = Deno.env.get("SQL_DIFF_SEED");
  const seeds = one !== undefined ? [Number(one)] : Array.from(
    { length: Number(Deno.env.get("SQL_DIFF_SEEDS") ?? "1") },
    (_, i) => 7 + i,
  );
  let compiled = 0;
  let total = 0;
  const expand = { compiled: 0, total: 0 };
  for (const seed of seeds) {
    const r = await runSeed(seed, 40);
    compiled += r.compiled;
    total += r.total;
    expand.compiled += r.expand.compiled;
    expand.total += r.expand.total;
  }
  console.log(
    `compiled to SQL: ${compiled} of ${total} generated queries; ` +
      `with mv-expand, parse or make-series: ${expand.compiled} of ${expand.total}`,
  );
  // Most generated queries must really run as SQL, or the test would only compare the engine with itself.
  assert.ok(compiled >= total * 0.6, `only ${compiled} of ${total} queries compiled`);
});

Deno.test("hostile names and literals stay names and literals in the SQL", async () => {
  const db = await openDuckDb();
  const conn = db.connect();
  try {
    insertRows(conn, USERS, [["O'Brien", "IT", 1], ['x"; DROP TABLE Users; --', "HR", 2]]);
    const catalog = Catalog.builtin().withSchemas([EVENTS, USERS]);
    const queries = [
      `Users | extend ['a"b; DROP TABLE Users; --'] = strcat(Account, "'); DROP TABLE Users; --") | project ['a"b; DROP TABLE Users; --']`,
      `Users | where Account == 'x"; DROP TABLE Users; --' or Account == "O'Brien" | project Account`,
      `Users | where Account != "\\'" and Dept !contains "\0" | summarize ['count"'] = count() by ['by key'] = Dept`,
      `print s = strcat("quote' ", 'dq" ', "backslash\\\\ ", "tab\\t ünï 🐱")`,
      `Users | parse Account with "x\\"; DROP" Rest | project Rest`,
      `Users | parse kind=regex Account with "O'(.)" R "[$^]*" | project R`,
      `Users | extend d = dynamic(["'); DROP TABLE Users; --", "\\\\"]) | mv-expand ['x"y'] = d to typeof(string) | project ['x"y']`,
    ];
    for (const text of queries) {
      const sql = runKqlOnDuckDb(conn, text, { catalog, now: NOW });
      const memory = runKqlOnDuckDb(conn, text, { catalog, now: NOW, engine: "memory" });
      assert.equal(sql.engine, "duckdb", `${text}: ${sql.fallbackReason}`);
      assert.deepEqual(sql.diagnostics, []);
      assert.deepEqual(sql.columns, memory.columns, text);
      assert.deepEqual(canonical(sql), canonical(memory), text);
    }
    assert.equal(runKqlOnDuckDb(conn, "Users | count", { catalog, now: NOW }).rows[0][0], 2);
  } finally {
    conn.close();
    db.close();
  }
});
