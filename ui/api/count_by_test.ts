import assert from "node:assert/strict";
import { countBy } from "./count_by.ts";

Deno.test("countBy keeps expected keys in order with zeros, then others", () => {
  const rows = [{ s: "Low" }, { s: "High" }, { s: "Low" }, { s: "Odd" }];
  assert.deepEqual(countBy(rows, (r) => r.s, ["High", "Medium", "Low"]), [
    ["High", 1],
    ["Medium", 0],
    ["Low", 2],
    ["Odd", 1],
  ]);
});
