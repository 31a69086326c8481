import assert from "node:assert/strict";
import { parseDuration } from "./duration.ts";

Deno.test("parseDuration reads the rule shorthand", () => {
  assert.equal(parseDuration("500ms"), 500);
  assert.equal(parseDuration("30s"), 30_000);
  assert.equal(parseDuration("5m"), 300_000);
  assert.equal(parseDuration("1.5h"), 5_400_000);
  assert.equal(parseDuration("14d"), 14 * 86_400_000);
  assert.equal(parseDuration(" 2H "), 7_200_000);
});

Deno.test("parseDuration rejects what is not a duration", () => {
  for (const bad of ["", "5", "m", "5 minutes", "-1h", "1w", "1h30m"]) {
    assert.equal(parseDuration(bad), undefined, bad);
  }
});
