import assert from "node:assert/strict";
import { LeafWindow } from "./leaf_window.ts";

const W = 60;

Deno.test("LeafWindow without bounds reads the window's panes", () => {
  const w = new LeafWindow([], W);
  assert.equal(w.split, false);
  assert.deepEqual(w.range({ windowStart: 600, windowEnd: 1200 }), { lo: 11, hi: 20 });
  assert.equal(w.index(660), 11);
  assert.equal(w.index(601), 11);
});

Deno.test("LeafWindow narrows the window to exclusive lower and inclusive upper bounds on pane edges", () => {
  const w = new LeafWindow([{ side: "lower", offset: 120, inclusive: false }, {
    side: "upper",
    offset: 60,
    inclusive: true,
  }], W);
  assert.equal(w.split, false);
  // (t-120, t-60] of (600, 1200]: (1080, 1140], the pane 19.
  assert.deepEqual(w.range({ windowStart: 600, windowEnd: 1200 }), { lo: 19, hi: 19 });
  // A lower bound beyond the period is always true; an upper bound beyond it leaves nothing.
  const wide = new LeafWindow([{ side: "lower", offset: 6000, inclusive: false }], W);
  assert.deepEqual(wide.range({ windowStart: 600, windowEnd: 1200 }), { lo: 11, hi: 20 });
  const none = new LeafWindow([{ side: "upper", offset: 600, inclusive: true }], W);
  const r = none.range({ windowStart: 600, windowEnd: 1200 });
  assert.ok(r.lo > r.hi);
});

Deno.test("LeafWindow splits panes to keep an inclusive lower edge and drop an exclusive upper edge exactly", () => {
  const w = new LeafWindow([{ side: "lower", offset: 120, inclusive: true }, {
    side: "upper",
    offset: 0,
    inclusive: false,
  }], W);
  assert.equal(w.split, true);
  // Pane 18 is (1020, 1080]: body index 35, edge {1080} index 36.
  assert.equal(w.index(1079), 35);
  assert.equal(w.index(1080), 36);
  assert.equal(w.index(1081), 37);
  // [1080, 1200): the edge 1080 (36) through the body of pane 20 (39), not the edge {1200} (40).
  assert.deepEqual(w.range({ windowStart: 600, windowEnd: 1200 }), { lo: 36, hi: 39 });
  // An inclusive lower bound exactly at the window's start does not bring in the excluded start.
  const atStart = new LeafWindow([{ side: "lower", offset: 600, inclusive: true }], W);
  assert.deepEqual(atStart.range({ windowStart: 600, windowEnd: 1200 }), { lo: 21, hi: 40 });
});
