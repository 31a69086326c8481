/**
 * The seed's two hunting queries (the ones tests/hunting_test.ts runs through the HTTP APIs) compiled to SQL
 * and run on DuckDB-WASM, against the in-memory engine over the same rows: the sample SecurityEvent export of
 * shared/data (via the `--data` loader) for the `let` function, and sign-ins with a dynamic `Status` for the
 * failed sign-ins by location.
 */
import assert from "node:assert/strict";
import { Catalog } from "../query/mod.ts";
import { catalogFor } from "../query/eval/mod.ts";
import { loadDataFolder } from "../runtime/cli/load_data.ts";
import { insertRows } from "../runtime/duckdb/insert_rows.ts";
import { openDuckDb } from "../runtime/duckdb/open_duckdb.ts";
import { runKqlOnDuckDb } from "../runtime/duckdb/run_kql.ts";

const FAILED_SIGNINS = `SigninLogs
| extend ErrorCode = tostring(Status.errorCode)
| where ErrorCode != "0"
| summarize amount = count() by Location
| sort by amount desc`;

const LOGONS_FOR_USER = `let GetAllLogonsForUser = (suspiciousEventTime:datetime, v_User:string) {
  let v_StartTime = suspiciousEventTime - 1h;
  let v_EndTime = suspiciousEventTime + 1h;
  SecurityEvent
  | where TimeGenerated between (v_StartTime .. v_EndTime)
  | where EventID == 4624
  | where TargetUserName =~ v_User
  | project TimeGenerated, Computer, TargetUserName, LogonType
};
GetAllLogonsForUser(datetime(2022-03-31T11:00:00Z), "BENJAMIN")
| sort by TimeGenerated asc`;

Deno.test("the seed's hunting queries run as SQL on DuckDB and give the in-memory engine's rows", async () => {
  const sample = new URL(
    "../../shared/data/sentinel-samples/SecurityEvent/RiskIQ_scenrio.json",
    import.meta.url,
  );
  const dir = await Deno.makeTempDir();
  await Deno.copyFile(sample, `${dir}/SecurityEvent.json`);
  const tables = await loadDataFolder(dir, Catalog.builtin());
  await Deno.remove(dir, { recursive: true });
  const signins = Catalog.builtin().get("SigninLogs")!;
  const signin = (location: string, errorCode: number) =>
    signins.columns.map((c) =>
      c.name === "TimeGenerated"
        ? Date.UTC(2026, 10, 27, 10) * 1000
        : c.name === "Location"
        ? location
        : c.name === "Status"
        ? { errorCode }
        : null
    );
  tables.set("SigninLogs", {
    columns: signins.columns,
    rows: [signin("US", 50126), signin("US", 50126), signin("FR", 50053), signin("DE", 0)],
  });
  const catalog = catalogFor(tables);
  const db = await openDuckDb();
  const conn = db.connect();
  try {
    for (const [name, table] of tables) insertRows(conn, { name, columns: table.columns }, table.rows);
    const failed = runKqlOnDuckDb(conn, FAILED_SIGNINS, { catalog });
    assert.equal(failed.engine, "duckdb", failed.fallbackReason);
    assert.deepEqual(failed.rows, [["US", 2], ["FR", 1]]);
    assert.deepEqual(failed.rows, runKqlOnDuckDb(conn, FAILED_SIGNINS, { catalog, engine: "memory" }).rows);

    const logons = runKqlOnDuckDb(conn, LOGONS_FOR_USER, { catalog });
    assert.equal(logons.engine, "duckdb", logons.fallbackReason);
    assert.deepEqual(logons.columns.map((c) => c.name), [
      "TimeGenerated",
      "Computer",
      "TargetUserName",
      "LogonType",
    ]);
    assert.deepEqual(logons.rows.map((r) => r.slice(1)), [["benjamin-pc", "benjamin", 3]]);
    assert.deepEqual(logons.rows, runKqlOnDuckDb(conn, LOGONS_FOR_USER, { catalog, engine: "memory" }).rows);
  } finally {
    conn.close();
    db.close();
  }
});
