/**
 * Property tests with seeded random tables and queries, checking laws the evaluator must keep:
 * - `where a | where b` gives the same rows as `where a and b`;
 * - summarize over two halves, merged with a second summarize, equals summarize over the whole;
 * - a pipeline fed in random batches (streamQuery) equals the same pipeline over the whole table (runQuery).
 * A failure prints the seed and the query, so it can be replayed.
 */
import assert from "node:assert/strict";
import type { ColumnSchema } from "../symbols/types.ts";
import type { Value } from "../values/mod.ts";
import { runQuery } from "./run_query.ts";
import { streamQuery } from "./stream_query.ts";
import type { Row, Table } from "./push_operator.ts";

/** mulberry32: a small seeded PRNG, so every run sees the same cases. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COLUMNS: ColumnSchema[] = [
  { name: "a", type: "long" },
  { name: "b", type: "string" },
  { name: "c", type: "real" },
  { name: "t", type: "datetime" },
  { name: "d", type: "dynamic" },
];
const WORDS = ["alpha", "Alpha", "beta", "gamma delta", "", "ALPHA-beta", "x"];
const BASE = Date.UTC(2024, 0, 1) * 1000;

function randomTable(rand: () => number, n: number): Table {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    rows.push([
      rand() < 0.1 ? null : Math.floor(rand() * 20) - 5,
      pick(WORDS),
      rand() < 0.1 ? null : Math.round(rand() * 100) / 10,
      BASE + Math.floor(rand() * 48) * 3_600_000_000,
      rand() < 0.2 ? null : Array.from({ length: Math.floor(rand() * 3) }, () => pick(["p", "q", 1, 2])),
    ]);
  }
  return { columns: COLUMNS, rows };
}

function randomPredicate(rand: () => number, depth = 0): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const n = Math.floor(rand() * 20) - 5;
  const atoms = [
    `a > ${n}`,
    `a <= ${n}`,
    `a == ${n}`,
    `a != ${n}`,
    `isnull(a)`,
    `c < ${n}.5`,
    `isnotnull(c)`,
    `b has "${pick(["alpha", "beta", "delta"])}"`,
    `b =~ "${pick(WORDS)}"`,
    `b contains_cs "${pick(["lph", "LPH", "a"])}"`,
    `b startswith "${pick(["a", "A", "g"])}"`,
    `b in ("x", "beta")`,
    `isempty(b)`,
    `t > datetime(2024-01-02)`,
    `t between (datetime(2024-01-01T06:00:00Z) .. 12h)`,
    `array_length(d) > ${Math.floor(rand() * 3)}`,
  ];
  if (depth < 2 && rand() < 0.3) {
    const op = pick(["and", "or"]);
    return `(${randomPredicate(rand, depth + 1)} ${op} ${randomPredicate(rand, depth + 1)})`;
  }
  if (depth < 2 && rand() < 0.1) return `not(${randomPredicate(rand, depth + 1)})`;
  return pick(atoms);
}

function run(
  text: string,
  tables: Record<string, Table>,
): { columns: readonly ColumnSchema[]; rows: readonly Row[] } {
  const result = runQuery(text, { tables, now: BASE });
  assert.deepEqual(result.diagnostics, [], text);
  return result;
}

Deno.test("law: where a | where b equals where a and b", () => {
  for (let seed = 1; seed <= 200; seed++) {
    const rand = prng(seed);
    const T = randomTable(rand, 40);
    const p1 = randomPredicate(rand);
    const p2 = randomPredicate(rand);
    const chained = run(`T | where ${p1} | where ${p2}`, { T });
    const combined = run(`T | where (${p1}) and (${p2})`, { T });
    assert.deepEqual(chained.rows, combined.rows, `seed ${seed}: ${p1} / ${p2}`);
  }
});

Deno.test("law: summarize over two halves merged equals summarize over the whole", () => {
  for (let seed = 1; seed <= 100; seed++) {
    const rand = prng(1000 + seed);
    const T = randomTable(rand, 30 + Math.floor(rand() * 30));
    const cut = Math.floor(rand() * T.rows.length);
    const T1 = { columns: COLUMNS, rows: T.rows.slice(0, cut) };
    const T2 = { columns: COLUMNS, rows: T.rows.slice(cut) };
    const key = ["b", "bin(t, 6h)", "a % 3"][seed % 3];
    const aggs = "n = count(), s = sum(c), lo = min(a), hi = max(t), k = countif(a > 3)";
    const whole = run(`T | summarize ${aggs} by g = ${key} | sort by g asc`, { T });
    const merged = run(
      `union (T1 | summarize ${aggs} by g = ${key}), (T2 | summarize ${aggs} by g = ${key})
       | summarize n = sum(n), s = sum(s), lo = min(lo), hi = max(hi), k = sum(k) by g | sort by g asc`,
      { T1, T2 },
    );
    const round = (rows: readonly Row[]) =>
      rows.map((r) => r.map((v: Value) => typeof v === "number" ? Math.round(v * 1e9) / 1e9 : v));
    assert.deepEqual(round(merged.rows), round(whole.rows), `seed ${seed}: by ${key}, cut ${cut}`);
  }
});

const PIPELINES = [
  (p: string) => `T | where ${p} | extend e = a * 2, f = strcat(b, "!") | project a, e, f, t`,
  (p: string) => `T | where ${p} | summarize n = count(), m = max(c), s = make_set(b) by b`,
  (p: string) => `T | extend k = a % 4 | where ${p} | sort by k asc, t desc | take 7`,
  (p: string) => `T | where ${p} | distinct b, a`,
  (p: string) => `T | where ${p} | top 5 by c desc nulls last`,
  (p: string) => `T | mv-expand with_itemindex=i d | where ${p} | project a, d, i`,
  (p: string) => `T | where ${p} | count`,
  (p: string) => `T | where ${p} | summarize arg_max(t, *) by bin(t, 1d)`,
  (p: string) =>
    `T | where ${p} | project-away d | join kind=leftouter (T | summarize n = count() by b) on b`,
];

Deno.test("law: batch-fed equals whole-table-fed for the push operators", () => {
  for (let seed = 1; seed <= 150; seed++) {
    const rand = prng(5000 + seed);
    const T = randomTable(rand, 50);
    const query = PIPELINES[seed % PIPELINES.length](randomPredicate(rand));
    const whole = run(query, { T });
    const stream = streamQuery(query, { tables: new Map([["T", T]]), now: BASE });
    assert.ok("push" in stream, query);
    let at = 0;
    while (at < T.rows.length) {
      const size = Math.floor(rand() * 8);
      stream.push(T.rows.slice(at, at + size));
      at += size;
    }
    const streamed = stream.finish();
    assert.deepEqual(streamed.diagnostics, [], query);
    assert.deepEqual(streamed.columns, whole.columns, query);
    assert.deepEqual(streamed.rows, whole.rows, `seed ${seed}: ${query}`);
  }
});
