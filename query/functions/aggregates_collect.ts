import type { ScalarType } from "../symbols/types.ts";
import { compareValues } from "../values/compare.ts";
import { valueKey } from "../values/equality.ts";
import { isBag, type Value } from "../values/value.ts";
import {
  type AggregateFunction,
  type AggregateFunctionTable,
  DEFAULT_MAX_SIZE,
  defineAggregate,
  type Json,
  maxSizeOf,
  type PositionalSpec,
} from "./aggregate_function.ts";
import {
  earlier,
  loadPlaced,
  mergePlaced,
  minorOf,
  place,
  type PlacedList,
  placedList,
  savePlaced,
} from "./positional_list.ts";

/**
 * Aggregates that collect values or rows: `make_set`, `make_list`, `make_bag` (with their size limits),
 * `arg_max`/`arg_min` (carrying the row's other columns) and `take_any`. Their results depend on row order, so
 * each also has a positional form (aggregate_function.ts) for rows given out of order: lists keep each value's
 * place (positional_list.ts), and one-row results keep the row's place.
 */

/** A size limit from the constants, as `init` reads it. */
function limitOf(max: Value | undefined, defaultMax: number): number {
  return max === undefined ? defaultMax : maxSizeOf(max);
}

/**
 * The positional form of the list aggregates: the first `max` values by place, each counted once by its key when
 * `distinct` (`load` derives the keys with `keyOf`; without it they are saved beside the values).
 */
function positionalList(
  options: { defaultMax: number; distinct: boolean; keyOf?: (value: Value) => string },
  each: (values: readonly Value[], take: (value: Value, key: string) => void) => void,
  result: (list: PlacedList) => Value,
): PositionalSpec<PlacedList> {
  const { distinct, keyOf } = options;
  const saveKeys = distinct && keyOf === undefined;
  return {
    init: ([max]) => placedList(limitOf(max, options.defaultMax), distinct),
    addAt: (s, values, time, seq, sub) => {
      let index = 0;
      each(values, (value, key) => place(s, key, value, time, seq, minorOf(sub, index++)));
      return s;
    },
    merge: mergePlaced,
    result,
    save: (s) => savePlaced(s, saveKeys),
    load: (json) => loadPlaced(json, distinct, keyOf),
  };
}

interface SetState {
  max: number;
  keys: Set<string>;
  values: Value[];
}

/**
 * `make_set`/`make_list` add the elements of a dynamic array rather than the array itself (the documentation's
 * "from array column" examples: rows `["A1","A2"]` and `["A2","C1"]` give the set `["A1","A2","C1"]`).
 */
function elementsOf(value: Value): readonly Value[] {
  return Array.isArray(value) ? value : [value];
}

function makeSet(conditional: boolean, defaultMax = DEFAULT_MAX_SIZE): AggregateFunction {
  const rows = conditional ? 2 : 1;
  const put = (s: SetState, v: Value) => {
    if (s.values.length >= s.max) return;
    const key = valueKey(v);
    if (!s.keys.has(key)) {
      s.keys.add(key);
      s.values.push(v);
    }
  };
  const positional = positionalList(
    { defaultMax, distinct: true, keyOf: valueKey },
    ([x, p], take) => {
      if (x === null || (conditional && p !== true)) return;
      for (const v of elementsOf(x)) if (v !== null) take(v, valueKey(v));
    },
    (list) => list.entries.map((e) => e.value),
  );
  return defineAggregate<SetState, PlacedList>({
    arity: [rows, rows + 1],
    rowArgs: rows,
    returns: "dynamic",
    init: ([max]) => ({ max: max === undefined ? defaultMax : maxSizeOf(max), keys: new Set(), values: [] }),
    add: (s, [x, p]) => {
      if (x !== null && (!conditional || p === true)) {
        for (const v of elementsOf(x)) if (v !== null) put(s, v);
      }
      return s;
    },
    merge: (a, b) => {
      for (const v of b.values) put(a, v);
      return a;
    },
    result: (s) => s.values,
    save: (s) => ({ max: s.max, values: s.values as Json }),
    load: (json) => {
      const o = json as { max: number; values: Value[] };
      return { max: o.max, keys: new Set(o.values.map(valueKey)), values: [...o.values] };
    },
  }, positional);
}

