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
} from "./aggregate_function.ts";

/**
 * Aggregates that collect values or rows: `make_set`, `make_list`, `make_bag` (with their size limits),
 * `arg_max`/`arg_min` (carrying the row's other columns) and `take_any`.
 */

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
  return defineAggregate<SetState>({
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
  });
}

function makeList(
  options: { conditional: boolean; keepNulls: boolean; defaultMax?: number },
): AggregateFunction {
  const rows = options.conditional ? 2 : 1;
  return defineAggregate<{ max: number; values: Value[] }>({
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
  });
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
  return defineAggregate<{ max: number; bag: Record<string, Value> }>({
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
  });
}

/**
 * `arg_max(expr, col1, …)` / `arg_min`: the row where `expr` is largest (smallest), as an array
 * `[expr, col1, …]` the evaluator spreads into columns. Rows with a null `expr` are skipped; on ties the first row
 * wins.
 */
function argExtreme(sign: 1 | -1): AggregateFunction {
  return defineAggregate<{ row: Value[] | null }>({
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
  });
}

/**
 * `take_any(expr, …)`: the first row seen where some argument is not null (with one argument, the first non-null
 * value). Kusto only promises "any"; taking the first keeps both back ends and every merge order deterministic.
 */
function takeAny(conditional: boolean): AggregateFunction {
  return defineAggregate<{ row: Value[] | null }>({
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
    result: (s) => s.row === null ? null : s.row.length === 1 ? s.row[0] : s.row,
  });
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
