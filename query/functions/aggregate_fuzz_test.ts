import assert from "node:assert/strict";
import type { Value } from "../values/value.ts";
import type { Json } from "./aggregate_function.ts";
import { AGGREGATE_FUNCTIONS } from "./aggregate_functions.ts";

/**
 * Aggregates must not throw on any row values or constants (a bad row must not take a window down): seeded random
 * values of every kind go through init/add/merge/save/load/result.
 */

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

const VALUES: Value[] = [
  null,
  true,
  false,
  0,
  -1,
  2.5,
  NaN,
  Infinity,
  2 ** 60,
  "",
  "x",
  [1, "a"],
  { k: 1 },
  [],
  {},
];

Deno.test("every aggregate survives random rows and constants of any kind", () => {
  const rng = generator(99);
  const pick = () => VALUES[Math.floor(rng() * VALUES.length)];
  for (const [name, fn] of Object.entries(AGGREGATE_FUNCTIONS)) {
    for (let round = 0; round < 30; round++) {
      const argCount = fn.minArgs +
        Math.floor(rng() * (Math.min(fn.maxArgs, fn.minArgs + 3) - fn.minArgs + 1));
      const rowArgs = fn.rowArgs(argCount);
      const constants = Array.from({ length: argCount - rowArgs }, pick);
      const run = (n: number) => {
        let s = fn.init(constants);
        for (let i = 0; i < n; i++) s = fn.add(s, Array.from({ length: rowArgs }, pick));
        return s;
      };
      try {
        const merged = fn.merge(fn.load(JSON.parse(JSON.stringify(fn.save(run(20)))) as Json), run(15));
        const result = fn.result(merged);
        assert.notEqual(result, undefined);
      } catch (error) {
        assert.fail(`${name} with constants ${JSON.stringify(constants)} threw: ${error}`);
      }
    }
  }
});

Deno.test("every positional aggregate survives random rows, constants and places of any kind", () => {
  const rng = generator(101);
  const pick = () => VALUES[Math.floor(rng() * VALUES.length)];
  const place = () => [Math.floor(rng() * 5), Math.floor(rng() * 5) - 2, Math.floor(rng() * 3)] as const;
  for (const [name, fn] of Object.entries(AGGREGATE_FUNCTIONS)) {
    const p = fn.positional;
    if (p === undefined) continue;
    for (let round = 0; round < 30; round++) {
      const argCount = fn.minArgs +
        Math.floor(rng() * (Math.min(fn.maxArgs, fn.minArgs + 3) - fn.minArgs + 1));
      const rowArgs = fn.rowArgs(argCount);
      const constants = Array.from({ length: argCount - rowArgs }, pick);
      const run = (n: number) => {
        let s = p.init(constants);
        for (let i = 0; i < n; i++) s = p.addAt(s, Array.from({ length: rowArgs }, pick), ...place());
        return s;
      };
      try {
        const merged = p.merge(p.load(JSON.parse(JSON.stringify(p.save(run(20)))) as Json), run(15));
        assert.notEqual(p.result(merged), undefined);
      } catch (error) {
        assert.fail(`${name} (positional) with constants ${JSON.stringify(constants)} threw: ${error}`);
      }
    }
  }
});
