/**
 * Which panes a leaf reads for a window, given the event-time bounds of its `where` (query/bind/time_bounds.ts).
 * The window `(t-P, t]` intersected with the bounds is an interval whose ends are `t - offset`; the pane length
 * divides every offset (incremental_plan.ts takes the gcd), so the ends fall on pane edges.
 *
 * Panes are `((k-1)w, kw]`. A bound that includes its own end from the left (`TimeGenerated >= ago(1h)`) or
 * excludes it on the right (`TimeGenerated < ago(1h)`) needs the single instant `kw` apart from the rest of its
 * pane: such a leaf splits each pane k in two, the body `((k-1)w, kw)` with index 2k-1 and the edge `{kw}` with
 * index 2k, so that every window is still a contiguous range of indexes, exactly.
 */
import type { TimeBound } from "../../query/bind/time_bounds.ts";

/** A contiguous range of pane indexes (empty when `lo > hi`). */
export interface PaneRange {
  readonly lo: number;
  readonly hi: number;
}

/** The panes of one leaf. */
export class LeafWindow {
  readonly #bounds: readonly TimeBound[];
  readonly #pane: number;
  /** Panes are split into body and edge (see the module doc). */
  readonly split: boolean;

  /**
   * @param bounds the leaf's event-time bounds (none: the whole window)
   * @param pane the pane length, microseconds (divides the period, the frequency and every offset)
   */
  constructor(bounds: readonly TimeBound[], pane: number) {
    this.#bounds = bounds;
    this.#pane = pane;
    this.split = bounds.some((b) => (b.side === "lower") === b.inclusive);
  }

  /** The pane index of an event time. */
  index(time: number): number {
    const k = Math.ceil(time / this.#pane);
    if (!this.split) return k;
    return time === k * this.#pane ? 2 * k : 2 * k - 1;
  }

  /**
   * The panes of the window `(windowStart, windowEnd]` that the bounds keep.
   *
   * @param window the window; its ends are multiples of the pane length
   * @returns the index range
   */
  range(window: { windowStart: number; windowEnd: number }): PaneRange {
    // The kept times are `(from, to)` plus `from` when fromPoint, plus `to` when toPoint.
    let from = window.windowStart;
    let fromPoint = false;
    let to = window.windowEnd;
    let toPoint = true;
    for (const b of this.#bounds) {
      const at = window.windowEnd - b.offset;
      if (b.side === "lower") {
        if (at > from) [from, fromPoint] = [at, b.inclusive];
        else if (at === from) fromPoint &&= b.inclusive;
      } else {
        if (at < to) [to, toPoint] = [at, b.inclusive];
        else if (at === to) toPoint &&= b.inclusive;
      }
    }
    const m = Math.floor(from / this.#pane);
    const n = Math.floor(to / this.#pane);
    if (!this.split) return { lo: m + 1, hi: n };
    return { lo: fromPoint ? 2 * m : 2 * m + 1, hi: toPoint ? 2 * n : 2 * n - 1 };
  }
}
