/**
 * Printer round trip on a seeded corpus: for every well-formed query, printing the tree and parsing the text
 * again gives the same tree (spans aside), and the printed text parses without diagnostics.
 */
import assert from "node:assert/strict";
import { parseQuery } from "../query/parse/mod.ts";
import { printKql } from "../query/syntax/mod.ts";
import { QueryGenerator, Rng } from "./kql_parse_corpus.ts";

/** The tree without spans and without literal source text (the printer keeps literals as written anyway). */
function shape(node: unknown): unknown {
  return JSON.parse(JSON.stringify(node, (key, value) => (key === "span" ? undefined : value)));
}

function assertRoundTrip(text: string): void {
  const first = parseQuery(text);
  if (first.diagnostics.length > 0) return; // only well-formed input has a defined round trip
  const printed = printKql(first.query);
  const second = parseQuery(printed);
  assert.deepEqual(second.diagnostics, [], `printed text does not parse:\n${printed}`);
  assert.deepEqual(
    shape(second.query.statements),
    shape(first.query.statements),
    `tree changed:\n${printed}`,
  );
}

Deno.test("printKql round-trips generated queries", () => {
  const generator = new QueryGenerator(new Rng(99));
  for (let i = 0; i < 400; i++) assertRoundTrip(generator.query());
});

const dir = Deno.env.get("KQL_SENTINEL_RULES_DIR");

Deno.test({
  name: "printKql round-trips the Sentinel rule queries",
  ignore: !dir,
  fn() {
    for (const e of Deno.readDirSync(dir!)) {
      if (e.name.endsWith(".kql")) assertRoundTrip(Deno.readTextFileSync(`${dir}/${e.name}`));
    }
  },
});
