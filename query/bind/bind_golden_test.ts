/**
 * Golden tests: each `query/testdata/bind/*.kql` starts with `// schema: Name:type, ...` (the bound result)
 * or `// fail: KQL2xxx message` (the first binding error). Run with `KQL_UPDATE_GOLDEN=1` to rewrite the
 * schema lines from the current binder (failures are never rewritten: they are written by hand).
 */
import assert from "node:assert/strict";
import { parseQuery } from "../parse/mod.ts";
import { bindQuery } from "./binder.ts";

const DIR = new URL("../testdata/bind/", import.meta.url);
const UPDATE = Deno.env.get("KQL_UPDATE_GOLDEN") === "1";

function describe(text: string): string {
  const parsed = parseQuery(text);
  if (parsed.diagnostics.length > 0) return `syntax: ${parsed.diagnostics[0].message}`;
  const bound = bindQuery(parsed.query);
  const error = bound.diagnostics.find((d) => d.severity === "error");
  if (error !== undefined) return `fail: ${error.code} ${error.message}`;
  const result = bound.result;
  if (result?.kind !== "tabular") return `schema: scalar ${result?.type}`;
  return `schema: ${result.table.columns.map((c) => `${c.name}:${c.type}`).join(", ")}`;
}

const files = [...Deno.readDirSync(DIR)].filter((e) => e.name.endsWith(".kql")).map((e) => e.name).sort();

for (const name of files) {
  Deno.test(`bind golden ${name}`, () => {
    const url = new URL(name, DIR);
    const source = Deno.readTextFileSync(url);
    const newline = source.indexOf("\n");
    const header = source.slice(0, newline).replace(/^\/\/\s*/, "");
    const query = source.slice(newline + 1);
    const actual = describe(query);
    if (UPDATE && header.startsWith("schema:")) {
      Deno.writeTextFileSync(url, `// ${actual}\n${query}`);
      return;
    }
    assert.equal(actual, header);
  });
}
