/**
 * `declare query_parameters` end to end: Microsoft's JS Kusto client sends values with
 * `ClientRequestProperties.setParameter` (as `properties.Parameters`), the Kusto REST routes hand them to a
 * runner over a real DuckDB-WASM database, and both engines bind them with the declared types.
 */
import assert from "node:assert/strict";
import { Hono } from "hono";
import { Client, ClientRequestProperties, KustoConnectionStringBuilder } from "azure-kusto-data";
import { Catalog } from "../query/mod.ts";
import { toRestValue } from "../query/eval/mod.ts";
import { insertRows } from "../runtime/duckdb/insert_rows.ts";
import { openDuckDb } from "../runtime/duckdb/open_duckdb.ts";
import { runKqlOnDuckDb } from "../runtime/duckdb/run_kql.ts";
import { kustoRoutes } from "../runtime/http/kusto_routes.ts";
import type { QueryRunner } from "../runtime/http/query_routes.ts";

const QUERY = `declare query_parameters(user:string, minId:long = 4600, since:datetime);
SecurityEvent
| where TargetUserName == user and EventID >= minId and TimeGenerated >= since
| summarize n = count() by EventID
| sort by EventID asc`;

Deno.test("query parameters from the JS Kusto client reach both engines with their declared types", async () => {
  const db = await openDuckDb();
  const conn = db.connect();
  const catalog = Catalog.builtin();
  const schema = catalog.get("SecurityEvent")!;
  const at = (iso: string, user: string, id: number) =>
    schema.columns.map((c) =>
      c.name === "TimeGenerated"
        ? Date.parse(iso) * 1000
        : c.name === "TargetUserName"
        ? user
        : c.name === "EventID"
        ? id
        : null
    );
  insertRows(conn, schema, [
    at("2026-11-27T10:00:00Z", "alice", 4625),
    at("2026-11-27T10:01:00Z", "alice", 4625),
    at("2026-11-27T10:02:00Z", "alice", 4624),
    at("2026-11-26T10:00:00Z", "alice", 4625),
    at("2026-11-27T10:03:00Z", "O'Brien", 4625),
    at("2026-11-27T10:04:00Z", "alice", 1102),
  ]);
  const engines: string[] = [];
  const run: QueryRunner = (text, options) => {
    const result = runKqlOnDuckDb(conn, text, { catalog, parameters: options.parameters });
    engines.push(result.engine);
    if (result.diagnostics.length > 0) {
      return Promise.resolve({ error: { code: "query_error", message: result.diagnostics[0].message } });
    }
    return Promise.resolve({
      columns: result.columns.map((c) => ({ name: c.name, type: c.type })),
      rows: result.rows.map((row) => row.map((v, i) => toRestValue(v, result.columns[i].type))),
    });
  };
  const app = new Hono();
  kustoRoutes(run, () => catalog).api?.(app as never);
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, app.fetch);
  const url = `http://127.0.0.1:${server.addr.port}`;
  const client = new Client(KustoConnectionStringBuilder.withAccessToken(url, "token"));
  try {
    const ask = async (parameters: Record<string, string>) => {
      const props = new ClientRequestProperties();
      for (const [k, v] of Object.entries(parameters)) props.setParameter(k, v);
      const response = await client.execute("siem", QUERY, props);
      return [...response.primaryResults[0].rows()].map((r) => [r.getValueAt(0), r.getValueAt(1)]);
    };
    assert.deepEqual(await ask({ user: "alice", since: "datetime(2026-11-27)" }), [[4624, 1], [4625, 2]]);
    assert.deepEqual(await ask({ user: "alice", minId: "4625", since: "2026-11-27T00:00:00Z" }), [[4625, 2]]);
    // A hostile value stays a value.
    assert.deepEqual(await ask({ user: "O'Brien", since: "datetime(2026-01-01)" }), [[4625, 1]]);
    assert.deepEqual(await ask({ user: "x' or 1==1 or '", since: "datetime(2026-01-01)" }), []);
    assert.deepEqual(engines, ["duckdb", "duckdb", "duckdb", "duckdb"]);
    // The in-memory engine binds the same values.
    const memory = runKqlOnDuckDb(conn, QUERY, {
      catalog,
      engine: "memory",
      parameters: { user: "alice", since: "datetime(2026-11-27)" },
    });
    assert.deepEqual(memory.rows, [[4624, 1], [4625, 2]]);
    // A value that is not of the declared type is an error in both engines.
    for (const engine of ["auto", "memory"] as const) {
      const bad = runKqlOnDuckDb(conn, QUERY, { catalog, engine, parameters: { user: "a", minId: "many" } });
      assert.match(bad.diagnostics[0]?.message ?? "", /Query parameter 'minId' is not a valid long/);
    }
  } finally {
    client.close();
    await server.shutdown();
    conn.close();
    db.close();
  }
});
