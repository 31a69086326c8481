import assert from "node:assert/strict";
import { parseQuery } from "../../query/mod.ts";
import { DEFAULT_QUERY_LIMITS, parseKustoTimespan, resolveQueryLimits } from "./query_limits.ts";

const CONFIG = { maxRows: 100, rowLimit: 1000, timeoutMs: 60_000, maxTimeoutMs: 120_000 };
const query = (text: string) => parseQuery(text).query;

Deno.test("Kusto timespans as request properties carry them", () => {
  assert.equal(parseKustoTimespan("00:00:00.001"), 1);
  assert.equal(parseKustoTimespan("00:04:00"), 240_000);
  assert.equal(parseKustoTimespan("1.02:00:00.5"), 93_600_500);
  assert.equal(parseKustoTimespan(1500), 1500);
  assert.equal(parseKustoTimespan("soon"), undefined);
  assert.equal(parseKustoTimespan(-1), undefined);
});

Deno.test("limits: server defaults, request properties, then the query's set statements, within the ceilings", () => {
  assert.deepEqual(resolveQueryLimits(CONFIG), { maxRows: 100, rowLimit: 1000, timeoutMs: 60_000 });
  assert.equal(resolveQueryLimits(CONFIG, { request: { truncationMaxRecords: 10 } }).maxRows, 10);
  assert.equal(resolveQueryLimits(CONFIG, { request: { truncationMaxRecords: 5000 } }).maxRows, 1000);
  assert.equal(resolveQueryLimits(CONFIG, { request: { noTruncation: true } }).maxRows, 1000);
  assert.equal(resolveQueryLimits(CONFIG, { query: query("set notruncation;\nT") }).maxRows, 1000);
  assert.equal(resolveQueryLimits(CONFIG, { query: query("set notruncation = false;\nT") }).maxRows, 100);
  const both = resolveQueryLimits(CONFIG, {
    request: { noTruncation: true },
    query: query("set truncationmaxrecords = 7;\nT"),
  });
  assert.equal(both.maxRows, 7);
  assert.equal(resolveQueryLimits(CONFIG, { request: { serverTimeoutMs: 5000 } }).timeoutMs, 5000);
  assert.equal(resolveQueryLimits(CONFIG, { request: { serverTimeoutMs: 10 ** 9 } }).timeoutMs, 120_000);
  assert.equal(resolveQueryLimits(CONFIG, { query: query("set servertimeout = 2s;\nT") }).timeoutMs, 2000);
  assert.equal(resolveQueryLimits(DEFAULT_QUERY_LIMITS).maxRows, 500_000);
});
