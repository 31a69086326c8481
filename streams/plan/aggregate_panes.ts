/**
 * A leaf with a summarize: partial aggregate states per pane and group key, and per key a two-stack window over
 * the sealed panes (key_window.ts). A window's summarize result is each key's merge of its panes, in the order
 * the batch evaluation would list the groups (by the key's first row in the window).
 *
 * Panes up to the last instant evaluated at its scheduled time are sealed into the key windows; newer ones (the
 * next instant's, which early firing reads while it fills) are merged in at each read. Only keys whose panes
 * changed since the last read are recomputed, so a read costs O(changed keys) merges plus a pass over the cached
 * result rows. An event that arrives for a sealed pane (later than the allowed lateness) resets its key's window.
 *
 * Aggregates that depend on row order (make_set, make_list, take_any, arg_max ties...) are given each row's
 * place in the window order (event time, arrival, place among the event's rows) and keep it in their states, so
 * rows may come in any order and panes merge in any order. A leaf marked `ordered` (an order-dependent aggregate
 * without such a form: none at present) needs a pane's rows added in window order instead: an event that arrives
 * out of order in such a pane marks it stale, and it is rebuilt from the event store's rows of that pane before
 * the next read (a pane's worth of work, not a window's).
 */
import type { Row } from "../../query/eval/push_operator.ts";
import type { AggregateState } from "../../query/functions/mod.ts";
import type { Value } from "../../query/values/mod.ts";
import { KeyWindow } from "./key_window.ts";
import type { CompiledSummarize } from "./leaf_pipeline.ts";

/** Where a group's first row is: the window lists groups in this order (union table, event time, arrival). */
interface First {
  firstSource: number;
  firstTime: number;
  firstSeq: number;
  /** Place among the rows of the first row's event (an event may give a group several rows: mv-expand). */
  firstSub: number;
}

interface Group extends First {
  keys: Value[];
  /** The arrival of the row `keys` were taken from (the earliest one: equal keys may differ, as 0 and -0 do). */
  keysSeq: number;
  readonly states: AggregateState[];
}

/** A group of one pane computed elsewhere (plan_partial.ts), with the same meaning as a pane's own groups. */
export interface PaneGroup {
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

interface Pane {
  groups: Map<string, Group>;
  maxTime: number;
  stale: boolean;
}

interface Cached extends Readonly<First> {
  /** The output row (one table), or undefined for a union (its tables' states are merged at the read). */
  readonly row: Row | undefined;
  readonly keys: Value[];
  readonly states: AggregateState[];
  /** The group key without the union table. */
  readonly key: string;
}

function before(a: First, b: First): number {
  return a.firstSource - b.firstSource || a.firstTime - b.firstTime || a.firstSeq - b.firstSeq ||
    a.firstSub - b.firstSub;
}

/** Make `at` the group's first row when it comes before the current one. */
function takeFirst(g: First, at: First): void {
  if (before(at, g) >= 0) return;
  g.firstSource = at.firstSource;
  g.firstTime = at.firstTime;
  g.firstSeq = at.firstSeq;
  g.firstSub = at.firstSub;
}

/** Replays a pane's events (in window order) through the leaf's operators: `(time, seq, rows)` per event. */
export type PaneReplay = (
  pane: number,
  add: (time: number, seq: number, rows: readonly Row[]) => void,
) => void;

/** The panes of one summarize leaf. */
export class AggregatePanes {
  readonly #s: CompiledSummarize;
  readonly #ordered: boolean;
  readonly #replay: PaneReplay;
  readonly #panes = new Map<number, Pane>();
  readonly #stale = new Set<number>();
  readonly #windows = new Map<string, KeyWindow>();
  readonly #cache = new Map<string, Cached>();
  /** Keys whose window changed since the last read. */
  #changed = new Set<string>();
  /** Keys whose window must be rebuilt from the panes (a sealed pane changed). */
  #reset = new Set<string>();
  /** Keys of the live panes at the last read. */
  #lastLive = new Set<string>();
  /** Panes up to this one are in the key windows. */
  #sealed = -Infinity;
  /** Panes before this one are gone. */
  #low = -Infinity;

  /** Rows come from several tables of a union: groups are kept per table and merged in table order. */
  readonly #union: boolean;

  constructor(
    summarize: CompiledSummarize,
    options: { ordered: boolean; replay: PaneReplay; union?: boolean },
  ) {
    this.#s = summarize;
    this.#ordered = options.ordered;
    this.#replay = options.replay;
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
    let p = this.#panes.get(pane);
    if (p === undefined) {
      p = { groups: new Map(), maxTime: time, stale: false };
      this.#panes.set(pane, p);
    }
    if (p.stale) return;
    if (this.#ordered && time < p.maxTime) {
      p.stale = true;
      this.#stale.add(pane);
      return;
    }
    if (time > p.maxTime) p.maxTime = time;
    this.#addRows(p, pane, { firstSource: source, firstTime: time, firstSeq: seq, firstSub: sub }, rows);
  }

  /** Rows of one event; `at.firstSub` is the first one's place among the event's rows. */
  #addRows(p: Pane, pane: number, at: First, rows: readonly Row[]): void {
    const s = this.#s;
    const sealed = pane <= this.#sealed;
    const sub0 = at.firstSub;
    for (let j = 0; j < rows.length; j++) {
      const row = rows[j];
      at.firstSub = sub0 + j;
      const key = this.#union ? `${at.firstSource}\u0002${s.keyOf(row)}` : s.keyOf(row);
      let g = p.groups.get(key);
      if (g === undefined) {
        g = { keys: s.keyValues(row), keysSeq: at.firstSeq, states: s.init(), ...at };
        p.groups.set(key, g);
      } else takeFirst(g, at);
      s.add(g.states, row, at.firstTime, at.firstSeq, at.firstSub);
      if (sealed) this.#reset.add(key);
    }
  }

