/**
 * Golden tests: each `query/testdata/parse/NAME.kql` is parsed and its tree (without spans) and diagnostics are
 * compared with `NAME.expected`. A first line `// fail: KQL1xxx text` marks an expected failure: the first
 * diagnostic must have that code and start with that text. Run with `UPDATE_GOLDEN=1` to rewrite expectations.
 * Every case also round-trips through the printer: parse(print(tree)) gives the same tree.
 */
import assert from "node:assert/strict";
import { lineColumnAt } from "../diagnostics/diagnostic.ts";
import { printKql } from "../syntax/printer.ts";
import { dumpTree } from "./_tree_dump.ts";
import { parseQuery } from "./parse_query.ts";

const DIR = new URL("../testdata/parse/", import.meta.url);
const UPDATE = Deno.env.get("UPDATE_GOLDEN") === "1";

function render(text: string): string {
  const { query, diagnostics } = parseQuery(text);
  const lines = diagnostics.map((d) => {
    const { line, column } = lineColumnAt(text, d.span.start);
    return `${d.code} ${line}:${column} ${d.message}`;
  });
  return `${lines.length ? lines.join("\n") + "\n" : "no diagnostics\n"}\n${dumpTree(query)}`;
}

const cases = [...Deno.readDirSync(DIR)].filter((e) => e.name.endsWith(".kql")).map((e) => e.name).sort();

for (const name of cases) {
  Deno.test(`parseQuery golden: ${name}`, () => {
    const text = Deno.readTextFileSync(new URL(name, DIR));
    const expectedUrl = new URL(name.replace(/\.kql$/, ".expected"), DIR);
    const actual = render(text);
    if (UPDATE) Deno.writeTextFileSync(expectedUrl, actual);
    const expected = Deno.readTextFileSync(expectedUrl);
    assert.equal(actual, expected);

    const fail = /^\/\/ fail: (KQL\d{4}) (.*)$/m.exec(text.split("\n")[0]);
    const { query, diagnostics } = parseQuery(text);
    if (fail) {
      assert.ok(diagnostics.length > 0, "expected a diagnostic");
      assert.equal(diagnostics[0].code, fail[1]);
      assert.ok(diagnostics[0].message.startsWith(fail[2]), `message "${diagnostics[0].message}"`);
    } else {
      assert.deepEqual(diagnostics, []);
      const printed = printKql(query);
      const again = parseQuery(printed);
      assert.deepEqual(again.diagnostics, [], `printed text does not parse:\n${printed}`);
      assert.equal(dumpTree(again.query), dumpTree(query), `round trip changed the tree:\n${printed}`);
    }
  });
}

Deno.test("parseQuery reports the offending token's span", () => {
  const text = "T | where x == | take 1";
  const { diagnostics } = parseQuery(text);
  assert.equal(diagnostics[0].code, "KQL1004");
  assert.equal(text.slice(diagnostics[0].span.start, diagnostics[0].span.end), "|");
});

Deno.test("parseQuery keeps every statement and an error node when a piece is missing", () => {
  const { query, diagnostics } = parseQuery("let x = ; T | where");
  assert.equal(query.statements.length, 2);
  assert.equal(diagnostics.length, 2);
  const let_ = query.statements[0];
  assert.equal(let_.kind === "LetStatement" && let_.value.kind, "ErrorExpression");
});

Deno.test("parseQuery converts literal values to the run-time value model", () => {
  const { query } = parseQuery(
    "print datetime(2024-01-01 10:00), 1.5h, time(1.02:00:00), long(null), real(-inf), dynamic({'a': [1]}), @'x''y'",
  );
  const statement = query.statements[0];
  assert.equal(statement.kind, "ExpressionStatement");
  const print = statement.kind === "ExpressionStatement" ? statement.expression : undefined;
  assert.equal(print?.kind, "Print");
  const values = print?.kind === "Print"
    ? print.expressions.map((e) => e.kind === "Literal" ? e.value : e.kind)
    : [];
  assert.deepEqual(values, [1704103200000000, 5400000000, 93600000000, null, -Infinity, { a: [1] }, "x'y"]);
});
