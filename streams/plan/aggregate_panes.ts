/**
 * A leaf with a summarize: partial aggregate states per pane and group key, and per key a two-stack window over
 * the sealed panes (key_window.ts). A window's summarize result is each key's merge of its panes, in the order
 * the batch evaluation would list the groups (by the key's first row in the window).
 *
 * Panes up to the last instant evaluated at its scheduled time are sealed: their groups move into the key
 * windows and the pane keeps only the list of its keys. Newer panes (the next instant's, which early firing reads
 * while it fills) keep their groups and are merged in at each read. Only keys whose panes changed since the last
 * read are recomputed, so a read costs O(changed keys) merges plus a pass over the cached result rows. Rows that
 * arrive for a sealed pane (later than the allowed lateness) are grouped apart and merged into their keys'
 * windows at the next read.
 *
 * Aggregates that depend on row order (make_set, make_list, take_any, arg_max ties...) are given each row's
 * place in the window order (event time, arrival, place among the event's rows) and keep it in their states, so
 * rows may come in any order and panes merge in any order (the planner sends a leaf with an order-dependent
 * aggregate that has no such form to batch).
 */
import type { Row } from "../../query/eval/push_operator.ts";
import type { AggregateState } from "../../query/functions/mod.ts";
import type { Value } from "../../query/values/mod.ts";
import { before, type First, KeyWindow, type PaneGroup } from "./key_window.ts";
import type { CompiledSummarize } from "./leaf_pipeline.ts";

/** A group of one pane computed elsewhere (plan_partial.ts), with the same meaning as a pane's own groups. */
export interface ForeignGroup {
  /** The group-key values, taken from its row of lowest `keysSeq`. */
  readonly keys: Value[];
  readonly keysSeq: number;
  /** The aggregate states (taken over: the caller must not use them again). */
  readonly states: AggregateState[];
  /** Its first row: table in the union, event time, place in the event order. */
  readonly source: number;
  readonly time: number;
  readonly seq: number;
  /** Its place among the rows of that event. */
  readonly sub: number;
}

type Groups = Map<string, PaneGroup>;

interface Cached extends Readonly<First> {
  /** The output row (one table), or undefined for a union (its tables' states are merged at the read). */
  readonly row: Row | undefined;
  readonly keys: Value[];
  readonly states: AggregateState[];
  /** The group key without the union table. */
  readonly key: string;
}

/** Make `at` the group's first row when it comes before the current one. */
function takeFirst(g: First, at: First): void {
  if (before(at, g) >= 0) return;
  g.firstSource = at.firstSource;
  g.firstTime = at.firstTime;
  g.firstSeq = at.firstSeq;
  g.firstSub = at.firstSub;
}

/** The panes of one summarize leaf. */
export class AggregatePanes {
  readonly #s: CompiledSummarize;
  /** Groups of the panes not sealed yet. */
  readonly #live = new Map<number, Groups>();
  /** Keys of the sealed panes (their groups are in the key windows). */
  readonly #sealedKeys = new Map<number, string[]>();
  /** Groups of rows that came for sealed panes since the last read. */
  readonly #late = new Map<number, Groups>();
  readonly #windows = new Map<string, KeyWindow>();
  readonly #cache = new Map<string, Cached>();
  /** Keys whose window changed since the last read. */
  #changed = new Set<string>();
  /** Keys of the live panes at the last read. */
  #lastLive = new Set<string>();
  /** Panes up to this one are sealed. */
  #sealed = -Infinity;
  /** Panes before this one are gone. */
  #low = -Infinity;

  /** Rows come from several tables of a union: groups are kept per table and merged in table order. */
  readonly #union: boolean;

  constructor(summarize: CompiledSummarize, options: { union?: boolean } = {}) {
    this.#s = summarize;
    this.#union = options.union ?? false;
  }

  /** Whether a read of panes `lo..hi` keeps the reads monotone (else the leaf must be rebuilt). */
  canRead(lo: number, hi: number): boolean {
    return lo >= this.#low && hi >= this.#sealed;
  }

