import { isBag, type Value } from "../values/value.ts";
import { define, type ScalarFunctionTable } from "./scalar_function.ts";

/** Largest array `range` and `repeat` build, so one call cannot exhaust memory. */
const MAX_GENERATED = 1_048_576;

function shift(array: readonly Value[], by: number, fill: Value): Value[] {
  const n = array.length;
  return array.map((_, i) => {
    const from = i + by;
    return from >= 0 && from < n ? array[from] : fill;
  });
}

function rotate(array: readonly Value[], by: number): Value[] {
  const n = array.length;
  if (n === 0) return [];
  const k = ((by % n) + n) % n;
  return [...array.slice(k), ...array.slice(0, k)];
}

/** `array_split(array, index or indexes)`: the pieces between the split points (negative points count back). */
function arraySplit(array: readonly Value[], points: Value): Value {
  const raw = Array.isArray(points) ? points : [points];
  if (!raw.every((p) => typeof p === "number")) return null;
  const cuts = (raw as number[])
    .map((p) => Math.trunc(p) < 0 ? array.length + Math.trunc(p) : Math.trunc(p))
    .map((p) => Math.min(Math.max(p, 0), array.length));
  const pieces: Value[] = [];
  let start = 0;
  for (const cut of cuts) {
    pieces.push(array.slice(start, Math.max(start, cut)));
    start = Math.max(start, cut);
  }
  pieces.push(array.slice(start));
  return pieces;
}

/** `range(start, stop [, step])` for numbers, datetimes and timespans (all numbers here). */
function range(start: number, stop: number, step: number): Value {
  if (step === 0 || !Number.isFinite(start) || !Number.isFinite(stop)) return null;
  const out: number[] = [];
  for (let v = start; step > 0 ? v <= stop : v >= stop; v += step) {
    if (out.length >= MAX_GENERATED) break;
    out.push(v);
  }
  return out;
}

/** Sets a value at a key or JSONPath-like `$.a.b` path in a bag, creating intermediate bags. */
function bagSetKey(bag: Value, key: string, value: Value): Value {
  if (!isBag(bag)) return null;
  const path = key.startsWith("$")
    ? [...key.slice(1).matchAll(/\.([^.[\]]+)|\['([^']*)'\]/g)].map((m) => m[1] ?? m[2])
    : [key];
  if (path.length === 0) return null;
  const set = (current: Value, i: number): Value => {
    const copy: Record<string, Value> = isBag(current) ? { ...current } : {};
    copy[path[i]] = i === path.length - 1 ? value : set(copy[path[i]] ?? null, i + 1);
    return copy;
  };
  return set(bag, 0);
}

/** Array construction and reshaping: shifts, rotations, splits, element-wise choice, ranges and repetition. */
export const ARRAY_FUNCTIONS: ScalarFunctionTable = {
  array_shift_left: define(
    [2, 3],
    "dynamic",
    ([a, n, fill]) =>
      Array.isArray(a) && typeof n === "number" ? shift(a, Math.trunc(n), fill ?? null) : null,
    { strict: false },
  ),
  array_shift_right: define(
    [2, 3],
    "dynamic",
    ([a, n, fill]) =>
      Array.isArray(a) && typeof n === "number" ? shift(a, -Math.trunc(n), fill ?? null) : null,
    { strict: false },
  ),
  array_rotate_left: define(
    [2, 2],
    "dynamic",
    ([a, n]) => Array.isArray(a) && typeof n === "number" ? rotate(a, Math.trunc(n)) : null,
  ),
  array_rotate_right: define(
    [2, 2],
    "dynamic",
    ([a, n]) => Array.isArray(a) && typeof n === "number" ? rotate(a, -Math.trunc(n)) : null,
  ),
  array_split: define([2, 2], "dynamic", ([a, points]) => Array.isArray(a) ? arraySplit(a, points) : null),
  array_iff: define([3, 3], "dynamic", ([conditions, whenTrue, whenFalse]) => {
    if (!Array.isArray(conditions)) return null;
    const pick = (v: Value, i: number) => Array.isArray(v) ? (i < v.length ? v[i] : null) : v;
    return conditions.map((c, i) => c === true ? pick(whenTrue, i) : c === false ? pick(whenFalse, i) : null);
  }, { strict: false }),
  repeat: define([2, 2], "dynamic", ([value, count]) => {
    if (typeof count !== "number" || count < 0) return null;
    return Array.from({ length: Math.min(MAX_GENERATED, Math.trunc(count)) }, () => value);
  }, { strict: false }),
  range: define([2, 3], "dynamic", ([start, stop, step], c) => {
    if (typeof start !== "number" || typeof stop !== "number") return null;
    // Step defaults to 1; for datetimes that would be one microsecond, so a day is assumed instead.
    const s = step === undefined || step === null
      ? (c.argTypes[0] === "datetime" ? 86_400_000_000 : 1)
      : step;
    return typeof s === "number" ? range(start, stop, s) : null;
  }),
  bag_set_key: define(
    [3, 3],
    "dynamic",
    ([bag, key, value]) => typeof key === "string" ? bagSetKey(bag, key, value) : null,
    { strict: false },
  ),
};
