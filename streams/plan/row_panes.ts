/**
 * A leaf without summarize: the rows its per-event operators keep, per pane, in the order the window's batch
 * evaluation would see them (event time, then arrival). A window's table is the concatenation of its panes.
 */
import type { Row } from "../../query/eval/push_operator.ts";

interface Pane {
  readonly rows: Row[];
  readonly times: number[];
  readonly seqs: number[];
}

/** Rows by pane. */
export class RowPanes {
  readonly #panes = new Map<number, Pane>();
  #low = -Infinity;

  /** Whether panes from `lo` on are all still held. */
  canRead(lo: number): boolean {
    return lo >= this.#low;
  }

  /** Rows held. */
  get size(): number {
    let n = 0;
    for (const p of this.#panes.values()) n += p.rows.length;
    return n;
  }

  /** Add one event's output rows (copied by reference: rows are not changed later). */
  add(pane: number, time: number, seq: number, rows: readonly Row[]): void {
    if (rows.length === 0 || pane < this.#low) return;
    let p = this.#panes.get(pane);
    if (p === undefined) {
      p = { rows: [], times: [], seqs: [] };
      this.#panes.set(pane, p);
    }
    const n = p.times.length;
    let at = n;
    if (n > 0 && (p.times[n - 1] > time || (p.times[n - 1] === time && p.seqs[n - 1] > seq))) {
      // Late: after every row that comes before it.
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (p.times[mid] < time || (p.times[mid] === time && p.seqs[mid] <= seq)) lo = mid + 1;
        else hi = mid;
      }
      at = lo;
    }
    if (at === n) {
      for (const r of rows) {
        p.rows.push(r);
        p.times.push(time);
        p.seqs.push(seq);
      }
      return;
    }
    for (let i = 0; i < rows.length; i++) {
      p.rows.splice(at + i, 0, rows[i]);
      p.times.splice(at + i, 0, time);
      p.seqs.splice(at + i, 0, seq);
    }
  }

  /** The rows of panes `lo..hi`, in order. */
  window(lo: number, hi: number): Row[] {
    const out: Row[] = [];
    if (hi - lo + 1 > this.#panes.size) {
      const indexes = [...this.#panes.keys()].filter((k) => k >= lo && k <= hi).sort((a, b) => a - b);
      for (const k of indexes) for (const r of this.#panes.get(k)!.rows) out.push(r);
      return out;
    }
    for (let k = lo; k <= hi; k++) {
      const p = this.#panes.get(k);
      if (p !== undefined) { for (const r of p.rows) out.push(r); }
    }
    return out;
  }

  /** Drop the panes before `pane`. */
  dropBefore(pane: number): void {
    if (pane <= this.#low) return;
    this.#low = pane;
    for (const k of this.#panes.keys()) if (k < pane) this.#panes.delete(k);
  }
}
