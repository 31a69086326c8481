import assert from "node:assert/strict";
import { createTableSql, duckDbType, quoteIdent, sqlLiteral, sqlString } from "./duckdb_types.ts";

Deno.test("duckDbType maps every Kusto type to the storage convention", () => {
  assert.equal(duckDbType("datetime"), "TIMESTAMP");
  assert.equal(duckDbType("timespan"), "BIGINT");
  assert.equal(duckDbType("dynamic"), "VARCHAR");
  assert.equal(duckDbType("int"), "INTEGER");
});

Deno.test("quoteIdent doubles quotes and never leaves the quoted token", () => {
  assert.equal(quoteIdent('a"b'), '"a""b"');
  assert.equal(quoteIdent('x"; DROP TABLE t; --'), '"x""; DROP TABLE t; --"');
  assert.equal(quoteIdent("a\0b"), '"a\uFFFDb"');
});

Deno.test("sqlString doubles quotes and spells control characters with chr()", () => {
  assert.equal(sqlString("it's"), "'it''s'");
  assert.equal(sqlString("a\0b'"), "('a' || chr(0) || 'b''')");
  assert.equal(sqlString("back\\slash"), "'back\\slash'");
  assert.equal(sqlString("\uD800"), undefined);
});

Deno.test("sqlLiteral types nulls, numbers, datetimes and dynamic values", () => {
  assert.equal(sqlLiteral(null, "long"), "CAST(NULL AS BIGINT)");
  assert.equal(sqlLiteral(-5, "long"), "CAST((-5) AS BIGINT)");
  assert.equal(sqlLiteral(NaN, "real"), "CAST('NaN' AS DOUBLE)");
  assert.equal(sqlLiteral(1, "datetime"), "make_timestamp(CAST(1 AS BIGINT))");
  assert.equal(sqlLiteral({ a: "'" }, "dynamic"), `'{"a":"''"}'`);
  assert.equal(sqlLiteral(1.5, "long"), undefined);
});

Deno.test("createTableSql lists the catalog's columns in order", () => {
  assert.equal(
    createTableSql({ name: "T", columns: [{ name: "A", type: "string" }, { name: "B", type: "timespan" }] }),
    'CREATE TABLE "T" ("A" VARCHAR, "B" BIGINT)',
  );
});
