/**
 * One group key's sealed panes in a sliding window: per pane its partial aggregates, where its first row is and
 * the group-key values it was listed with; the aggregates as two stacks: the front holds suffix merges (oldest
 * pane first), the back one running merge. Pushing a pane, dropping the oldest and reading the whole window each
 * cost O(1) merges amortized, whatever the window length: no aggregate needs an inverse.
 *
 * A window of a day holds hundreds of panes per key, for every key, and all of it lives until the pane leaves:
 * the per-pane facts and states are kept flat in parallel arrays (a pane's states are `width` consecutive slots)
 * rather than in objects per pane, because every object that lives costs the garbage collector a copy while it
 * is young and a visit at every full collection; states that are numbers (counts) then cost it nothing.
 */
import type { AggregateState } from "../../query/functions/mod.ts";
import type { Value } from "../../query/values/mod.ts";

/** How states are made and merged (`merge(a, b)` is `a` followed by `b`, into `a`; `b` is never changed). */
export interface StateOps {
  readonly init: () => AggregateState[];
  readonly merge: (a: AggregateState[], b: readonly AggregateState[]) => AggregateState[];
}

/** Where a group's first row is: the window lists groups in this order (union table, event time, arrival). */
export interface First {
  firstSource: number;
  firstTime: number;
  firstSeq: number;
  /** Place among the rows of the first row's event (an event may give a group several rows: mv-expand). */
  firstSub: number;
}

/** One pane's group of this key. */
export interface PaneGroup extends First {
  /** The group-key values, from the row of lowest `keysSeq` (equal keys may differ, as 0 and -0 do). */
  keys: Value[];
  keysSeq: number;
  /** The aggregate states (taken over by the window: the caller must not change them later). */
  readonly states: AggregateState[];
}

/** Compare by first row. */
export function before(a: First, b: First): number {
  return a.firstSource - b.firstSource || a.firstTime - b.firstTime || a.firstSeq - b.firstSeq ||
    a.firstSub - b.firstSub;
}

/** The window of one key. */
export class KeyWindow {
  /** The group key (one string per key, shared by every pane that lists it). */
  readonly key: string;
  readonly #ops: StateOps;
  /** States per pane. */
  readonly #width: number;
  #panes: number[] = [];
  /** The panes' states, `#width` slots each. */
  #states: AggregateState[] = [];
  /** The union table of every group of the key (it is part of the key). */
  #source = 0;
  #firstTime: number[] = [];
  #firstSeq: number[] = [];
  /** Per pane, its group-key values (panes with equal values share one array). */
  #keys: Value[][] = [];
  /**
   * By pane, the rare facts: a first row that is not its event's first output row, or keys taken from another
   * row than the first (an event that came out of order). Absent: 0, and the first row's arrival.
   */
  #odd: Map<number, { sub: number; keysSeq: number }> | undefined;
  /** Merges of panes `i..split)`, for `i` in `[head, split)`, `#width` slots each. */
  #suffix: AggregateState[] = [];
  #head = 0;
  #split = 0;
  /** Merge of `#states[split..)`. */
  #back: AggregateState[] | undefined;

  constructor(key: string, ops: StateOps) {
    this.key = key;
    this.#ops = ops;
    this.#width = ops.init().length;
  }

  /** No pane left. */
  get empty(): boolean {
    return this.#head >= this.#panes.length;
  }

  /** The oldest pane held. */
  get firstPane(): number | undefined {
    return this.empty ? undefined : this.#panes[this.#head];
  }

  /** The newest pane held. */
  get lastPane(): number | undefined {
    return this.empty ? undefined : this.#panes[this.#panes.length - 1];
  }

  /** The oldest pane's first row and group-key values (undefined when empty). */
  first(): (First & { keys: Value[] }) | undefined {
    if (this.empty) return undefined;
    const first = this.#firstAt(this.#head) as First & { keys: Value[] };
    first.keys = this.#keys[this.#head];
    return first;
  }

  /** Add a pane's group: the newest pane, or one already held or in between (a late one), merged in place. */
  add(pane: number, group: PaneGroup): void {
    const n = this.#panes.length;
    if (this.empty || pane > this.#panes[n - 1]) {
      this.#append(pane, group);
      this.#back = this.#ops.merge(this.#back ?? this.#ops.init(), group.states);
      return;
    }
    let lo = this.#head;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#panes[mid] < pane) lo = mid + 1;
      else hi = mid;
    }
    if (lo < n && this.#panes[lo] === pane) {
      put(this.#states, lo, this.#ops.merge(slots(this.#states, lo, this.#width), group.states));
      const first = this.#firstAt(lo);
      let keysSeq = this.#keysSeqAt(lo);
      if (before(group, first) < 0) {
        this.#firstTime[lo] = group.firstTime;
        this.#firstSeq[lo] = group.firstSeq;
        first.firstSub = group.firstSub;
      }
      if (group.keysSeq < keysSeq) {
        this.#keys[lo] = group.keys;
        keysSeq = group.keysSeq;
      }
      this.#setOdd(lo, first.firstSub, keysSeq);
    } else {
      this.#panes.splice(lo, 0, pane);
      this.#states.splice(lo * this.#width, 0, ...group.states);
      this.#firstTime.splice(lo, 0, group.firstTime);
      this.#firstSeq.splice(lo, 0, group.firstSeq);
      this.#keys.splice(lo, 0, group.keys);
      this.#setOdd(lo, group.firstSub, group.keysSeq);
    }
    this.#restack();
  }

