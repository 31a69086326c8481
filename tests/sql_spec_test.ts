/**
 * Every eval spec case (query/testdata/eval) through DuckDB: the answer must be the in-memory engine's, recorded
 * in the `.out.jsonl` files. Cases the compiler cannot express run in memory over rows read back from DuckDB,
 * which still checks the round trip of every value through the storage convention.
 */
import assert from "node:assert/strict";
import { Catalog } from "../query/mod.ts";
import { toRestValue } from "../query/eval/mod.ts";
import type { ColumnSchema } from "../query/symbols/mod.ts";
import { decodeValue } from "../query/values/mod.ts";
import { openDuckDb } from "../runtime/duckdb/open_duckdb.ts";
import { insertRows } from "../runtime/duckdb/insert_rows.ts";
import { runKqlOnDuckDb } from "../runtime/duckdb/run_kql.ts";

const DIR = new URL("../query/testdata/eval/", import.meta.url);
const NOW = Date.UTC(2024, 0, 2) * 1000;

function splitCases(text: string): { name: string; query: string }[] {
  return text.split(/^----\s*$/m).map((part, i) => {
    const query = part.trim();
    const name = /^\/\/\s*(.+)$/m.exec(query)?.[1] ?? `case ${i + 1}`;
    return { name, query };
  }).filter((c) => c.query !== "");
}

const ORDERED = /\b(sort|order|top|serialize)\b/;
const canonical = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort();

Deno.test("eval spec cases give the recorded answers through DuckDB", async (t) => {
  const db = await openDuckDb();
  const conn = db.connect();
  try {
    const raw = JSON.parse(Deno.readTextFileSync(new URL("tables.json", DIR))) as Record<
      string,
      { columns: ColumnSchema[]; rows: unknown[][] }
    >;
    const schemas = Object.entries(raw).map(([name, tb]) => ({ name, columns: tb.columns }));
    const catalog = Catalog.builtin().withSchemas(schemas);
    for (const [name, tb] of Object.entries(raw)) {
      insertRows(
        conn,
        { name, columns: tb.columns },
        tb.rows.map((r) => r.map((v, i) => decodeValue(v as never, tb.columns[i].type))),
      );
    }
    const files = [...Deno.readDirSync(DIR)].filter((e) => e.name.endsWith(".kql")).map((e) => e.name).sort();
    let compiled = 0;
    let total = 0;
    const reasons = new Map<string, number>();
    for (const file of files) {
      const cases = splitCases(Deno.readTextFileSync(new URL(file, DIR)));
      const expected = Deno.readTextFileSync(new URL(file.replace(/\.kql$/, ".out.jsonl"), DIR)).trimEnd()
        .split("\n");
      for (let i = 0; i < cases.length; i++) {
        const { name, query } = cases[i];
        const want = JSON.parse(expected[i]);
        // Row-order-dependent and random cases have no order to match in SQL.
        if (
          /\b(take|limit|sample|rand|prev|next|row_number|row_cumsum)\b/.test(query) && !ORDERED.test(query)
        ) continue;
        await t.step(`${file}: ${name}`, () => {
          const result = runKqlOnDuckDb(conn, query, { catalog, now: NOW });
          total++;
          if (result.engine === "duckdb") compiled++;
          else reasons.set(result.fallbackReason ?? "", (reasons.get(result.fallbackReason ?? "") ?? 0) + 1);
          if (result.diagnostics.length > 0) {
            assert.ok(
              want.error !== undefined,
              `${query}\n${result.diagnostics[0].message}\n${result.sql ?? ""}`,
            );
            return;
          }
          assert.equal(want.error, undefined, `${query}: expected an error`);
          const got = {
            columns: result.columns.map((c) => ({ name: c.name, type: c.type })),
            rows: result.rows.map((row) => row.map((v, j) => toRestValue(v, result.columns[j].type))),
          };
          assert.deepEqual(got.columns, want.columns, `${query}\n${result.sql ?? ""}`);
          const ordered = ORDERED.test(query);
          assert.deepEqual(
            ordered ? got.rows.map((r) => JSON.stringify(r)) : canonical(got.rows),
            ordered ? want.rows.map((r: unknown[]) => JSON.stringify(r)) : canonical(want.rows),
            `${query}\n${result.engine} ${result.sql ?? result.fallbackReason}`,
          );
        });
      }
    }
    console.log(`compiled to SQL: ${compiled} of ${total} cases`);
    for (const [r, n] of [...reasons].sort((a, b) => b[1] - a[1])) console.log(`  fallback ${n}x: ${r}`);
  } finally {
    conn.close();
    db.close();
  }
});
