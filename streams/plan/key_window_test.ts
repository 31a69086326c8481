import assert from "node:assert/strict";
import { AGGREGATE_FUNCTIONS, type AggregateState } from "../../query/functions/mod.ts";
import { KeyWindow } from "./key_window.ts";

const list = AGGREGATE_FUNCTIONS["make_list"];
const ops = {
  init: () => [list.init([])],
  merge: (a: AggregateState[], b: readonly AggregateState[]) => [list.merge(a[0], b[0])],
};
const pane = (values: number[]) => [values.reduce((s, v) => list.add(s, [v]), list.init([]))];

Deno.test("KeyWindow slides over panes and merges them oldest first, without changing the panes", () => {
  const w = new KeyWindow(ops);
  const panes = Array.from({ length: 40 }, (_, i) => pane([i * 10, i * 10 + 1]));
  const read = () => list.result(w.mergeInto(ops.init())[0]);
  for (let i = 0; i < panes.length; i++) {
    w.push(i, panes[i]);
    w.dropBefore(i - 4); // a window of 5 panes
    const first = Math.max(0, i - 4);
    const expected = [];
    for (let p = first; p <= i; p++) expected.push(p * 10, p * 10 + 1);
    assert.deepEqual(read(), expected, `after pane ${i}`);
    assert.equal(w.firstPane, first);
    assert.equal(w.lastPane, i);
  }
  assert.deepEqual(list.result(panes[3][0]), [30, 31]);
  w.dropBefore(100);
  assert.equal(w.empty, true);
  w.reset([{ pane: 7, states: panes[7] }, { pane: 9, states: panes[9] }]);
  assert.deepEqual(read(), [70, 71, 90, 91]);
});