  /** Drop the panes older than `pane`. */
  dropBefore(pane: number): void {
    while (this.#head < this.#panes.length && this.#panes[this.#head] < pane) {
      if (this.#head === this.#split) this.#flip();
      this.#odd?.delete(this.#panes[this.#head]);
      this.#head++;
    }
    if (this.#head > 32 && this.#head * 2 > this.#panes.length) this.#compact();
  }

  /** Merge the window into `acc` (oldest first). */
  mergeInto(acc: AggregateState[]): AggregateState[] {
    if (this.#head < this.#split) acc = this.#ops.merge(acc, slots(this.#suffix, this.#head, this.#width));
    if (this.#back !== undefined) acc = this.#ops.merge(acc, this.#back);
    return acc;
  }

  #append(pane: number, group: PaneGroup): void {
    const n = this.#panes.length;
    const last = this.#keys[n - 1];
    this.#source = group.firstSource;
    this.#panes.push(pane);
    for (const state of group.states) this.#states.push(state);
    this.#firstTime.push(group.firstTime);
    this.#firstSeq.push(group.firstSeq);
    // Most panes list a key with the same values: keep one array for them all.
    this.#keys.push(n > this.#head && sameValues(last, group.keys) ? last : group.keys);
    this.#setOdd(n, group.firstSub, group.keysSeq);
  }

  #firstAt(i: number): First {
    return {
      firstSource: this.#source,
      firstTime: this.#firstTime[i],
      firstSeq: this.#firstSeq[i],
      firstSub: this.#odd?.get(this.#panes[i])?.sub ?? 0,
    };
  }

  #keysSeqAt(i: number): number {
    return this.#odd?.get(this.#panes[i])?.keysSeq ?? this.#firstSeq[i];
  }

  #setOdd(i: number, sub: number, keysSeq: number): void {
    const pane = this.#panes[i];
    if (sub !== 0 || keysSeq !== this.#firstSeq[i]) (this.#odd ??= new Map()).set(pane, { sub, keysSeq });
    else this.#odd?.delete(pane);
  }

  /** Move the back stack to the front, computing its suffix merges. */
  #flip(): void {
    const n = this.#panes.length;
    const width = this.#width;
    const { init, merge } = this.#ops;
    // Only called with the front empty (no suffix before `split` is read again).
    const suffix = this.#suffix;
    if (suffix.length > n * width) suffix.length = n * width;
    while (suffix.length < n * width) suffix.push(0 as unknown as AggregateState);
    for (let i = n - 1; i >= this.#split; i--) {
      const own = merge(init(), slots(this.#states, i, width));
      put(suffix, i, i === n - 1 ? own : merge(own, slots(suffix, i + 1, width)));
    }
    this.#split = n;
    this.#back = undefined;
  }

  /** Start the stacks over: everything in the back (a pane's states changed in place). */
  #restack(): void {
    this.#suffix = [];
    this.#split = this.#head;
    this.#back = undefined;
    for (let i = this.#head; i < this.#panes.length; i++) {
      this.#back = this.#ops.merge(this.#back ?? this.#ops.init(), slots(this.#states, i, this.#width));
    }
  }

  /** Forget the dropped panes of an empty window, keeping it for the key's next pane. */
  clear(): void {
    if (this.#panes.length === 0) return;
    this.#panes.length = 0;
    this.#states.length = 0;
    this.#firstTime.length = 0;
    this.#firstSeq.length = 0;
    this.#keys.length = 0;
    this.#suffix.length = 0;
    this.#odd = undefined;
    this.#head = 0;
    this.#split = 0;
    this.#back = undefined;
  }

  #compact(): void {
    const h = this.#head;
    this.#panes = this.#panes.slice(h);
    this.#states = this.#states.slice(h * this.#width);
    this.#firstTime = this.#firstTime.slice(h);
    this.#firstSeq = this.#firstSeq.slice(h);
    this.#keys = this.#keys.slice(h);
    this.#suffix = this.#suffix.slice(h * this.#width);
    this.#split -= h;
    this.#head = 0;
  }
}

/** Pane `i`'s slots of a flat array, as the states array `merge` takes (a copy: merges may change it). */
function slots(flat: readonly AggregateState[], i: number, width: number): AggregateState[] {
  return flat.slice(i * width, (i + 1) * width);
}

/** Write a pane's states into its slots. */
function put(flat: AggregateState[], i: number, states: readonly AggregateState[]): void {
  for (let k = 0; k < states.length; k++) flat[i * states.length + k] = states[k];
}

function sameValues(a: readonly Value[] | undefined, b: readonly Value[]): boolean {
  if (a === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}
