/**
 * One group key's partial aggregates over the sealed panes of a sliding window, as two stacks: the front holds
 * suffix merges (oldest pane first), the back one running merge. Pushing a pane, dropping the oldest and reading
 * the whole window each cost O(1) merges amortized, whatever the window length: no aggregate needs an inverse.
 */
import type { AggregateState } from "../../query/functions/mod.ts";

/** How states are made and merged (`merge(a, b)` is `a` followed by `b`, into `a`; `b` is never changed). */
export interface StateOps {
  readonly init: () => AggregateState[];
  readonly merge: (a: AggregateState[], b: readonly AggregateState[]) => AggregateState[];
}

/** The stacks. */
export class KeyWindow {
  readonly #ops: StateOps;
  #panes: number[] = [];
  #states: (readonly AggregateState[])[] = [];
  /** Merges of `#states[i..split)`, for `i` in `[head, split)`. */
  #suffix: (readonly AggregateState[])[] = [];
  #head = 0;
  #split = 0;
  /** Merge of `#states[split..)`. */
  #back: AggregateState[] | undefined;

  constructor(ops: StateOps) {
    this.#ops = ops;
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

  /** Add the newest pane's states (kept by reference: they must not change while held, see `reset`). */
  push(pane: number, states: readonly AggregateState[]): void {
    this.#panes.push(pane);
    this.#states.push(states);
    this.#back = this.#ops.merge(this.#back ?? this.#ops.init(), states);
  }

  /** Drop the panes older than `pane`. */
  dropBefore(pane: number): void {
    while (this.#head < this.#panes.length && this.#panes[this.#head] < pane) {
      if (this.#head === this.#split) this.#flip();
      this.#suffix[this.#head] = undefined as unknown as AggregateState[];
      this.#head++;
    }
    if (this.#head > 32 && this.#head * 2 > this.#panes.length) this.#compact();
  }

  /** Merge the window into `acc` (oldest first). */
  mergeInto(acc: AggregateState[]): AggregateState[] {
    if (this.#head < this.#split) acc = this.#ops.merge(acc, this.#suffix[this.#head]);
    if (this.#back !== undefined) acc = this.#ops.merge(acc, this.#back);
    return acc;
  }

  /** Start over from these panes (one of them changed in place, or was replaced). */
  reset(panes: readonly { pane: number; states: readonly AggregateState[] }[]): void {
    this.#panes = [];
    this.#states = [];
    this.#suffix = [];
    this.#head = 0;
    this.#split = 0;
    this.#back = undefined;
    for (const p of panes) this.push(p.pane, p.states);
  }

  /** Move the back stack to the front, computing its suffix merges. */
  #flip(): void {
    const n = this.#panes.length;
    const { init, merge } = this.#ops;
    for (let i = n - 1; i >= this.#split; i--) {
      const own = merge(init(), this.#states[i]);
      this.#suffix[i] = i === n - 1 ? own : merge(own, this.#suffix[i + 1]);
    }
    this.#split = n;
    this.#back = undefined;
  }

  #compact(): void {
    const h = this.#head;
    this.#panes = this.#panes.slice(h);
    this.#states = this.#states.slice(h);
    this.#suffix = this.#suffix.slice(h);
    this.#split -= h;
    this.#head = 0;
  }
}
