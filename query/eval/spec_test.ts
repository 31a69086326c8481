/**
 * Spec tests as data: each `query/testdata/eval/*.kql` file holds cases separated by `----` lines (a leading
 * `// name` comment names a case); the answers are in the `.out.jsonl` file beside it, one line per case, in the
 * CLI's contract JSON (values in Kusto REST v2 form; errors with their code). Cases run over the tables of
 * `tables.json`, with `now()` fixed at 2024-01-02T00:00:00Z.
 *
 * Update mode: `UPDATE_SPEC=1 deno test -A query/eval/spec_test.ts` rewrites the `.out.jsonl` files; review the
 * diff before committing.
 */
import assert from "node:assert/strict";
import { lineColumnAt } from "../diagnostics/diagnostic.ts";
import type { ColumnSchema } from "../symbols/types.ts";
import { decodeValue } from "../values/mod.ts";
import { runQuery } from "./run_query.ts";
import { toRestValue } from "./rest_value.ts";
import type { Table } from "./push_operator.ts";

const DIR = new URL("../testdata/eval/", import.meta.url);
const NOW = Date.UTC(2024, 0, 2) * 1000;

function loadTables(): Map<string, Table> {
  const raw = JSON.parse(Deno.readTextFileSync(new URL("tables.json", DIR))) as Record<
    string,
    { columns: ColumnSchema[]; rows: unknown[][] }
  >;
  const tables = new Map<string, Table>();
  for (const [name, t] of Object.entries(raw)) {
    tables.set(name, {
      columns: t.columns,
      rows: t.rows.map((r) => r.map((v, i) => decodeValue(v, t.columns[i].type))),
    });
  }
  return tables;
}

/** One case's answer, as `kql eval` prints it (plus the diagnostic code for errors). */
function answer(text: string, tables: Map<string, Table>): unknown {
  const result = runQuery(text, { tables, now: NOW, random: () => 0.5 });
  if (result.diagnostics.length > 0) {
    const d = result.diagnostics[0];
    return { error: { code: d.code, message: d.message, ...lineColumnAt(text, d.span.start) } };
  }
  return {
    columns: result.columns.map((c) => ({ name: c.name, type: c.type })),
    rows: result.rows.map((row) => row.map((v, i) => toRestValue(v, result.columns[i].type))),
    ...(result.chart === undefined ? {} : { chart: result.chart }),
  };
}

function splitCases(text: string): { name: string; query: string }[] {
  return text.split(/^----\s*$/m).map((part, i) => {
    const query = part.trim();
    const name = /^\/\/\s*(.+)$/m.exec(query)?.[1] ?? `case ${i + 1}`;
    return { name, query };
  }).filter((c) => c.query !== "");
}

const update = Deno.env.get("UPDATE_SPEC") === "1";
const tables = loadTables();
const files = [...Deno.readDirSync(DIR)].filter((e) => e.name.endsWith(".kql")).map((e) => e.name).sort();

for (const file of files) {
  const cases = splitCases(Deno.readTextFileSync(new URL(file, DIR)));
  const outUrl = new URL(file.replace(/\.kql$/, ".out.jsonl"), DIR);
  Deno.test(`eval spec ${file}`, async (t) => {
    const actual = cases.map((c) => JSON.stringify(answer(c.query, tables)));
    if (update) {
      Deno.writeTextFileSync(outUrl, actual.join("\n") + "\n");
      return;
    }
    const expected = Deno.readTextFileSync(outUrl).trimEnd().split("\n");
    assert.equal(expected.length, cases.length, `${file}: expected ${cases.length} answer lines`);
    for (let i = 0; i < cases.length; i++) {
      await t.step(cases[i].name, () => {
        assert.deepEqual(JSON.parse(actual[i]), JSON.parse(expected[i]), cases[i].query);
      });
    }
  });
}
