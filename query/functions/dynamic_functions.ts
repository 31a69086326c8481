import { compareValues } from "../values/compare.ts";
import { sameValue, valueKey } from "../values/equality.ts";
import { toKqlString } from "../values/to_string.ts";
import { type Bag, isBag, type Value } from "../values/value.ts";
import { define, type ScalarFunctionTable } from "./scalar_function.ts";

function asArray(value: Value): readonly Value[] | null {
  return Array.isArray(value) ? value : null;
}

/** Kusto's slice/index arithmetic: a negative index counts from the end. */
function normalizeIndex(index: number, length: number): number {
  const i = Math.trunc(index);
  return i < 0 ? length + i : i;
}

function arraySlice(array: readonly Value[], start: number, end: number): Value[] {
  const from = Math.max(0, normalizeIndex(start, array.length));
  const to = Math.min(array.length - 1, normalizeIndex(end, array.length));
  return from > to ? [] : array.slice(from, to + 1);
}

function arrayIndexOf(
  array: readonly Value[],
  lookup: Value,
  start = 0,
  length = -1,
  occurrence = 1,
): number {
  const from = Math.max(0, normalizeIndex(start, array.length));
  const to = length < 0 ? array.length : Math.min(array.length, from + length);
  let seen = 0;
  for (let i = from; i < to; i++) {
    if (sameValue(array[i], lookup) && ++seen === occurrence) return i;
  }
  return -1;
}

/** `array_sort_asc/desc`: sorts the first array and reorders the others the same way; nulls last by default. */
function arraySort(args: readonly Value[], descending: boolean): Value {
  let nullsLast = true;
  let arrays = args;
  if (typeof args[args.length - 1] === "boolean") {
    nullsLast = args[args.length - 1] as boolean;
    arrays = args.slice(0, -1);
  }
  if (arrays.length === 0) return null;
  const first = asArray(arrays[0]);
  if (first === null || arrays.some((a) => !Array.isArray(a) || a.length !== first.length)) return null;
  const order = first.map((_, i) => i).sort((i, j) => {
    const a = first[i];
    const b = first[j];
    if (a === null || b === null) return a === b ? i - j : (a === null) === nullsLast ? 1 : -1;
    const c = compareValues(a, b);
    return (descending ? -c : c) || i - j;
  });
  if (arrays.length === 1) return order.map((i) => first[i]);
  return arrays.map((a) => order.map((i) => (a as Value[])[i]));
}

function distinct(values: Iterable<Value>): Value[] {
  const seen = new Set<string>();
  const out: Value[] = [];
  for (const v of values) {
    const key = valueKey(v);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(v);
    }
  }
  return out;
}

function setUnion(arrays: readonly Value[]): Value {
  if (!arrays.every(Array.isArray)) return null;
  return distinct((arrays as Value[][]).flat());
}

function setIntersect(arrays: readonly Value[]): Value {
  if (arrays.length === 0 || !arrays.every(Array.isArray)) return null;
  const [first, ...rest] = arrays as Value[][];
  const others = rest.map((a) => new Set(a.map(valueKey)));
  return distinct(first.filter((v) => others.every((s) => s.has(valueKey(v)))));
}

function setDifference(arrays: readonly Value[]): Value {
  if (arrays.length === 0 || !arrays.every(Array.isArray)) return null;
  const [first, ...rest] = arrays as Value[][];
  const excluded = new Set(rest.flat().map(valueKey));
  return distinct(first.filter((v) => !excluded.has(valueKey(v))));
}

function canonicalJson(value: Value): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return "[" + value.map(canonicalJson).join(",") + "]";
  const bag = value as Bag;
  return "{" + Object.keys(bag).sort().map((k) => JSON.stringify(k) + ":" + canonicalJson(bag[k])).join(",") +
    "}";
}

function bagMerge(bags: readonly Value[]): Value {
  const out: Record<string, Value> = {};
  for (const bag of bags) {
    if (!isBag(bag)) continue;
    // The first bag that has a key wins (Kusto's documented conflict rule).
    for (const [k, v] of Object.entries(bag)) if (!Object.hasOwn(out, k)) out[k] = v;
  }
  return out;
}

function bagPack(args: readonly Value[]): Value {
  if (args.length % 2 !== 0) return null;
  const out: Record<string, Value> = {};
  for (let i = 0; i < args.length; i += 2) {
    const key = args[i];
    if (key === null) continue;
    out[typeof key === "string" ? key : toKqlString(key)] = args[i + 1];
  }
  return out;
}

function zip(arrays: readonly Value[]): Value {
  if (!arrays.every(Array.isArray)) return null;
  const lists = arrays as Value[][];
  const length = Math.max(0, ...lists.map((a) => a.length));
  return Array.from({ length }, (_, i) => lists.map((a) => i < a.length ? a[i] : null));
}

