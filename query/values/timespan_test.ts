import assert from "node:assert/strict";
import { formatTimespan, parseTimespan } from "./timespan.ts";

Deno.test("parseTimespan reads the clock form", () => {
  assert.equal(parseTimespan("00:01:00"), 60_000_000);
  assert.equal(parseTimespan("1.02:03:04.5"), 93_784_500_000);
  assert.equal(parseTimespan("-00:00:01"), -1_000_000);
  assert.equal(parseTimespan("10:30"), 37_800_000_000);
  assert.equal(parseTimespan("00:00:00.0000010"), 1);
  assert.equal(parseTimespan("00:00:00.1234567"), 123_456);
  assert.equal(parseTimespan("25:00:00"), null);
});

Deno.test("parseTimespan reads literals with units", () => {
  assert.equal(parseTimespan("2d"), 2 * 86_400_000_000);
  assert.equal(parseTimespan("1.5h"), 5_400_000_000);
  assert.equal(parseTimespan("30m"), 1_800_000_000);
  assert.equal(parseTimespan("30min"), 1_800_000_000);
  assert.equal(parseTimespan("10s"), 10_000_000);
  assert.equal(parseTimespan("100ms"), 100_000);
  assert.equal(parseTimespan("10microseconds"), 10);
  assert.equal(parseTimespan("10tick"), 1);
  assert.equal(parseTimespan("-1d"), -86_400_000_000);
  assert.equal(parseTimespan("3"), 3 * 86_400_000_000);
  assert.equal(parseTimespan("5 parsecs"), null);
  assert.equal(parseTimespan("abc"), null);
});

Deno.test("formatTimespan prints [-][d.]hh:mm:ss[.fffffff]", () => {
  assert.equal(formatTimespan(0), "00:00:00");
  assert.equal(formatTimespan(93_784_500_000), "1.02:03:04.5000000");
  assert.equal(formatTimespan(-60_000_000), "-00:01:00");
  assert.equal(formatTimespan(30 * 86_400_000_000), "30.00:00:00");
  assert.equal(formatTimespan(1), "00:00:00.0000010");
});

Deno.test("formatTimespan and parseTimespan round-trip", () => {
  for (const micros of [0, 1, 999_999, 61_000_000, 86_400_000_000 + 1, -123_456_789_012]) {
    assert.equal(parseTimespan(formatTimespan(micros)), micros);
  }
});
