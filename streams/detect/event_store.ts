/**
 * Recent events per table, kept in TimeGenerated order, so a rule's window `(t-P, t]` is two binary searches away.
 * Rows arrive mostly in order; late ones are inserted in place. Everything older than the longest window still
 * needed is pruned.
 *
 * A row is held in one of two forms. Tables that batch rules read at every instant keep it decoded into run-time
 * values (query/values), decoded once. Other tables (read only by incremental plans, which took the decoded rows
 * as they arrived and read the store again only to rebuild or to replay a pane) keep the JSON row as it came and
 * decode it when read: a decoded row is as wide as its table (223 slots for SecurityEvent) where the JSON holds
 * the dozen fields an event fills, and a day of wide rows is what the garbage collector would otherwise walk.
 */
import type { ColumnSchema, TableSchema } from "../../query/symbols/mod.ts";
import { rowDecoder, type Value } from "../../query/values/mod.ts";

/** A row as held: decoded values, or the JSON object it arrived as. */
type HeldRow = Value[] | Record<string, unknown>;

/** One table's rows, by time. */
interface TableRows {
  schema: TableSchema;
  decode: (row: Record<string, unknown>) => Value[];
  timeIndex: number;
  times: number[];
  rows: HeldRow[];
}

/** A table's rows in a time range, in the layout the evaluator takes. */
export interface TableSlice {
  readonly columns: readonly ColumnSchema[];
  readonly rows: Value[][];
}

/** Looks up a table's schema (built-in or custom), undefined for an unknown table. */
export type SchemaLookup = (table: string) => TableSchema | undefined;

/** The store. */
export class EventStore {
  readonly #tables = new Map<string, TableRows>();
  readonly #schemaOf: SchemaLookup;
  #maxTime = -Infinity;
  #decodedTables: ReadonlySet<string> = new Set();

  constructor(schemaOf: SchemaLookup) {
    this.#schemaOf = schemaOf;
  }

  /** The latest TimeGenerated seen (microseconds), or -Infinity before any event. */
  get maxTime(): number {
    return this.#maxTime;
  }

  /**
   * Which tables keep their rows decoded (those that batch rules read at every instant); the others keep JSON.
   * Rows already held change form when next read.
   */
  keepDecoded(tables: Iterable<string>): void {
    this.#decodedTables = new Set(tables);
  }

  /**
   * Add rows of one table (JSON rows as on the event stream). Rows without a valid TimeGenerated are skipped.
   *
   * @param table the table name
   * @param rows the rows
   * @returns the decoded rows that were added, with their times (for NRT rules)
   */
  add(table: string, rows: readonly Record<string, unknown>[]): { times: number[]; rows: Value[][] } {
    return this.#decodeRows(table, rows, true);
  }

  /**
   * Decode rows of one table as `add` would, without keeping them (events another worker's rules need).
   *
   * @param table the table name
   * @param rows the rows
   * @returns the decoded rows with a valid TimeGenerated, and their times
   */
  decode(table: string, rows: readonly Record<string, unknown>[]): { times: number[]; rows: Value[][] } {
    return this.#decodeRows(table, rows, false);
  }

  #decodeRows(
    table: string,
    rows: readonly Record<string, unknown>[],
    keep: boolean,
  ): { times: number[]; rows: Value[][] } {
    const t = this.#table(table);
    const added = { times: [] as number[], rows: [] as Value[][] };
    if (!t) return added;
    const keepDecoded = this.#decodedTables.has(table);
    for (const json of rows) {
      const values = t.decode(json);
      const time = values[t.timeIndex];
      if (typeof time !== "number") continue;
      added.times.push(time);
      added.rows.push(values);
      if (!keep) continue;
      insertSorted(t, time, keepDecoded ? values : json);
      if (time > this.#maxTime) this.#maxTime = time;
    }
    return added;
  }

  /**
   * The rows of a table with `from < TimeGenerated <= to`.
   *
   * @param table the table
   * @param from exclusive lower bound (microseconds)
   * @param to inclusive upper bound (microseconds)
   * @returns the rows and the columns (an empty slice with the catalog's columns for a known table with no rows)
   */
  slice(table: string, from: number, to: number): TableSlice | undefined {
    const t = this.#table(table);
    if (!t) return undefined;
    const lo = upperBound(t.times, from);
    const hi = upperBound(t.times, to);
    return { columns: t.schema.columns, rows: this.#decoded(table, t, lo, hi) };
  }

  /**
   * Like `slice`, with each row's time: for incremental plans, which replay what the store holds.
   *
   * @param table the table
   * @param from exclusive lower bound (microseconds)
   * @param to inclusive upper bound (microseconds)
   * @returns the rows (padded to the table's width) and their times, in store order
   */
  range(table: string, from: number, to: number): { rows: Value[][]; times: number[] } {
    const t = this.#table(table);
    if (!t) return { rows: [], times: [] };
    const lo = upperBound(t.times, from);
    const hi = upperBound(t.times, to);
    return { rows: this.#decoded(table, t, lo, hi), times: t.times.slice(lo, hi) };
  }

  /** Drop rows with TimeGenerated at or before `before`. */
  prune(before: number): void {
    for (const t of this.#tables.values()) {
      const cut = upperBound(t.times, before);
      if (cut > 0) {
        t.times.splice(0, cut);
        t.rows.splice(0, cut);
      }
    }
  }

  /** Rows held, over all tables. */
  get size(): number {
    let n = 0;
    for (const t of this.#tables.values()) n += t.rows.length;
    return n;
  }

  /** Rows `lo..hi` decoded at the table's width; kept decoded when the table is one that keeps them so. */
  #decoded(table: string, t: TableRows, lo: number, hi: number): Value[][] {
    const width = t.schema.columns.length;
    const keep = this.#decodedTables.has(table);
    const out = new Array<Value[]>(hi - lo);
    for (let i = lo; i < hi; i++) {
      const held = t.rows[i];
      let row: Value[];
      if (Array.isArray(held)) row = held.length < width ? pad(held, width) : held;
      else {
        row = t.decode(held);
        if (keep) t.rows[i] = row;
      }
      out[i - lo] = row;
    }
    return out;
  }

  #table(name: string): TableRows | undefined {
    const schema = this.#schemaOf(name);
    if (!schema) return undefined;
    let t = this.#tables.get(name);
    // A custom table that grew a column gets a new decoder; older rows are padded with nulls when read.
    if (!t || t.schema.columns.length !== schema.columns.length) {
      const timeIndex = schema.columns.findIndex((c) => c.name === "TimeGenerated");
      if (timeIndex < 0) return undefined;
      t = {
        schema,
        decode: rowDecoder(schema.columns),
        timeIndex,
        times: t?.times ?? [],
        rows: t?.rows ?? [],
      };
      this.#tables.set(name, t);
    }
    return t;
  }
}

function pad(row: Value[], width: number): Value[] {
  const out = row.slice();
  while (out.length < width) out.push(null);
  return out;
}

/** First index whose time is greater than `value`. */
function upperBound(times: readonly number[], value: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertSorted(t: TableRows, time: number, values: HeldRow): void {
  const n = t.times.length;
  if (n === 0 || t.times[n - 1] <= time) {
    t.times.push(time);
    t.rows.push(values);
    return;
  }
  const at = upperBound(t.times, time);
  t.times.splice(at, 0, time);
  t.rows.splice(at, 0, values);
}
