import type { Value } from "../values/value.ts";
import type { Json } from "./aggregate_function.ts";

/**
 * The first `max` values of a window in window order, from rows given in any order: each value is kept with its
 * place (event time, place in the arrival order, `minor`: the row's place among its event's rows and the value's
 * place within the row), and the list holds the `max` earliest by place. With `distinct`, a value (by key) counts
 * once, at its earliest place.
 *
 * Exact for any split of the rows and any merge order: a value in the window's first `max` (distinct) is in the
 * first `max` of the part holding its earliest place, since every value before it there is also before it in the
 * window; and a value once dropped from a full list never comes back, as the list's last place only moves earlier.
 */

/** One kept value and its place. */
export interface Placed {
  readonly key: string;
  readonly value: Value;
  time: number;
  seq: number;
  minor: number;
}

/** A list by place; `byKey` when values count once. */
export interface PlacedList {
  readonly max: number;
  readonly entries: Placed[];
  readonly byKey: Map<string, Placed> | undefined;
}

/** Within a row, places of values from one element array (or bag) follow the row's place among its event's rows. */
const ELEMENTS_PER_ROW = 2 ** 26;

/** The `minor` place of the `index`-th value of the `sub`-th row of an event. */
export function minorOf(sub: number, index: number): number {
  return sub * ELEMENTS_PER_ROW + Math.min(index, ELEMENTS_PER_ROW - 1);
}

/** Whether place `(t, s, m)` comes before place `(t2, s2, m2)`. */
export function earlier(t: number, s: number, m: number, t2: number, s2: number, m2: number): boolean {
  return t < t2 || (t === t2 && (s < s2 || (s === s2 && m < m2)));
}

function before(a: Placed, b: Placed): boolean {
  return earlier(a.time, a.seq, a.minor, b.time, b.seq, b.minor);
}

/** An empty list. */
export function placedList(max: number, distinct: boolean): PlacedList {
  return { max, entries: [], byKey: distinct ? new Map() : undefined };
}

/** Keep `value` at its place if it is among the first `max` (distinct) values. */
export function place(
  list: PlacedList,
  key: string,
  value: Value,
  time: number,
  seq: number,
  minor: number,
): void {
  const { entries, byKey } = list;
  const old = byKey?.get(key);
  if (old !== undefined) {
    if (!earlier(time, seq, minor, old.time, old.seq, old.minor)) return;
    // Seen later: it moves to its earlier place, keeping its count.
    entries.splice(entries.indexOf(old), 1);
  } else if (entries.length >= list.max) {
    const last = entries[entries.length - 1];
    if (!earlier(time, seq, minor, last.time, last.seq, last.minor)) return;
  }
  const entry: Placed = { key, value, time, seq, minor };
  let i = entries.length;
  if (i > 0 && before(entry, entries[i - 1])) {
    // Out of order: find the first entry after it.
    let lo = 0;
    let hi = i - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(entry, entries[mid])) hi = mid;
      else lo = mid + 1;
    }
    i = lo;
    entries.splice(i, 0, entry);
  } else entries.push(entry);
  byKey?.set(key, entry);
  if (entries.length > list.max) {
    const gone = entries.pop()!;
    byKey?.delete(gone.key);
  }
}

/** Merge `b` into `a` (a union by place; `b` is not changed and shares nothing with `a` afterwards). */
export function mergePlaced(a: PlacedList, b: PlacedList): PlacedList {
  for (const e of b.entries) place(a, e.key, e.value, e.time, e.seq, e.minor);
  return a;
}

/** The list as JSON: values, keys when they are not derived from the values, places as flat triples. */
export function savePlaced(list: PlacedList, withKeys: boolean): Json {
  const at: number[] = [];
  for (const e of list.entries) at.push(e.time, e.seq, e.minor);
  return {
    max: list.max,
    values: list.entries.map((e) => e.value) as Json,
    ...(withKeys ? { keys: list.entries.map((e) => e.key) } : {}),
    at,
  };
}

/**
 * A list from what `savePlaced` gave.
 *
 * @param keyOf the key of a saved value, when keys were not saved
 */
export function loadPlaced(json: Json, distinct: boolean, keyOf?: (value: Value) => string): PlacedList {
  const o = json as { max: number; values: Value[]; keys?: string[]; at: number[] };
  const list = placedList(o.max, distinct);
  o.values.forEach((value, i) => {
    const key = o.keys?.[i] ?? keyOf?.(value) ?? "";
    const entry: Placed = { key, value, time: o.at[3 * i], seq: o.at[3 * i + 1], minor: o.at[3 * i + 2] };
    list.entries.push(entry);
    list.byKey?.set(key, entry);
  });
  return list;
}
