import assert from "node:assert/strict";
import { SCALAR_TYPES, type ScalarType } from "../symbols/types.ts";
import type { Value } from "../values/value.ts";
import { SCALAR_FUNCTIONS } from "./scalar_functions.ts";

/**
 * Scalar functions must never throw on user input (STYLE.md: pure cores return null, not exceptions). Each
 * function is called with seeded random arguments of every kind (wrong types included, as a lenient or broken
 * binder could pass) and must return a value that is valid in the run-time model.
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

const STRINGS = [
  "",
  "abc",
  "North America",
  "192.168.1.1",
  "10.0.0.0/8",
  "fe80::1",
  "2024-01-01T10:00:00Z",
  "00:05:00",
  "(",
  "[a-z]+",
  '{"a":[1,2,{"b":null}]}',
  "$.a[2].b",
  "U3RyaW5n",
  "%E0%A4%A",
  "day",
  "windows",
  "\uD800",
  "😀",
  "yyyy-MM-dd HH:mm:ss.fff tt",
];

function randomValue(rng: () => number, depth = 0): Value {
  const r = rng();
  if (r < 0.1) return null;
  if (r < 0.4) return STRINGS[Math.floor(rng() * STRINGS.length)];
  if (r < 0.65) {
    return [
      0,
      1,
      -1,
      2.5,
      64,
      1e15,
      -1e300,
      NaN,
      Infinity,
      1704067200000000,
      2 ** 53,
    ][Math.floor(rng() * 11)];
  }
  if (r < 0.72) return rng() < 0.5;
  if (depth > 1) return 1;
  if (r < 0.86) return Array.from({ length: Math.floor(rng() * 4) }, () => randomValue(rng, depth + 1));
  return { a: randomValue(rng, depth + 1), b: randomValue(rng, depth + 1) };
}

function isValue(v: unknown): boolean {
  if (v === null || typeof v === "string" || typeof v === "boolean" || typeof v === "number") return true;
  if (Array.isArray(v)) return v.every(isValue);
  if (typeof v === "object") return Object.values(v as object).every(isValue);
  return false;
}

Deno.test("every scalar function returns a value for random arguments and never throws", () => {
  const rng = generator(2024);
  for (const [name, fn] of Object.entries(SCALAR_FUNCTIONS)) {
    for (let i = 0; i < 150; i++) {
      const count = fn.minArgs + Math.floor(rng() * (Math.min(fn.maxArgs, fn.minArgs + 4) - fn.minArgs + 1));
      const args = Array.from({ length: count }, () => randomValue(rng));
      const argTypes = args.map(() => SCALAR_TYPES[Math.floor(rng() * SCALAR_TYPES.length)] as ScalarType);
      let result: Value = null;
      try {
        const t0 = performance.now();
        result = fn.invoke(args, { now: 1704067200000000, argTypes, random: rng });
        const dt = performance.now() - t0;
        if (dt > 50) {
          console.error("SLOW", name, dt.toFixed(0), JSON.stringify(args).slice(0, 300), argTypes.join(","));
        }
      } catch (error) {
        assert.fail(`${name}(${JSON.stringify(args)}) with types ${argTypes} threw: ${error}`);
      }
      assert.ok(isValue(result), `${name}(${JSON.stringify(args)}) returned ${String(result)}`);
    }
  }
});
