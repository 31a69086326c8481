import assert from "node:assert/strict";
import { fromEpoch, parseDatetime, toDatetime } from "./datetime.ts";

Deno.test("parseDatetime keeps microseconds and applies offsets", () => {
  assert.equal(parseDatetime("2024-03-01T10:00:00.1234567+01:00"), "2024-03-01T09:00:00.123456Z");
  assert.equal(parseDatetime("2024-03-01T10:00:00Z"), "2024-03-01T10:00:00.000Z");
  assert.equal(parseDatetime("2024-03-01 10:00:00"), "2024-03-01T10:00:00.000Z");
  assert.equal(parseDatetime("2003-10-11T22:14:15.003-07:00"), "2003-10-12T05:14:15.003Z");
});

Deno.test("parseDatetime reads Sentinel portal exports", () => {
  assert.equal(parseDatetime("3/31/2022, 10:52:35.857 AM"), "2022-03-31T10:52:35.857Z");
  assert.equal(parseDatetime("11/16/2020, 11:00:47.500 PM"), "2020-11-16T23:00:47.500Z");
  assert.equal(parseDatetime("1/1/2020, 12:00:00.000 AM"), "2020-01-01T00:00:00.000Z");
});

Deno.test("parseDatetime rejects impossible dates instead of rolling them over", () => {
  assert.equal(parseDatetime("2023-02-31T00:00:00Z"), null);
  assert.equal(parseDatetime("2023-13-01"), null);
  assert.equal(parseDatetime("yesterday"), null);
  assert.equal(parseDatetime("2023-01-01T00:00:00+99:00"), null);
});

Deno.test("fromEpoch converts each unit and refuses out-of-range values", () => {
  assert.equal(fromEpoch(1700000000, "s"), "2023-11-14T22:13:20.000Z");
  assert.equal(fromEpoch(1700000000123, "ms"), "2023-11-14T22:13:20.123Z");
  assert.equal(fromEpoch("1647873918304240923", "ns"), "2022-03-21T14:45:18.304240Z");
  assert.equal(fromEpoch(1e20, "s"), null);
  assert.equal(fromEpoch(Number.NaN, "s"), null);
});

Deno.test("toDatetime accepts strings, numbers and digit strings", () => {
  assert.equal(toDatetime("1700000000000"), "2023-11-14T22:13:20.000Z");
  assert.equal(toDatetime(1700000000, { numberUnit: "s" }), "2023-11-14T22:13:20.000Z");
  assert.equal(toDatetime({}), null);
});