function makeList(
  options: { conditional: boolean; keepNulls: boolean; defaultMax?: number },
): AggregateFunction {
  const rows = options.conditional ? 2 : 1;
  const positional = positionalList(
    { defaultMax: options.defaultMax ?? DEFAULT_MAX_SIZE, distinct: false },
    ([x, p], take) => {
      if ((x === null && !options.keepNulls) || (options.conditional && p !== true)) return;
      for (const v of elementsOf(x)) take(v, "");
    },
    (list) => list.entries.map((e) => e.value),
  );
  return defineAggregate<{ max: number; values: Value[] }, PlacedList>({
    arity: [rows, rows + 1],
    rowArgs: rows,
    returns: "dynamic",
    init: ([max]) => ({
      max: max === undefined ? options.defaultMax ?? DEFAULT_MAX_SIZE : maxSizeOf(max),
      values: [],
    }),
    add: (s, [x, p]) => {
      if ((x === null && !options.keepNulls) || (options.conditional && p !== true)) return s;
      for (const v of elementsOf(x)) {
        if (s.values.length >= s.max) break;
        s.values.push(v);
      }
      return s;
    },
    merge: (a, b) => {
      for (const v of b.values) {
        if (a.values.length >= a.max) break;
        a.values.push(v);
      }
      return a;
    },
    result: (s) => s.values,
  }, positional);
}

/** `make_bag`: the union of property bags; a key seen again keeps its first value. `max` limits the keys. */
function makeBag(conditional: boolean): AggregateFunction {
  const rows = conditional ? 2 : 1;
  const put = (s: { max: number; bag: Record<string, Value> }, bag: Value) => {
    if (!isBag(bag)) return;
    let size = Object.keys(s.bag).length;
    for (const [k, v] of Object.entries(bag)) {
      if (Object.hasOwn(s.bag, k)) continue;
      if (size >= s.max) return;
      s.bag[k] = v;
      size++;
    }
  };
  const positional = positionalList(
    { defaultMax: DEFAULT_MAX_SIZE, distinct: true },
    ([x, p], take) => {
      if ((!conditional || p === true) && isBag(x)) { for (const [k, v] of Object.entries(x)) take(v, k); }
    },
    (list) => {
      // Built as the plain form builds it, key by key in order.
      const bag: Record<string, Value> = {};
      for (const e of list.entries) bag[e.key] = e.value;
      return bag;
    },
  );
  return defineAggregate<{ max: number; bag: Record<string, Value> }, PlacedList>({
    arity: [rows, rows + 1],
    rowArgs: rows,
    returns: "dynamic",
    init: ([max]) => ({ max: maxSizeOf(max), bag: {} }),
    add: (s, [x, p]) => {
      if (!conditional || p === true) put(s, x);
      return s;
    },
    merge: (a, b) => {
      put(a, b.bag);
      return a;
    },
    result: (s) => s.bag,
  }, positional);
}

/** A one-row result with its place (`row` arrays are never changed once kept, so states may share them). */
interface PlacedRow {
  row: Value[] | null;
  time: number;
  seq: number;
  sub: number;
}

function setRow(s: PlacedRow, row: Value[], time: number, seq: number, sub: number): PlacedRow {
  s.row = row;
  s.time = time;
  s.seq = seq;
  s.sub = sub;
  return s;
}

/** The positional form of a one-row aggregate, from how it adds and merges. */
function positionalRow(
  spec: Pick<PositionalSpec<PlacedRow>, "addAt" | "merge" | "result">,
): PositionalSpec<PlacedRow> {
  return {
    ...spec,
    init: () => ({ row: null, time: 0, seq: 0, sub: 0 }),
    save: (s) => s.row === null ? null : { row: s.row as Json, at: [s.time, s.seq, s.sub] },
    load: (json) => {
      if (json === null) return { row: null, time: 0, seq: 0, sub: 0 };
      const o = json as { row: Value[]; at: [number, number, number] };
      return { row: [...o.row], time: o.at[0], seq: o.at[1], sub: o.at[2] };
    },
  };
}

/**
 * `arg_max(expr, col1, …)` / `arg_min`: the row where `expr` is largest (smallest), as an array
 * `[expr, col1, …]` the evaluator spreads into columns. Rows with a null `expr` are skipped; on ties the first row
 * wins.
 */
