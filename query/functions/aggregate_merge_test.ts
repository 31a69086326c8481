import assert from "node:assert/strict";
import type { Value } from "../values/value.ts";
import type { AggregateFunction, AggregateState, Json } from "./aggregate_function.ts";
import { AGGREGATE_FUNCTIONS } from "./aggregate_functions.ts";

/**
 * Property: for every aggregate, the state of a whole row sequence equals the merge of the states of a prefix and
 * the rest, after both halves went through a JSON checkpoint (save → stringify → parse → load). States compare
 * exactly through `save`; `stdev`/`variance` (floating-point moments) compare their results within 1e-9 relative;
 * `dcount`/`hll` are exact here because HyperLogLog merging is exact (a register maximum or a set union).
 */

/** mulberry32: a small seeded generator, so a failure names its seed and replays. */
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

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
const int = (rng: Rng, n: number) => Math.floor(rng() * n);

function scalar(rng: Rng, name: string): Value {
  if (rng() < 0.15) return null;
  if (name.startsWith("binary_")) return int(rng, 2 ** 20) - 2 ** 19;
  if (/^(sum|avg|stdev|variance|percentile|min|max|arg_)/.test(name)) return int(rng, 200) - 100;
  return pick(rng, [int(rng, 50), "s" + int(rng, 40), true, [int(rng, 3)], { k: int(rng, 3) }]);
}

/** A row of per-row arguments suited to the aggregate. */
function rowFor(rng: Rng, name: string, fn: AggregateFunction, argCount: number): Value[] {
  const n = fn.rowArgs(argCount);
  if (n === 0) return [];
  const conditional = /if$/.test(name) || name === "hll_if";
  const row: Value[] = [];
  for (let i = 0; i < n; i++) {
    if (conditional && i === n - 1) row.push(pick(rng, [true, false, null]));
    else if (name.startsWith("make_bag") && i === 0) {
      row.push(rng() < 0.2 ? null : { ["k" + int(rng, 30)]: int(rng, 9) });
    } else if (name === "hll_merge") row.push(sketchOf(rng));
    else if (name === "tdigest_merge" || name === "merge_tdigest") row.push(digestOfRandom(rng));
    else if (
      i === 1 && (name.startsWith("percentilew") || name.startsWith("percentilesw") || name === "tdigest")
    ) {
      row.push(rng() < 0.1 ? null : 1 + int(rng, 5));
    } else if (i > 0 && !conditional) row.push("col" + int(rng, 100));
    else row.push(scalar(rng, name));
  }
  return row;
}

function sketchOf(rng: Rng): Value {
  const hll = AGGREGATE_FUNCTIONS.hll;
  let s = hll.init([pick(rng, [0, 1])]);
  const size = pick(rng, [1, 50, 2000]);
  for (let i = 0; i < size; i++) s = hll.add(s, [int(rng, 5000)]);
  return hll.result(s);
}

function digestOfRandom(rng: Rng): Value {
  const tdigest = AGGREGATE_FUNCTIONS.tdigest;
  let s = tdigest.init([]);
  for (let i = 0, n = int(rng, 30); i < n; i++) s = tdigest.add(s, [int(rng, 100), 1 + int(rng, 3)]);
  return tdigest.result(s);
}

/** Argument count and constants per aggregate (accuracy levels, size limits, percentiles). */
function shapeOf(name: string, fn: AggregateFunction, rng: Rng): { argCount: number; constants: Value[] } {
  if (name.startsWith("percentile")) return { argCount: 3, constants: [pick(rng, [0, 25, 50, 99, 100]), 75] };
  if (name === "dcount" || name === "hll") return { argCount: 2, constants: [pick(rng, [0, 1, 2])] };
  if (name === "dcountif" || name === "hll_if") return { argCount: 3, constants: [0] };
  if (name === "arg_max" || name === "arg_min") return { argCount: 3, constants: [] };
  if (/^make_list|^makelist/.test(name) && fn.maxArgs > fn.minArgs) {
    return { argCount: fn.minArgs + 1, constants: [pick(rng, [3, 1000])] };
  }
  if (name === "take_any" || name === "any") return { argCount: 2, constants: [] };
  if (name === "tdigest") return { argCount: 2, constants: [] };
  return { argCount: fn.minArgs, constants: [] };
}

function checkpoint(fn: AggregateFunction, state: AggregateState): AggregateState {
  return fn.load(JSON.parse(JSON.stringify(fn.save(state))) as Json);
}

const FLOATING = new Set(["stdev", "stdevif", "stdevp", "variance", "varianceif", "variancep"]);

function closeEnough(a: Value, b: Value): boolean {
  if (typeof a !== "number" || typeof b !== "number") return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

for (const [name, fn] of Object.entries(AGGREGATE_FUNCTIONS)) {
  Deno.test(`${name}: merging the states of two halves equals the state of the whole`, () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rng = generator(seed * 7919 + name.length);
      const { argCount, constants } = shapeOf(name, fn, rng);
      const rows = Array.from(
        { length: pick(rng, [0, 1, 5, 60, 400]) },
        () => rowFor(rng, name, fn, argCount),
      );
      const split = int(rng, rows.length + 1);
      const run = (part: Value[][]) => part.reduce((s, row) => fn.add(s, row), fn.init(constants));
      const whole = run(rows);
      const merged = fn.merge(
        checkpoint(fn, run(rows.slice(0, split))),
        checkpoint(fn, run(rows.slice(split))),
      );
      const context = `seed ${seed}, ${rows.length} rows split at ${split}`;
      if (FLOATING.has(name)) {
        assert.ok(closeEnough(fn.result(merged), fn.result(whole)), context);
      } else {
        assert.deepEqual(fn.save(merged), fn.save(whole), context);
        assert.deepEqual(fn.result(merged), fn.result(whole), context);
      }
    }
  });
}
