import assert from "node:assert/strict";
import { openDuckDb } from "../duckdb/open_duckdb.ts";
import { EventTables } from "./event_tables.ts";
import { ParquetFiles } from "./parquet_files.ts";
import type { TableSchema } from "../../query/symbols/mod.ts";

const SCHEMA: TableSchema = {
  name: "Every_CL",
  columns: [
    { name: "TimeGenerated", type: "datetime" },
    { name: "s", type: "string" },
    { name: "g", type: "guid" },
    { name: "i", type: "int" },
    { name: "l", type: "long" },
    { name: "r", type: "real" },
    { name: "b", type: "bool" },
    { name: "t", type: "timespan" },
    { name: "d", type: "dynamic" },
  ],
};

Deno.test("EventTables: every Kusto type lands in its DuckDB type exactly, nulls included, and partitions round-trip", async () => {
  const db = await openDuckDb();
  try {
    const conn = db.connect();
    const tables = new EventTables(conn);
    tables.ensure(SCHEMA);
    const t = Date.parse("2026-11-27T10:00:00Z") * 1000 + 123; // microseconds survive
    tables.append("Every_CL", [
      [
        t,
        "héllo \u{1F600} 'q'",
        "7f1e2d3c-0000-4a5b-9c8d-000000000000",
        42,
        2 ** 53 - 1,
        1.5,
        true,
        90_000_000,
        {
          a: [1, "x"],
        },
      ],
      [t - 86_400_000_000, "", null, 2 ** 40, null, NaN, false, null, null],
    ]);
    const rows = conn.query(
      `select epoch_us(TimeGenerated) as us, s, g, i, l, r, b, t, d, typeof(i) as ti, typeof(l) as tl,
         typeof(t) as tt, typeof(TimeGenerated) as tg from "Every_CL" order by TimeGenerated desc`,
    ).toArray().map((r) => r.toJSON());
    assert.deepEqual(rows[0], {
      us: BigInt(t),
      s: "héllo \u{1F600} 'q'",
      g: "7f1e2d3c-0000-4a5b-9c8d-000000000000",
      i: 42,
      l: BigInt(2 ** 53 - 1),
      r: 1.5,
      b: true,
      t: 90_000_000n,
      d: '{"a":[1,"x"]}',
      ti: "INTEGER",
      tl: "BIGINT",
      tt: "BIGINT",
      tg: "TIMESTAMP",
    });
    // An int out of the 32-bit range has no INTEGER value: null, as the decoder would give.
    assert.equal(rows[1].i, null);
    assert.equal(rows[1].g, null);
    assert.ok(Number.isNaN(rows[1].r));

    const day = { table: "Every_CL", day: "2026-11-27" };
    const exported = tables.exportPartition(day);
    assert.equal(exported.rows, 1);
    tables.deletePartition(day);
    assert.equal(tables.count("Every_CL"), 1);
    // A table that grew a column since the file was written still loads it (columns matched by name).
    tables.ensure({ ...SCHEMA, columns: [...SCHEMA.columns, { name: "extra", type: "string" }] });
    tables.importPartition(SCHEMA, exported.ipc);
    assert.equal(tables.count("Every_CL"), 2);
    assert.deepEqual(
      conn.query(`select s, extra from "Every_CL" where i = 42`).toArray().map((r) => r.toJSON()),
      // Kusto strings are never null: a string column the file lacks reads as "".
      [{ s: "héllo \u{1F600} 'q'", extra: "" }],
    );
  } finally {
    db.close();
  }
});

Deno.test("EventTables: booleans, all-null ones too, survive a Parquet snapshot and its reload", async () => {
  const schema: TableSchema = {
    name: "Flags_CL",
    columns: [
      { name: "TimeGenerated", type: "datetime" },
      { name: "never", type: "bool" },
      { name: "some", type: "bool" },
    ],
  };
  const dir = await Deno.makeTempDir({ prefix: "siem-flags-" });
  const db = await openDuckDb();
  try {
    const tables = new EventTables(db.connect());
    tables.ensure(schema);
    const t = Date.parse("2026-11-27T10:00:00Z") * 1000;
    tables.append(
      "Flags_CL",
      Array.from({ length: 300 }, (_, i) => [t + i, null, i % 3 === 0 ? null : i % 2 === 0]),
    );
    const files = new ParquetFiles(dir);
    const exported = tables.exportPartition({ table: "Flags_CL", day: "2026-11-27" });
    await files.writePartition("Flags_CL/2026-11-27.1.parquet", exported.ipc);

    const reloaded = new EventTables(db.connect());
    reloaded.ensure({ ...schema, name: "Flags_CL" });
    reloaded.deletePartition({ table: "Flags_CL", day: "2026-11-27" });
    reloaded.importPartition(schema, await files.readPartition("Flags_CL/2026-11-27.1.parquet"));
    const rows = db.connect().query(`select "never", "some" from "Flags_CL" order by TimeGenerated limit 4`)
      .toArray()
      .map((r) => r.toJSON());
    assert.deepEqual(rows, [
      { never: null, some: null },
      { never: null, some: false },
      { never: null, some: true },
      { never: null, some: null },
    ]);
  } finally {
    db.close();
    await Deno.remove(dir, { recursive: true });
  }
});
