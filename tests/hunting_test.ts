/**
 * Hunting over the DuckDB history store through the HTTP query APIs (native and Log Analytics), with the seed's example
 * queries: failed sign-ins by location, and a let function over SecurityEvent; and the limits of a query on the
 * DuckDB history store.
 */
import assert from "node:assert/strict";
import { startSiemProcess } from "./harness/siem_process.ts";
import { startTestNats } from "./harness/nats.ts";
import { Catalog } from "../query/symbols/mod.ts";
import { ensureTopology } from "../runtime/nats/topology.ts";
import { natsEventSink } from "../runtime/nats/event_publisher.ts";
import { createLogger } from "../runtime/log.ts";
import { startSnapshotter } from "../runtime/snapshotter.ts";
import { runHunting } from "../runtime/hunting.ts";

const FAILED_SIGNINS = `SigninLogs
| extend ErrorCode = tostring(Status.errorCode)
| where ErrorCode != "0"
| summarize amount = count() by Location
| sort by amount desc`;

// Logons around 10:00 UTC yesterday: inside the default retention of the history store whatever the date.
const DAY = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const at = (time: string) => `${DAY}T${time}Z`;

const LOGONS_FOR_USER = `let GetAllLogonsForUser = (suspiciousEventTime:datetime, v_User:string) {
  let v_StartTime = suspiciousEventTime - 1h;
  let v_EndTime = suspiciousEventTime + 1h;
  SecurityEvent
  | where TimeGenerated between (v_StartTime .. v_EndTime)
  | where EventID == 4624
  | where TargetUserName =~ v_User
  | project TimeGenerated, Computer, TargetUserName, LogonType
};
GetAllLogonsForUser(datetime(${at("10:00:00")}), "ALICE")
| sort by TimeGenerated asc`;

