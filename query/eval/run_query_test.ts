import assert from "node:assert/strict";
import { runQuery } from "./run_query.ts";
import { streamQuery } from "./stream_query.ts";
import type { Table } from "./push_operator.ts";

const T: Table = {
  columns: [{ name: "x", type: "long" }, { name: "s", type: "string" }],
  rows: Array.from({ length: 10 }, (_, i) => [i, i % 2 === 0 ? "even" : "odd"]),
};

Deno.test("runQuery: the row cap stops a query with a clear error", () => {
  const result = runQuery("range i from 1 to 100000 step 1", { limits: { maxRows: 1000 } });
  assert.equal(result.diagnostics[0]?.code, "KQL3520");
  assert.equal(result.diagnostics[0]?.message, "Query stopped: more than 1000 rows (the row cap)");
  assert.deepEqual(result.rows, []);
});

Deno.test("runQuery: the row cap also bounds joins that explode", () => {
  const result = runQuery("T | join kind=inner (T) on s", { tables: { T }, limits: { maxRows: 20 } });
  assert.equal(result.diagnostics[0]?.code, "KQL3520");
});

Deno.test("runQuery: an aborted signal cancels the run", () => {
  const controller = new AbortController();
  controller.abort();
  const result = runQuery("T | count", { tables: { T }, limits: { signal: controller.signal } });
  assert.equal(result.diagnostics[0]?.code, "KQL3521");
  assert.equal(result.diagnostics[0]?.message, "Query cancelled");
});

Deno.test("runQuery: an unsupported operator reports KQL3501 at its span, not a wrong answer", () => {
  const text = "T | find where x > 1";
  const result = runQuery(text, { tables: { T } });
  const d = result.diagnostics[0];
  assert.equal(d.code, "KQL3501");
  assert.equal(text.slice(d.span.start, d.span.start + 4), "find");
});

Deno.test("runQuery: syntax and binding errors come back as diagnostics", () => {
  assert.equal(runQuery("T | where", { tables: { T } }).diagnostics[0].code.slice(0, 4), "KQL1");
  assert.equal(runQuery("T | where y > 1", { tables: { T } }).diagnostics[0].code, "KQL2002");
});

Deno.test("runQuery: a catalog table without data is empty, with the catalog schema", () => {
  const result = runQuery("SecurityEvent | summarize count()");
  assert.deepEqual(result.rows, [[0]]);
});

Deno.test("runQuery: now() and ago() use the given now", () => {
  const now = Date.UTC(2024, 0, 1) * 1000;
  const result = runQuery("print now(), ago(1h)", { now });
  assert.deepEqual(result.rows, [[now, now - 3_600_000_000]]);
});

Deno.test("streamQuery: filter state survives batches; take stops early", () => {
  const stream = streamQuery("T | where s == 'odd' | take 3", { tables: new Map([["T", T]]) });
  assert.ok("push" in stream);
  stream.push(T.rows.slice(0, 4));
  stream.push(T.rows.slice(4));
  assert.deepEqual(stream.finish().rows, [[1, "odd"], [3, "odd"], [5, "odd"]]);
});

Deno.test("streamQuery: a query that does not start with a table is refused", () => {
  const stream = streamQuery("print 1", { tables: new Map() });
  assert.ok("diagnostics" in stream);
  assert.equal(stream.diagnostics[0].code, "KQL3505");
});
