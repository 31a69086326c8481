import assert from "node:assert/strict";
import { AGGREGATE_FUNCTIONS, type AggregateState } from "../../query/functions/mod.ts";
import { KeyWindow, type PaneGroup } from "./key_window.ts";

const list = AGGREGATE_FUNCTIONS["make_list"];
const ops = {
  init: () => [list.init([])],
  merge: (a: AggregateState[], b: readonly AggregateState[]) => [list.merge(a[0], b[0])],
};
/** A pane's group: a list of its values, first row at `time`. */
function group(values: number[], time: number, keys = ["k"], keysSeq = time): PaneGroup {
  return {
    states: [values.reduce((s, v) => list.add(s, [v]), list.init([]))],
    keys,
    keysSeq,
    firstSource: 0,
    firstTime: time,
    firstSeq: time,
    firstSub: 0,
  };
}
const read = (w: KeyWindow) => list.result(w.mergeInto(ops.init())[0]);

Deno.test("KeyWindow slides over panes and merges them oldest first, without changing the panes", () => {
  const w = new KeyWindow("k", ops);
  const panes = Array.from({ length: 40 }, (_, i) => group([i * 10, i * 10 + 1], i));
  for (let i = 0; i < panes.length; i++) {
    w.add(i, panes[i]);
    w.dropBefore(i - 4); // a window of 5 panes
    const first = Math.max(0, i - 4);
    const expected = [];
    for (let p = first; p <= i; p++) expected.push(p * 10, p * 10 + 1);
    assert.deepEqual(read(w), expected, `after pane ${i}`);
    assert.equal(w.firstPane, first);
    assert.equal(w.lastPane, i);
    assert.equal(w.first()?.firstTime, first);
  }
  assert.deepEqual(list.result(panes[3].states[0]), [30, 31]);
  w.dropBefore(100);
  assert.equal(w.empty, true);
  assert.equal(w.first(), undefined);
});

Deno.test("KeyWindow takes late groups: merged into their pane, or inserted between panes", () => {
  const w = new KeyWindow("k", ops);
  for (const i of [0, 2, 4, 6]) w.add(i, group([i * 10], i * 100 + 50));
  w.dropBefore(1); // the front stack now holds suffix merges
  assert.deepEqual(read(w), [20, 40, 60]);
  w.add(4, group([41], 400, ["K"], 1)); // earlier first row, earlier keys
  w.add(3, group([30], 300));
  assert.deepEqual(read(w), [20, 30, 40, 41, 60]);
  w.dropBefore(4);
  assert.deepEqual(read(w), [40, 41, 60]);
  assert.deepEqual(w.first(), { firstSource: 0, firstTime: 400, firstSeq: 400, firstSub: 0, keys: ["K"] });
  w.add(8, group([80], 800));
  w.dropBefore(7);
  assert.deepEqual(read(w), [80]);
  assert.equal(w.firstPane, 8);
});

Deno.test("KeyWindow keeps a first row's place among its event's rows, and starts over once cleared", () => {
  const w = new KeyWindow("k", ops);
  w.add(1, { ...group([10], 100), firstSub: 2 });
  w.add(2, group([20], 200));
  assert.deepEqual(w.first(), { firstSource: 0, firstTime: 100, firstSeq: 100, firstSub: 2, keys: ["k"] });
  w.add(1, { ...group([11], 100), firstSub: 1 }); // the same event's earlier row
  assert.equal(w.first()?.firstSub, 1);
  w.dropBefore(2);
  assert.deepEqual(w.first(), { firstSource: 0, firstTime: 200, firstSeq: 200, firstSub: 0, keys: ["k"] });
  w.dropBefore(3);
  assert.equal(w.empty, true);
  w.clear();
  w.add(5, group([50], 500));
  assert.deepEqual(read(w), [50]);
  assert.equal(w.firstPane, 5);
  assert.equal(w.first()?.firstSub, 0);
});
