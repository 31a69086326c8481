import assert from "node:assert/strict";
import { ownerOf } from "./rendezvous.ts";

Deno.test("ownerOf spreads keys over members and moves only a leaving member's share", () => {
  const members = ["w1", "w2", "w3"];
  const keys = Array.from({ length: 3000 }, (_, i) => `rule-${i}`);
  const owners = keys.map((k) => ownerOf(k, members)!);
  for (const m of members) {
    const share = owners.filter((o) => o === m).length / keys.length;
    assert.ok(share > 0.25 && share < 0.42, `${m} owns ${share}`);
  }
  const after = keys.map((k) => ownerOf(k, ["w1", "w3"])!);
  keys.forEach((_, i) => {
    if (owners[i] !== "w2") assert.equal(after[i], owners[i]); // untouched
    else assert.notEqual(after[i], "w2");
  });
  assert.equal(ownerOf("x", []), undefined);
});
