import assert from "node:assert/strict";
import { scrollToRow, virtualWindow } from "./hunting_virtual_window.ts";

Deno.test("virtualWindow draws the visible rows plus overscan, wherever the scroll is", () => {
  const options = { rowHeight: 28, rowCount: 100_000, overscan: 5 };
  assert.deepEqual(virtualWindow({ scrollTop: 0, height: 280 }, options), {
    first: 0,
    end: 15,
    offset: 0,
    totalHeight: 2_800_000,
  });
  const middle = virtualWindow({ scrollTop: 28 * 50_000 + 14, height: 280 }, options);
  assert.deepEqual([middle.first, middle.end, middle.offset], [49_995, 50_016, 49_995 * 28]);
  const bottom = virtualWindow({ scrollTop: 1e9, height: 280 }, options);
  assert.equal(bottom.end, 100_000);
  assert.equal(bottom.first, 100_000 - 10 - 5);
  assert.ok(bottom.end - bottom.first <= 280 / 28 + 2 * 5 + 1);
});

Deno.test("virtualWindow handles empty, tiny and odd inputs", () => {
  assert.deepEqual(virtualWindow({ scrollTop: 0, height: 300 }, { rowHeight: 28, rowCount: 0 }), {
    first: 0,
    end: 0,
    offset: 0,
    totalHeight: 0,
  });
  const three = virtualWindow({ scrollTop: -50, height: 300 }, { rowHeight: 28, rowCount: 3 });
  assert.deepEqual([three.first, three.end], [0, 3]);
  const zero = virtualWindow({ scrollTop: 0, height: 0 }, { rowHeight: 28, rowCount: 10, overscan: 0 });
  assert.deepEqual([zero.first, zero.end], [0, 1]);
});

Deno.test("scrollToRow moves only as far as needed to show the row", () => {
  const view = { scrollTop: 280, height: 280 };
  assert.equal(scrollToRow(15, view, 28), 280);
  assert.equal(scrollToRow(5, view, 28), 140);
  assert.equal(scrollToRow(25, view, 28), 26 * 28 - 280);
});
