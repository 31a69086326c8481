/**
 * Fuzz test: random characters, token soup, every prefix of real-shaped queries and pathological nesting. The
 * parser must never throw, never hang, and always return diagnostics whose spans lie inside the text.
 */
import assert from "node:assert/strict";
import { parseQuery } from "../query/parse/mod.ts";
import { mutate, QueryGenerator, Rng } from "./kql_parse_corpus.ts";

const SOUP = [
  "T",
  "|",
  "where",
  "extend",
  "summarize",
  "by",
  "on",
  "join",
  "kind=",
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  ",",
  ";",
  "let",
  "=",
  "==",
  "..",
  ".",
  "'",
  '"',
  "@'",
  "```",
  "x",
  "1",
  "1d",
  "datetime(",
  "dynamic(",
  "in",
  "!in~",
  "between",
  "has_any",
  "-",
  "*",
  "$left",
  "mv-apply",
  "on (",
  "typeof(",
  "//",
  "\n",
  " ",
  "\\",
  "\u00e9",
  "\ud83d\ude00",
  "\ud800",
];

/** Parse and check the invariants; returns the time taken in milliseconds. */
function check(text: string): number {
  const started = performance.now();
  let result;
  try {
    result = parseQuery(text);
  } catch (error) {
    throw new Error(`parseQuery threw on ${JSON.stringify(text.slice(0, 200))}: ${error}`);
  }
  const elapsed = performance.now() - started;
  assert.equal(result.query.kind, "Query");
  for (const d of result.diagnostics) {
    assert.ok(
      d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= text.length,
      `span of ${d.code}`,
    );
    assert.match(d.code, /^KQL1\d{3}$/);
  }
  return elapsed;
}

const BUDGET_MS = 4000;

Deno.test("parseQuery survives random characters and token soup without throwing or hanging", () => {
  const rng = new Rng(7);
  const deadline = performance.now() + BUDGET_MS;
  let runs = 0, slowest = 0;
  while (performance.now() < deadline && runs < 20_000) {
    let text = "";
    const length = rng.int(120);
    if (rng.chance(0.5)) {
      for (let i = 0; i < length; i++) text += String.fromCharCode(rng.int(rng.chance(0.9) ? 128 : 0x10000));
    } else {
      for (let i = 0; i < length; i++) text += rng.pick(SOUP) + (rng.chance(0.5) ? " " : "");
    }
    slowest = Math.max(slowest, check(text));
    runs++;
  }
  assert.ok(runs > 100, `only ${runs} runs in the time budget`);
  assert.ok(slowest < 500, `slowest parse took ${slowest} ms`);
});

Deno.test("parseQuery survives every prefix and mutation of generated queries", () => {
  const rng = new Rng(11);
  const generator = new QueryGenerator(rng);
  for (let i = 0; i < 40; i++) {
    const q = generator.query();
    for (let end = 0; end <= q.length; end++) check(q.slice(0, end));
    for (let m = 0; m < 20; m++) check(mutate(mutate(q, rng), rng));
  }
});

Deno.test("parseQuery stays within its depth limit on pathological nesting", () => {
  const n = 50_000;
  for (
    const text of [
      "(".repeat(n),
      "print " + "(".repeat(n) + "1" + ")".repeat(n),
      "print " + "-".repeat(n) + "1",
      "print " + "f(".repeat(n),
      "print a" + "[a".repeat(n),
      "print dynamic(" + "[".repeat(n),
      "T | mv-apply x on (".repeat(2000),
      "let f = () {".repeat(2000),
      "print " + "a.".repeat(n) + "b",
      "print " + "1 + ".repeat(n) + "1",
      "T" + " | where x".repeat(n / 10),
      "'" + "\\".repeat(n),
    ]
  ) {
    const ms = check(text);
    assert.ok(ms < 2000, `took ${ms} ms on ${JSON.stringify(text.slice(0, 30))}`);
  }
});
