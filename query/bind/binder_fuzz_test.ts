/**
 * The binder never throws, even on trees the parser built from broken text: seeded mutations of the golden
 * queries (deletions, inserted tokens, duplicated fragments) are parsed and bound, errors and all.
 */
import assert from "node:assert/strict";
import { parseQuery } from "../parse/mod.ts";
import { analyzeQuery } from "./analyze_query.ts";
import { bindQuery } from "./binder.ts";

const DIR = new URL("../testdata/bind/", import.meta.url);
const SEEDS = [...Deno.readDirSync(DIR)]
  .filter((e) => e.name.endsWith(".kql"))
  .sort((a, b) => a.name.localeCompare(b.name))
  .map((e) => Deno.readTextFileSync(new URL(e.name, DIR)));
const TOKENS = [
  "|",
  "(",
  ")",
  ",",
  " by ",
  "x",
  "count()",
  "'",
  "=",
  "| project a",
  "$left.",
  "[0]",
  "let y = ",
];

function generator(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % n;
  };
}

Deno.test("bindQuery never throws on mutated queries", () => {
  const rand = generator(20261127);
  let bound = 0;
  for (let i = 0; i < 1500; i++) {
    let text = SEEDS[rand(SEEDS.length)];
    for (let k = 0, n = 1 + rand(4); k < n; k++) {
      const at = rand(text.length + 1);
      const op = rand(3);
      if (op === 0) text = text.slice(0, at) + text.slice(at + 1 + rand(10));
      else if (op === 1) text = text.slice(0, at) + TOKENS[rand(TOKENS.length)] + text.slice(at);
      else {
        const from = rand(text.length + 1);
        text = text.slice(0, at) + text.slice(from, from + 30) + text.slice(at);
      }
    }
    const result = bindQuery(parseQuery(text).query);
    for (const d of result.diagnostics) assert.ok(d.span.start >= 0 && d.span.end <= text.length + 1, text);
    analyzeQuery(text);
    bound++;
  }
  assert.equal(bound, 1500);
});