Deno.test("the seed's hunting queries run over ingested events through both query APIs", async () => {
  await using siem = await startSiemProcess({ env: { SIEM_SYSLOG_PORT: "off" } });
  const now = new Date().toISOString();
  const signins = [
    { TimeGenerated: now, UserPrincipalName: "a@x", Location: "US", Status: { errorCode: 50126 } },
    { TimeGenerated: now, UserPrincipalName: "b@x", Location: "US", Status: { errorCode: 50126 } },
    { TimeGenerated: now, UserPrincipalName: "c@x", Location: "FR", Status: { errorCode: 50053 } },
    { TimeGenerated: now, UserPrincipalName: "d@x", Location: "DE", Status: { errorCode: 0 } },
  ];
  const logons = [
    {
      TimeGenerated: at("09:30:00"),
      EventID: 4624,
      TargetUserName: "alice",
      Computer: "ws1",
      LogonType: 2,
    },
    {
      TimeGenerated: at("10:45:00"),
      EventID: 4624,
      TargetUserName: "Alice",
      Computer: "ws2",
      LogonType: 10,
    },
    {
      TimeGenerated: at("12:00:00"),
      EventID: 4624,
      TargetUserName: "alice",
      Computer: "ws3",
      LogonType: 2,
    },
    {
      TimeGenerated: at("10:00:00"),
      EventID: 4625,
      TargetUserName: "alice",
      Computer: "ws4",
      LogonType: 2,
    },
  ];
  for (const [table, rows] of [["SigninLogs", signins], ["SecurityEvent", logons]] as const) {
    const res = await siem.api(`/api/v1/ingest/${table}`, {
      method: "POST",
      body: rows.map((r) => JSON.stringify(r)).join("\n"),
    });
    assert.equal((await res.json()).accepted, rows.length);
  }
  const query = async (path: string, body: unknown) => {
    const res = await siem.api(path, { method: "POST", body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  };

  const native = await query("/api/v1/query", { query: FAILED_SIGNINS, timespan: "PT1H" });
  assert.equal(native.status, 200, JSON.stringify(native.body));
  assert.deepEqual(native.body.columns, [{ name: "Location", type: "string" }, {
    name: "amount",
    type: "long",
  }]);
  assert.deepEqual(native.body.rows, [["US", 2], ["FR", 1]]);

  const la = await query("/v1/workspaces/any-workspace/query", { query: LOGONS_FOR_USER });
  assert.equal(la.status, 200, JSON.stringify(la.body));
  assert.equal(la.body.tables[0].name, "PrimaryResult");
  assert.deepEqual(la.body.tables[0].rows.map((r: unknown[]) => r[1]), ["ws1", "ws2"]);
  assert.equal(la.body.tables[0].rows[0][0], at("09:30:00"));

  const bad = await query("/api/v1/query", { query: "SigninLogs\n| where Lcation == 'US'" });
  assert.equal(bad.status, 400);
  assert.deepEqual([bad.body.error.line, bad.body.error.column], [2, 9]);
  assert.match(bad.body.error.message, /Lcation/);
  const span = await query("/api/v1/query", { query: "SigninLogs", timespan: "forever" });
  assert.equal(span.status, 400);
  assert.equal(span.body.error.code, "invalid_timespan");
  // A narrow window in the past sees none of today's sign-ins.
  const old = await query("/api/v1/query", {
    query: "SigninLogs | count",
    timespan: "2020-01-01T00:00:00Z/P1D",
  });
  assert.deepEqual(old.body.rows, [[0]]);
});

Deno.test("hunting limits on DuckDB: truncation to the first rows, time limit and cancellation", async () => {
  await using nats = await startTestNats();
  const nc = await nats.connect();
  await ensureTopology(nc, { retentionMs: 86_400_000, replicas: 1 });
  const dir = await Deno.makeTempDir({ prefix: "siem-test-hunting-" });
  const store = await startSnapshotter({
    nc,
    catalog: () => Catalog.builtin(),
    logger: createLogger("error", { sink: () => {} }),
    dir,
    retentionMs: 86_400_000,
    snapshotIntervalMs: 3_600_000,
  });
  try {
    const now = new Date().toISOString();
    await natsEventSink(nc).append([{
      table: "Syslog",
      rows: Array.from({ length: 20 }, (_, i) => ({ TimeGenerated: now, SyslogMessage: `m${i}` })) as never,
    }], { source: "test" });
    const catalog = Catalog.builtin();
    const ok = await runHunting(store, "Syslog | count", { catalog });
    assert.deepEqual(ok, { columns: [{ name: "Count", type: "long" }], rows: [[20]] });
    // Over the truncation limit: the first rows, flagged, as Kusto truncates a result set.
    const capped = await runHunting(store, "Syslog", { catalog, limits: { maxRows: 10 } });
    assert.ok("rows" in capped && capped.rows.length === 10, JSON.stringify(capped));
    assert.deepEqual(capped.truncated, { limit: 10 });
    const sorted = await runHunting(store, "Syslog | sort by SyslogMessage asc | project SyslogMessage", {
      catalog,
      limits: { maxRows: 3 },
    });
    assert.deepEqual(sorted, {
      columns: [{ name: "SyslogMessage", type: "string" }],
      rows: [["m0"], ["m1"], ["m10"]],
      truncated: { limit: 3 },
    });
    // The fallback engine truncates the same way (serialize with expressions is not compiled to SQL).
    const fallback = await runHunting(store, "Syslog | serialize n = row_number()", {
      catalog,
      limits: { maxRows: 4 },
    });
    assert.ok("rows" in fallback && fallback.rows.length === 4 && fallback.truncated?.limit === 4);
    // The request and the query's own `set` statements move the limit, within the hard row limit.
    const asked = await runHunting(store, "Syslog", {
      catalog,
      limits: { maxRows: 10 },
      request: { truncationMaxRecords: 15 },
    });
    assert.ok("rows" in asked && asked.rows.length === 15 && asked.truncated?.limit === 15);
    const all = await runHunting(store, "set notruncation;\nSyslog", { catalog, limits: { maxRows: 10 } });
    assert.ok("rows" in all && all.rows.length === 20 && all.truncated === undefined);
    const set = await runHunting(store, "set truncationmaxrecords = 5;\nSyslog", {
      catalog,
      limits: { maxRows: 10 },
      request: { noTruncation: true },
    });
    assert.ok("rows" in set && set.rows.length === 5 && set.truncated?.limit === 5);
    const ceiling = await runHunting(store, "set notruncation;\nSyslog", {
      catalog,
      limits: { maxRows: 10, rowLimit: 12 },
    });
    assert.ok("rows" in ceiling && ceiling.rows.length === 12 && ceiling.truncated?.limit === 12);
    const late = await runHunting(store, "Syslog | count", { catalog, limits: { timeoutMs: 0 } });
    assert.deepEqual(late, { error: { code: "timeout", message: "Query timed out" } });
    const gone = new AbortController();
    gone.abort();
    const cancelled = await runHunting(store, "Syslog | count", { catalog, limits: { signal: gone.signal } });
    assert.deepEqual(cancelled, { error: { code: "cancelled", message: "Query cancelled" } });
  } finally {
    await store.stop();
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
});
