/**
 * A compiled plan leaf with its pane state, and the one walk from a table's events to the rows the leaf keeps:
 * the plan's own `add` and the contributions computed for another process (plan_partial.ts) take the same path,
 * so they cannot disagree on which rows an event gives.
 */
import type { Row } from "../../query/eval/push_operator.ts";
import type { Value } from "../../query/values/mod.ts";
import type { AggregatePanes } from "./aggregate_panes.ts";
import type { LeafPipeline } from "./leaf_pipeline.ts";
import type { LeafWindow } from "./leaf_window.ts";
import type { RowPanes } from "./row_panes.ts";

/** One table a leaf reads (a union leaf reads several, each kept apart: a union lists its tables in order). */
export interface LeafSource {
  readonly table: string;
  readonly width: number;
  /** Into the union's row layout. */
  readonly map?: (row: Value[]) => Value[];
  /** The operators of its union branch (`union (T | where ...), ...`), before the map. */
  readonly branch?: (row: Value[]) => readonly Value[][];
  rows?: RowPanes;
}

/** A compiled leaf and its panes. */
export interface PlanLeafState {
  readonly name: string;
  readonly pipeline: LeafPipeline;
  readonly sources: readonly LeafSource[];
  aggregates?: AggregatePanes;
  /** Which panes a window reads (the leaf's event-time bounds). */
  readonly window: LeafWindow;
}

/**
 * Where an event's leaf output goes: its union table, pane, time and place in the event order, and the place of
 * `rows[0]` among the event's output rows (a union branch may give an event several rows, each run apart).
 */
export type LeafTake = (
  source: number,
  pane: number,
  time: number,
  seq: number,
  rows: readonly Row[],
  sub: number,
) => void;

/**
 * Run a table's events through a leaf's operators.
 *
 * @param leaf the leaf
 * @param events the events of `table`, with their times and places in the event order (`seqs` is either one
 *   per row or the place of the first row, the others following it)
 * @param take called per event that gives rows (the rows array is reused: copy what you keep)
 */
export function feedLeaf(
  leaf: PlanLeafState,
  events: {
    table: string;
    rows: readonly Value[][];
    times: readonly number[];
    seqs: readonly number[] | number;
  },
  take: LeafTake,
): void {
  const { rows, times, seqs } = events;
  const run = leaf.pipeline.run;
  const window = leaf.window;
  leaf.sources.forEach((source, k) => {
    if (source.table !== events.table) return;
    const map = source.map;
    const branch = source.branch;
    const one = (time: number, seq: number, row: Value[], sub: number) => {
      const out = run(map === undefined ? row : map(row));
      if (out.length > 0) take(k, window.index(time), time, seq, out, sub);
      return out.length;
    };
    for (let i = 0; i < rows.length; i++) {
      const row = pad(rows[i], source.width);
      const seq = typeof seqs === "number" ? seqs + i : seqs[i];
      if (branch === undefined) one(times[i], seq, row, 0);
      else {
        let sub = 0;
        for (const r of branch(row)) sub += one(times[i], seq, r, sub);
      }
    }
  });
}

/** A row of a table that has grown columns since it was stored, with nulls for them. */
export function pad(row: Value[], width: number): Value[] {
  if (row.length >= width) return row;
  const out = row.slice();
  while (out.length < width) out.push(null);
  return out;
}