function argExtreme(sign: 1 | -1): AggregateFunction {
  /** The kept row wins over a row at place `(t, s, m)` with first value `x`. */
  const keeps = (a: PlacedRow, x: NonNullable<Value>, t: number, s: number, m: number) => {
    if (a.row === null) return false;
    const c = sign * compareValues(x, a.row[0]!);
    return c < 0 || (c === 0 && !earlier(t, s, m, a.time, a.seq, a.sub));
  };
  const positional = positionalRow({
    addAt: (s, values, time, seq, sub) => {
      const x = values[0];
      if (x === null || (typeof x === "number" && x !== x) || keeps(s, x, time, seq, sub)) return s;
      return setRow(s, [...values], time, seq, sub);
    },
    merge: (a, b) => {
      if (b.row === null || keeps(a, b.row[0]!, b.time, b.seq, b.sub)) return a;
      return setRow(a, b.row, b.time, b.seq, b.sub);
    },
    result: (s) => s.row,
  });
  return defineAggregate<{ row: Value[] | null }, PlacedRow>({
    arity: [1, 64],
    rowArgs: (n) => n,
    returns: (types: readonly ScalarType[]) => types[0] ?? "dynamic",
    init: () => ({ row: null }),
    add: (s, values) => {
      const x = values[0];
      if (x === null || (typeof x === "number" && x !== x)) return s;
      if (s.row === null || sign * compareValues(x, s.row[0]!) > 0) s.row = [...values];
      return s;
    },
    merge: (a, b) => {
      if (b.row !== null && (a.row === null || sign * compareValues(b.row[0]!, a.row[0]!) > 0)) a.row = b.row;
      return a;
    },
    result: (s) => s.row,
  }, positional);
}

/**
 * `take_any(expr, …)`: the first row seen where some argument is not null (with one argument, the first non-null
 * value). Kusto only promises "any"; taking the first keeps both back ends and every merge order deterministic.
 */
function takeAny(conditional: boolean): AggregateFunction {
  const later = (a: PlacedRow, t: number, s: number, m: number) =>
    a.row !== null && !earlier(t, s, m, a.time, a.seq, a.sub);
  const result = (s: { row: Value[] | null }) =>
    s.row === null ? null : s.row.length === 1 ? s.row[0] : s.row;
  const positional = positionalRow({
    addAt: (s, values, time, seq, sub) => {
      if (later(s, time, seq, sub)) return s;
      const row = conditional ? values.slice(0, 1) : values;
      if ((!conditional || values[1] === true) && row.some((v) => v !== null)) {
        return setRow(s, [...row], time, seq, sub);
      }
      return s;
    },
    merge: (a, b) =>
      b.row === null || later(a, b.time, b.seq, b.sub) ? a : setRow(a, b.row, b.time, b.seq, b.sub),
    result,
  });
  return defineAggregate<{ row: Value[] | null }, PlacedRow>({
    arity: conditional ? [2, 2] : [0, 64],
    rowArgs: (n) => n,
    returns: (types: readonly ScalarType[]) => types[0] ?? "dynamic",
    init: () => ({ row: null }),
    add: (s, values) => {
      if (s.row !== null) return s;
      const row = conditional ? values.slice(0, 1) : values;
      if ((!conditional || values[1] === true) && row.some((v) => v !== null)) s.row = [...row];
      return s;
    },
    merge: (a, b) => a.row === null ? b : a,
    result,
  }, positional);
}

/** The collecting aggregates. */
export const COLLECT_AGGREGATES: AggregateFunctionTable = {
  make_set: makeSet(false),
  make_set_if: makeSet(true),
  make_list: makeList({ conditional: false, keepNulls: false }),
  make_list_if: makeList({ conditional: true, keepNulls: false }),
  make_list_with_nulls: makeList({ conditional: false, keepNulls: true }),
  make_bag: makeBag(false),
  make_bag_if: makeBag(true),
  arg_max: argExtreme(1),
  arg_min: argExtreme(-1),
  take_any: takeAny(false),
  take_anyif: takeAny(true),
  // The deprecated names keep their old default limit of 128 elements.
  makeset: makeSet(false, 128),
  makelist: makeList({ conditional: false, keepNulls: false, defaultMax: 128 }),
};
