import assert from "node:assert/strict";
import type { Value } from "../values/value.ts";
import { compileStringMatcher } from "./string_matcher.ts";
import { STRING_OPERATORS } from "./string_predicates.ts";

/** mulberry32, seeded so a failing case replays. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = ["a", "B", "b", "1", " ", "-", ".", "\\", "=", "é", "A"];

function randomText(rng: () => number, max: number): string {
  let s = "";
  const n = Math.floor(rng() * max);
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(rng() * ALPHABET.length)];
  return s;
}

Deno.test("compileStringMatcher agrees with STRING_OPERATORS on random texts", () => {
  const rng = generator(42);
  const operators = Object.keys(STRING_OPERATORS).filter((op) => !op.includes("regex"));
  for (let i = 0; i < 4000; i++) {
    const op = operators[i % operators.length];
    const list = op.includes("any") || op.includes("all") || op.endsWith("in") || op.endsWith("in~");
    const right: Value = list ? [randomText(rng, 3), randomText(rng, 3)] : randomText(rng, 3);
    const numeric = op.endsWith("in") || op.endsWith("in~") ? rng() < 0.3 : false;
    const left: Value = rng() < 0.05 ? null : numeric ? Math.floor(rng() * 3) : randomText(rng, 12);
    if (numeric && Array.isArray(right)) (right as Value[]).push(1, NaN);
    const matcher = compileStringMatcher(op, right)!;
    assert.equal(
      matcher(left),
      STRING_OPERATORS[op](left, right),
      `${JSON.stringify(left)} ${op} ${JSON.stringify(right)}`,
    );
  }
});

Deno.test("compileStringMatcher handles the documented has cases", () => {
  assert.equal(compileStringMatcher("has", "cmd.exe")!("C:\\Windows\\System32\\cmd.exe"), true);
  assert.equal(compileStringMatcher("has", "cmd.exe")!("C:\\xcmd.exe"), false);
  assert.equal(compileStringMatcher("!has", "admin")!("administrator"), true);
  assert.equal(compileStringMatcher("has_any", ["foo", "bar"])!("a bar b"), true);
  assert.equal(compileStringMatcher("unknown", "x"), undefined);
  assert.equal(compileStringMatcher("in", [4624, 4625])!(4625), true);
  assert.equal(compileStringMatcher("!in", [4624, 4625])!(4688), true);
  assert.equal(compileStringMatcher("in~", ["Admin", "root"])!("ADMIN"), true);
  assert.equal(compileStringMatcher("in", ["a"])!(null), null);
  assert.equal(compileStringMatcher("in", [[1, 2], 3])!(2), true);
});
