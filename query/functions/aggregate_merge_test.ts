import assert from "node:assert/strict";
import type { Value } from "../values/value.ts";
import type { AggregateFunction, AggregateState, Json } from "./aggregate_function.ts";
import { POSITIONAL_AGGREGATES } from "../bind/classify_mode.ts";
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

/**
 * Property of the positional forms (order-dependent aggregates): rows given out of order with their places, split
 * into parts, each part's state through a JSON checkpoint, the parts merged in a random order and tree shape, give
 * exactly the result of the plain `add` over the rows in window order (by place).
 */
for (const [name, fn] of Object.entries(AGGREGATE_FUNCTIONS)) {
  const p = fn.positional;
  if (p === undefined) continue;
  Deno.test(`${name}: positional states of shuffled parts merged in any order give the in-order result`, () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rng = generator(seed * 104729 + name.length);
      let { argCount, constants } = shapeOf(name, fn, rng);
      if (/^make_set|^makeset|^make_bag|^make_dictionary/.test(name) && fn.maxArgs > argCount) {
        // With a cap, which values are kept depends on their places.
        argCount++;
        constants = [pick(rng, [1, 2, 3, 1000])];
      }
      // Events at few distinct times (ties), each giving one to three rows (an mv-expand's places).
      const rows: { values: Value[]; time: number; seq: number; sub: number }[] = [];
      for (let seq = 0, events = pick(rng, [0, 1, 4, 40, 150]); seq < events; seq++) {
        const time = 1_000 + int(rng, 12);
        for (let sub = 0, n = 1 + int(rng, 3); sub < n; sub++) {
          rows.push({ values: rowFor(rng, name, fn, argCount), time, seq: seq * 7 - 50, sub });
        }
      }
      const inOrder = [...rows].sort((a, b) => a.time - b.time || a.seq - b.seq || a.sub - b.sub);
      const expected = fn.result(inOrder.reduce((s, r) => fn.add(s, r.values), fn.init(constants)));
      const parts: AggregateState[] = Array.from({ length: 1 + int(rng, 4) }, () => p.init(constants));
      for (let i = rows.length - 1; i > 0; i--) {
        const j = int(rng, i + 1);
        [rows[i], rows[j]] = [rows[j], rows[i]];
      }
      for (const r of rows) {
        const k = int(rng, parts.length);
        parts[k] = p.addAt(parts[k], r.values, r.time, r.seq, r.sub);
      }
      let states: AggregateState[] = parts.map((s) => p.load(JSON.parse(JSON.stringify(p.save(s))) as Json));
      const context = `seed ${seed}, ${rows.length} rows in ${parts.length} parts, constants ${constants}`;
      while (states.length > 1) {
        const a = states.splice(int(rng, states.length), 1)[0];
        const b = states.splice(int(rng, states.length), 1)[0];
        const before: string = JSON.stringify(p.save(b));
        states = [...states, p.merge(a, b)];
        assert.equal(JSON.stringify(p.save(b)), before, `merge changed its second state: ${context}`);
      }
      assert.deepEqual(p.result(states[0]), expected, context);
    }
  });
}

Deno.test("every aggregate the planner merges by place has a positional form", () => {
  for (const name of POSITIONAL_AGGREGATES) {
    assert.ok(AGGREGATE_FUNCTIONS[name]?.positional !== undefined, `${name} has no positional form`);
  }
});
