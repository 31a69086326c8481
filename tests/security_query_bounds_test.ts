/**
 * KQL over HTTP is read-only and bounded: a query that would produce 100 million rows stops at the row cap with
 * a clear error instead of exhausting memory; management commands that would change data are refused (and need a
 * write token to be even considered), and the data is untouched afterwards.
 */
import assert from "node:assert/strict";
import { startSiemProcess } from "./harness/siem_process.ts";

Deno.test("query APIs stop a huge result at the row cap and refuse commands that would write", async () => {
  await using siem = await startSiemProcess({ env: { SIEM_SYSLOG_PORT: "off" } });
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
  assert.equal(huge.status, 400);
  assert.match((await huge.json()).error.message, /row cap/);
  const kusto = await asReader("/v2/rest/query", { db: "siem", csl: "range i from 1 to 100000000 step 1" });
  assert.equal(kusto.status, 400);
  assert.match((await kusto.json()).error.message, /row cap/);
  assert.ok(Date.now() - started < 30_000, `the row cap took ${Date.now() - started} ms to stop two queries`);

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
    // As a management command: a reader may not send any; an admin gets "unsupported".
    const mgmt = await asReader("/v1/rest/mgmt", { db: "siem", csl });
    assert.equal(mgmt.status, 403, csl);
    await mgmt.body?.cancel();
    const admin = await siem.api("/v1/rest/mgmt", {
      method: "POST",
      body: JSON.stringify({ db: "siem", csl }),
    });
    assert.equal(admin.status, 400, csl);
    await admin.body?.cancel();
  }
  const count = await (await asReader("/api/v1/query", { query: "Syslog | count" })).json();
  assert.deepEqual(count.rows, [[3]], "the events are all still there");
});