  /**
   * Merge a group computed elsewhere from other events of the pane, as if its rows had been added here: in a
   * sealed pane its key's window is rebuilt, as for a late row. Not for an `ordered` leaf (the merge order is the
   * arrival order of the groups, not of their rows).
   */
  mergeGroup(pane: number, group: PaneGroup): void {
    if (pane < this.#low) return;
    let p = this.#panes.get(pane);
    if (p === undefined) {
      p = { groups: new Map(), maxTime: group.time, stale: false };
      this.#panes.set(pane, p);
    }
    const s = this.#s;
    const base = s.keyOfValues(group.keys);
    const key = this.#union ? `${group.source}\u0002${base}` : base;
    const at = { firstSource: group.source, firstTime: group.time, firstSeq: group.seq, firstSub: group.sub };
    const g = p.groups.get(key);
    if (g === undefined) {
      p.groups.set(key, { keys: group.keys, keysSeq: group.keysSeq, states: group.states, ...at });
    } else {
      s.merge(g.states, group.states);
      takeFirst(g, at);
      if (group.keysSeq < g.keysSeq) {
        g.keys = group.keys;
        g.keysSeq = group.keysSeq;
      }
    }
    if (pane <= this.#sealed) this.#reset.add(key);
  }

  #rebuild(pane: number, p: Pane): void {
    const old = p.groups;
    p.groups = new Map();
    p.stale = false;
    p.maxTime = -Infinity;
    this.#replay(pane, (time, seq, rows) => {
      if (time > p.maxTime) p.maxTime = time;
      this.#addRows(p, pane, { firstSource: 0, firstTime: time, firstSeq: seq, firstSub: 0 }, rows);
    });
    if (pane <= this.#sealed) { for (const key of old.keys()) this.#reset.add(key); }
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
    for (const index of this.#stale) {
      const p = this.#panes.get(index);
      if (p !== undefined && index > hi) continue;
      this.#stale.delete(index);
      if (p !== undefined) this.#rebuild(index, p);
    }
    if (lo > this.#low) this.#dropBefore(lo);
    if (seal && hi > this.#sealed) {
      for (const index of this.#between(this.#sealed, hi)) {
        const p = this.#panes.get(index)!;
        for (const [key, g] of p.groups) {
          if (this.#reset.has(key)) continue;
          let w = this.#windows.get(key);
          if (w === undefined) {
            w = new KeyWindow(this.#s);
            this.#windows.set(key, w);
          }
          const last = w.lastPane;
          if (last !== undefined && last > index) this.#reset.add(key);
          else w.push(index, g.states);
          this.#changed.add(key);
        }
      }
      this.#sealed = hi;
    }
    for (const key of this.#reset) this.#resetKey(key, lo);
    this.#reset.clear();
    const live: { index: number; pane: Pane }[] = [];
    for (const index of this.#between(this.#sealed, hi)) live.push({ index, pane: this.#panes.get(index)! });
    const liveKeys = new Set<string>();
    for (const { pane } of live) for (const key of pane.groups.keys()) liveKeys.add(key);
    for (const key of liveKeys) this.#changed.add(key);
    for (const key of this.#lastLive) this.#changed.add(key);
    for (const key of this.#changed) this.#recompute(key, live);
    const changed = this.#changed;
    this.#changed = new Set();
    this.#lastLive = liveKeys;
    return changed;
  }

  /** Indexes of the panes held in `(after, upTo]`, in order, without scanning every pane when the range is short. */
  #between(after: number, upTo: number): number[] {
    if (upTo - after <= this.#panes.size) {
      const out: number[] = [];
      for (let i = Math.max(after + 1, this.#low); i <= upTo; i++) if (this.#panes.has(i)) out.push(i);
      return out;
    }
    return [...this.#panes.keys()].filter((i) => i > after && i <= upTo).sort((a, b) => a - b);
  }

  #dropBefore(lo: number): void {
    for (const index of this.#between(this.#low - 1, lo - 1)) {
      const p = this.#panes.get(index)!;
      for (const key of p.groups.keys()) {
        this.#windows.get(key)?.dropBefore(lo);
        this.#changed.add(key);
      }
      this.#panes.delete(index);
    }
    this.#low = lo;
  }

  #resetKey(key: string, lo: number): void {
    const panes: { pane: number; states: readonly AggregateState[] }[] = [];
    for (const [index, p] of this.#panes) {
      const g = p.groups.get(key);
      if (g !== undefined && index >= lo && index <= this.#sealed) {
        panes.push({ pane: index, states: g.states });
      }
    }
    panes.sort((a, b) => a.pane - b.pane);
    let w = this.#windows.get(key);
    if (w === undefined) {
      w = new KeyWindow(this.#s);
      this.#windows.set(key, w);
    }
    w.reset(panes);
    this.#changed.add(key);
  }

  #recompute(key: string, live: readonly { index: number; pane: Pane }[]): void {
    const s = this.#s;
    const w = this.#windows.get(key);
    let first: Group | undefined;
    if (w !== undefined && !w.empty) first = this.#panes.get(w.firstPane!)?.groups.get(key);
    let acc: AggregateState[] | undefined;
    if (w !== undefined && !w.empty) acc = w.mergeInto(s.init());
    for (const { pane } of live) {
      const g = pane.groups.get(key);
      if (g === undefined) continue;
      first ??= g;
      acc = s.merge(acc ?? s.init(), g.states);
    }
    if (w !== undefined && w.empty) this.#windows.delete(key);
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
