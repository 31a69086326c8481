/**
 * KQL over HTTP is read-only and bounded: a query that would produce 100 million rows answers its first rows,
 * flagged truncated (even with `set notruncation;`, the server's row limit holds), and one whose intermediate
 * table outgrows the row limit stops with a clear error instead of exhausting memory; management commands that
 * would change data are refused (readers may send `.show` commands, function changes need a write token), and the
 * data is untouched afterwards. Small limits (SIEM_QUERY_MAX_ROWS, SIEM_QUERY_ROW_LIMIT) keep it fast.
 */
import assert from "node:assert/strict";
import { startSiemProcess } from "./harness/siem_process.ts";

Deno.test("query APIs bound a huge result and refuse commands that would write", async () => {
  await using siem = await startSiemProcess({
    env: { SIEM_SYSLOG_PORT: "off", SIEM_QUERY_MAX_ROWS: "1000", SIEM_QUERY_ROW_LIMIT: "5000" },
  });
  const ingest = await siem.api("/api/v1/ingest/Syslog", {
    method: "POST",
    body: [1, 2, 3].map((i) => JSON.stringify({ SyslogMessage: `keep ${i}` })).join("\n"),
  });
  assert.equal(ingest.status, 200);
  await ingest.body?.cancel();
  const created = await (await siem.api("/api/v1/tokens", {
    method: "POST",
    body: JSON.stringify({ name: "hunter", role: "reader" }),
  })).json();
  const asReader = (path: string, body: unknown) =>
    fetch(siem.httpUrl + path, {
      method: "POST",
      headers: { Authorization: `Bearer ${created.token}` },
      body: JSON.stringify(body),
    });

  const started = Date.now();
  const huge = await asReader("/api/v1/query", { query: "range i from 1 to 100000000 step 1" });
  assert.equal(huge.status, 200);
  const hugeBody = await huge.json();
  assert.deepEqual([hugeBody.rows.length, hugeBody.truncated], [1000, true]);
  const unbounded = await asReader("/api/v1/query", {
    query: "set notruncation; range i from 1 to 100000000 step 1",
  });
  const unboundedBody = await unbounded.json();
  assert.deepEqual([unboundedBody.rows.length, unboundedBody.truncated], [5000, true]);
  const kusto = await asReader("/v2/rest/query", { db: "siem", csl: "range i from 1 to 100000000 step 1" });
  assert.equal(kusto.status, 200);
  const frames = await kusto.json();
  assert.equal(frames[1].Rows.length, 1001); // the rows, then the partial failure as Kusto reports it
  assert.equal(frames.at(-1).HasErrors, true);
  // Not compiled to SQL: the in-memory engine builds the 100 million rows, and stops at the row limit.
  const memory = await asReader("/api/v1/query", {
    query: "range i from 1 to 100000000 step 1 | serialize n = row_number()",
  });
  assert.equal(memory.status, 400);
  assert.match((await memory.json()).error.message, /row cap/);
  assert.ok(Date.now() - started < 30_000, `the limits took ${Date.now() - started} ms to stop four queries`);

  for (
    const csl of [
      ".drop table Syslog",
      ".set-or-append Syslog <| print SyslogMessage = 'x'",
      ".ingest inline into table Syslog <| x",
      ".purge table Syslog records <| where true",
    ]
  ) {
    // As a query: not KQL, a syntax error.
    const asQuery = await asReader("/v2/rest/query", { db: "siem", csl });
    assert.equal(asQuery.status, 400, csl);
    await asQuery.body?.cancel();
    // As a management command: unsupported, for a reader as for an admin.
    const mgmt = await asReader("/v1/rest/mgmt", { db: "siem", csl });
    assert.equal(mgmt.status, 400, csl);
    await mgmt.body?.cancel();
    const admin = await siem.api("/v1/rest/mgmt", {
      method: "POST",
      body: JSON.stringify({ db: "siem", csl }),
    });
    assert.equal(admin.status, 400, csl);
    await admin.body?.cancel();
  }
  // Function changes need write rights; a reader may look.
  for (const csl of [".create-or-alter function F() { Syslog }", ".drop function F"]) {
    const refused = await asReader("/v1/rest/mgmt", { db: "siem", csl });
    assert.equal(refused.status, 403, csl);
    await refused.body?.cancel();
  }
  const show = await asReader("/v1/rest/mgmt", { db: "siem", csl: ".show tables" });
  assert.equal(show.status, 200);
  await show.body?.cancel();
  const count = await (await asReader("/api/v1/query", { query: "Syslog | count" })).json();
  assert.deepEqual(count.rows, [[3]], "the events are all still there");
});
