import assert from "node:assert/strict";
import { openDuckDb } from "./open_duckdb.ts";

Deno.test("DuckDB-WASM opens in process and answers SQL", async () => {
  const db = await openDuckDb();
  try {
    const conn = db.connect();
    const rows = conn.query("select 40 + 2 as answer, 'x' || 'y' as s").toArray().map((r) => r.toJSON());
    assert.equal(rows[0].answer, 42);
    assert.equal(rows[0].s, "xy");
  } finally {
    db.close();
  }
});

Deno.test("an extension that is not built in fails with an error instead of a network fetch", async () => {
  const db = await openDuckDb();
  try {
    const conn = db.connect();
    assert.throws(() => conn.query(`select '{"a":1}'::json as j`), /json/i);
    // The database is still usable afterwards.
    assert.equal(conn.query("select 1 as one").toArray()[0].one, 1);
  } finally {
    db.close();
  }
});