  /**
   * Add one event's output rows (`source`: its table's place in a union; `sub`: the place of the first of them
   * among the event's rows, when a union branch gave it several).
   */
  add(pane: number, time: number, seq: number, rows: readonly Row[], source = 0, sub = 0): void {
    if (pane < this.#low || rows.length === 0) return;
    const groups = this.#groupsOf(pane);
    const s = this.#s;
    const at: First = { firstSource: source, firstTime: time, firstSeq: seq, firstSub: sub };
    for (let j = 0; j < rows.length; j++) {
      const row = rows[j];
      at.firstSub = sub + j;
      const key = this.#union ? `${source}\u0002${s.keyOf(row)}` : s.keyOf(row);
      let g = groups.get(key);
      if (g === undefined) {
        g = { keys: s.keyValues(row), keysSeq: seq, states: s.init(), ...at };
        groups.set(key, g);
      } else takeFirst(g, at);
      s.add(g.states, row, time, seq, at.firstSub);
    }
  }

  /** Merge a group computed elsewhere from other events of the pane, as if its rows had been added here. */
  mergeGroup(pane: number, group: ForeignGroup): void {
    if (pane < this.#low) return;
    const groups = this.#groupsOf(pane);
    const base = this.#s.keyOfValues(group.keys);
    const key = this.#union ? `${group.source}\u0002${base}` : base;
    const at = { firstSource: group.source, firstTime: group.time, firstSeq: group.seq, firstSub: group.sub };
    const g = groups.get(key);
    if (g === undefined) {
      groups.set(key, { keys: group.keys, keysSeq: group.keysSeq, states: group.states, ...at });
      return;
    }
    this.#s.merge(g.states, group.states);
    takeFirst(g, at);
    if (group.keysSeq < g.keysSeq) {
      g.keys = group.keys;
      g.keysSeq = group.keysSeq;
    }
  }

  /** Where rows of a pane are grouped: its own groups while it is live, else the late ones. */
  #groupsOf(pane: number): Groups {
    const panes = pane <= this.#sealed ? this.#late : this.#live;
    let groups = panes.get(pane);
    if (groups === undefined) {
      groups = new Map();
      panes.set(pane, groups);
    }
    return groups;
  }

  /**
   * The summarize result over panes `lo..hi` (call `canRead` first).
   *
   * @param lo first pane of the window
   * @param hi last pane of the window
   * @param seal the window's instant is final: its panes join the key windows
   */
  read(lo: number, hi: number, seal: boolean): Row[] {
    this.update(lo, hi, seal);
    return this.rows();
  }

  /** The groups' rows of the last `update`, listed as a batch run lists them. */
  rows(): Row[] {
    const cached = this.#sorted();
    const rows = this.#union ? this.#mergeTables(cached) : cached.map((c) => c.row!);
    if (rows.length === 0 && !this.#s.grouped) rows.push(this.#s.output([], this.#s.init()));
    return rows;
  }

  /** The group keys of the last `update`, in the order of `rows()` (one table only). */
  keys(): string[] {
    return this.#sorted().map((c) => c.key);
  }

  /** A group's row after the last `update` (one table only). */
  rowOf(key: string): Row | undefined {
    return this.#cache.get(key)?.row;
  }

  #sorted(): Cached[] {
    const cached = [...this.#cache.values()];
    cached.sort(before);
    return cached;
  }

  /**
   * Bring the groups to the window of panes `lo..hi` (call `canRead` first).
   *
   * @param lo first pane of the window
   * @param hi last pane of the window
   * @param seal the window's instant is final: its panes join the key windows
   * @returns the groups recomputed since the previous update (including the ones that left the window)
   */
  update(lo: number, hi: number, seal: boolean): ReadonlySet<string> {
    if (lo > this.#low) this.#dropBefore(lo);
    for (const [index, groups] of this.#late) this.#sealInto(index, groups);
    this.#late.clear();
    if (seal && hi > this.#sealed) {
      for (const index of between(this.#live, this.#sealed, hi, this.#low)) {
        this.#sealInto(index, this.#live.get(index)!);
        this.#live.delete(index);
      }
      this.#sealed = hi;
    }
    const live: Groups[] = [];
    for (const index of between(this.#live, this.#sealed, hi, this.#low)) live.push(this.#live.get(index)!);
    const liveKeys = new Set<string>();
    for (const groups of live) for (const key of groups.keys()) liveKeys.add(key);
    for (const key of liveKeys) this.#changed.add(key);
    for (const key of this.#lastLive) this.#changed.add(key);
    // A key's window that empties is kept for the key's next pane when the window spans several panes: one that
    // lives for part of a long window's span and then dies costs the garbage collector more than the window
    // itself (it outlives young-generation collections, and its still-young arrays are copied as long as the
    // dead window points at them); #dropBefore sweeps the empty ones once they outnumber the keys with
    // results. A window of one pane empties at every instant: its key windows go at once (they die young).
    const keepEmpty = hi > lo;
    for (const key of this.#changed) this.#recompute(key, live, keepEmpty);
    const changed = this.#changed;
    this.#changed = new Set();
    this.#lastLive = liveKeys;
    return changed;
  }

  /** Move a pane's groups into their keys' windows; the pane keeps its keys. */
  #sealInto(index: number, groups: Groups): void {
    let keys = this.#sealedKeys.get(index);
    if (keys === undefined) {
      keys = [];
      this.#sealedKeys.set(index, keys);
    }
    for (const [key, g] of groups) {
      let w = this.#windows.get(key);
      if (w === undefined) {
        w = new KeyWindow(key, this.#s);
        this.#windows.set(key, w);
      }
      // A late group of a key the pane already lists adds it again: harmless (dropping a key twice is a no-op).
      keys.push(w.key);
      w.add(index, g);
      this.#changed.add(key);
    }
  }

  #dropBefore(lo: number): void {
    for (const index of between(this.#sealedKeys, this.#low - 1, lo - 1, -Infinity)) {
      for (const key of this.#sealedKeys.get(index)!) {
        this.#windows.get(key)?.dropBefore(lo);
        this.#changed.add(key);
      }
      this.#sealedKeys.delete(index);
    }
    for (const index of between(this.#live, this.#low - 1, lo - 1, -Infinity)) {
      for (const key of this.#live.get(index)!.keys()) this.#changed.add(key);
      this.#live.delete(index);
    }
    for (const index of [...this.#late.keys()]) if (index < lo) this.#late.delete(index);
    this.#low = lo;
    if (this.#windows.size > 2 * this.#cache.size + 64) {
      for (const [key, w] of this.#windows) if (w.empty) this.#windows.delete(key);
    }
  }

  #recompute(key: string, live: readonly Groups[], keepEmpty: boolean): void {
    const s = this.#s;
    const w = this.#windows.get(key);
    let first: (First & { keys: Value[] }) | undefined;
    let acc: AggregateState[] | undefined;
    if (w !== undefined && !w.empty) {
      first = w.first();
      acc = w.mergeInto(s.init());
    }
    for (const groups of live) {
      const g = groups.get(key);
      if (g === undefined) continue;
      first ??= g;
      acc = s.merge(acc ?? s.init(), g.states);
    }
    if (w !== undefined && w.empty) {
      if (keepEmpty) w.clear();
      else this.#windows.delete(key);
    }
    if (acc === undefined || first === undefined) {
      this.#cache.delete(key);
      return;
    }
    this.#cache.set(key, {
      row: this.#union ? undefined : s.output(first.keys, acc),
      keys: first.keys,
      states: acc,
      key: this.#union ? key.slice(key.indexOf("\u0002") + 1) : key,
      firstSource: first.firstSource,
      firstTime: first.firstTime,
      firstSeq: first.firstSeq,
      firstSub: first.firstSub,
    });
  }

  /** A union's groups: each key's per-table states merged in table order, listed by first row. */
  #mergeTables(cached: readonly Cached[]): Row[] {
    const s = this.#s;
    const groups = new Map<string, { keys: Value[]; acc: AggregateState[] }>();
    for (const c of cached) {
      const g = groups.get(c.key);
      if (g === undefined) groups.set(c.key, { keys: c.keys, acc: s.merge(s.init(), c.states) });
      else g.acc = s.merge(g.acc, c.states);
    }
    return [...groups.values()].map((g) => s.output(g.keys, g.acc));
  }
}

/**
 * Indexes of the panes of `panes` in `(after, upTo]` and from `low` on, in order, without scanning every pane
 * when the range is short.
 */
function between(panes: ReadonlyMap<number, unknown>, after: number, upTo: number, low: number): number[] {
  if (upTo - after <= panes.size) {
    const out: number[] = [];
    for (let i = Math.max(after + 1, low); i <= upTo; i++) if (panes.has(i)) out.push(i);
    return out;
  }
  return [...panes.keys()].filter((i) => i > after && i <= upTo && i >= low).sort((a, b) => a - b);
}