/** `treepath`: every path into a dynamic value, bags as `['key']` and all array elements as `[0]`. */
function treepath(value: Value): Value {
  const paths = new Set<string>();
  const walk = (v: Value, prefix: string) => {
    if (Array.isArray(v)) {
      for (const item of v) {
        paths.add(prefix + "[0]");
        walk(item, prefix + "[0]");
      }
    } else if (isBag(v)) {
      for (const [k, child] of Object.entries(v)) {
        const path = prefix + "['" + k + "']";
        paths.add(path);
        walk(child, path);
      }
    }
  };
  walk(value, "");
  return [...paths].sort();
}

/** Splits a `bag_remove_keys` key (`"a"` or JSONPath `"$.a.b"` / `"$['a']"`) into steps. */
function keyPath(key: string): string[] {
  if (!key.startsWith("$")) return [key];
  const steps: string[] = [];
  const pattern = /\.([^.[\]]+)|\['([^']*)'\]|\["([^"]*)"\]/g;
  for (const m of key.slice(1).matchAll(pattern)) steps.push(m[1] ?? m[2] ?? m[3]);
  return steps;
}

function removePath(bag: Bag, path: readonly string[]): Bag {
  const [head, ...rest] = path;
  if (head === undefined || !Object.hasOwn(bag, head)) return bag;
  const copy: Record<string, Value> = { ...bag };
  if (rest.length === 0) delete copy[head];
  else if (isBag(copy[head])) copy[head] = removePath(copy[head] as Bag, rest);
  return copy;
}

/** Functions over dynamic arrays and property bags. */
export const DYNAMIC_FUNCTIONS: ScalarFunctionTable = {
  array_length: define([1, 1], "long", ([a]) => Array.isArray(a) ? a.length : null),
  array_concat: define(
    [0, 64],
    "dynamic",
    (args) => args.every(Array.isArray) ? (args as Value[][]).flat(1) : null,
  ),
  array_slice: define([3, 3], "dynamic", ([a, s, e]) => {
    const array = asArray(a);
    return array === null ? null : arraySlice(array, s as number, e as number);
  }),
  array_index_of: define([2, 5], "long", ([a, lookup, start, length, occurrence]) => {
    const array = asArray(a);
    if (array === null) return null;
    return arrayIndexOf(
      array,
      lookup,
      (start ?? 0) as number,
      (length ?? -1) as number,
      (occurrence ?? 1) as number,
    );
  }, { strict: false }),
  array_sort_asc: define([0, 64], "dynamic", (args) => arraySort(args, false), { strict: false }),
  array_sort_desc: define([0, 64], "dynamic", (args) => arraySort(args, true), { strict: false }),
  array_reverse: define([1, 1], "dynamic", ([a]) => Array.isArray(a) ? [...a].reverse() : null),
  array_strcat: define([2, 2], "string", ([a, delim]) => {
    const array = asArray(a);
    return array === null ? null : array.map((v) => toKqlString(v)).join(toKqlString(delim));
  }),
  array_sum: define([1, 1], "real", ([a]) => {
    const array = asArray(a);
    if (array === null || !array.every((v) => typeof v === "number")) return null;
    return (array as number[]).reduce((s, v) => s + v, 0);
  }),
  set_union: define([0, 64], "dynamic", setUnion),
  set_intersect: define([0, 64], "dynamic", setIntersect),
  set_difference: define([0, 64], "dynamic", setDifference),
  set_has_element: define([2, 2], "bool", ([a, v]) => {
    const array = asArray(a);
    return array === null ? null : array.some((x) => sameValue(x, v));
  }, { strict: false }),
  bag_keys: define([1, 1], "dynamic", ([b]) => isBag(b) ? Object.keys(b) : null),
  bag_merge: define([0, 64], "dynamic", bagMerge, { strict: false }),
  bag_pack: define([0, 128], "dynamic", bagPack, { strict: false }),
  pack: define([0, 128], "dynamic", bagPack, { strict: false }),
  pack_dictionary: define([0, 128], "dynamic", bagPack, { strict: false }),
  pack_array: define([0, 128], "dynamic", (args) => [...args], { strict: false }),
  zip: define([0, 64], "dynamic", zip),
  treepath: define([1, 1], "dynamic", ([v]) => treepath(v)),
  bag_remove_keys: define([2, 2], "dynamic", ([b, keys]) => {
    if (!isBag(b) || !Array.isArray(keys)) return null;
    let result: Bag = b;
    for (const key of keys) if (typeof key === "string") result = removePath(result, keyPath(key));
    return result;
  }),
  jaccard_index: define([2, 2], "real", ([a, b]) => {
    if (!Array.isArray(a) || !Array.isArray(b)) return null;
    const left = new Set(a.map(valueKey));
    const right = new Set(b.map(valueKey));
    let common = 0;
    for (const key of left) if (right.has(key)) common++;
    return common / (left.size + right.size - common);
  }),
  // A canonical JSON text: bag keys sorted, so equal values always give the same string.
  dynamic_to_json: define([1, 1], "string", ([v]) => canonicalJson(v), { strict: false }),
  bag_has_key: define([2, 2], "bool", ([b, key]) => {
    if (!isBag(b) || typeof key !== "string") return null;
    let current: Value = b;
    for (const step of keyPath(key)) {
      if (!isBag(current) || !Object.hasOwn(current, step)) return false;
      current = current[step];
    }
    return true;
  }),
};
