import assert from "node:assert/strict";
import { toPublicError } from "../diagnostics/diagnostic.ts";
import { runQuery } from "../eval/run_query.ts";
import { streamQuery } from "../eval/stream_query.ts";
import { parseQuery } from "../parse/mod.ts";
import { Catalog, type StoredFunction } from "../symbols/mod.ts";
import { analyzeQuery } from "./analyze_query.ts";
import { checkFunction } from "./check_function.ts";
import { expandFunctions } from "./expand_functions.ts";

const T = { columns: [{ name: "x", type: "long" as const }], rows: [[1], [2], [3]] };

const FUNCTIONS: StoredFunction[] = [
  { name: "Above", parameters: [{ name: "n", type: "long", default: "2" }], body: "T | where x > n" },
  { name: "Doubled", parameters: [], body: "Above(1)\n| extend y = x * 2" },
  {
    name: "Top",
    parameters: [{ name: "S", type: "(*)" }, { name: "n", type: "long", default: "1" }],
    body: "S | take n",
  },
  { name: "Plus1", parameters: [{ name: "v", type: "long" }], body: "v + 1" },
  { name: "Broken", parameters: [], body: "T\n| where  Nope == 1" },
  { name: "Ping", parameters: [], body: "Pong" },
  { name: "Pong", parameters: [], body: "Ping" },
  { name: "SecurityEvent", parameters: [], body: "T" },
];
const catalog = Catalog.builtin().withFunctions(FUNCTIONS);
/** What analysis and checks see: `T` as a table. */
const withT = catalog.withSchemas([{ name: "T", columns: T.columns }]);

function rows(query: string): unknown[][] {
  const result = runQuery(query, { tables: { T }, catalog });
  assert.deepEqual(result.diagnostics, [], query);
  return result.rows as unknown[][];
}

Deno.test("stored function: called bare, with no arguments, positionally and by name", () => {
  assert.deepEqual(rows("Above"), [[3]]);
  assert.deepEqual(rows("Above()"), [[3]]);
  assert.deepEqual(rows("Above(0) | count"), [[3]]);
  assert.deepEqual(rows("Above(n=1) | count"), [[2]]);
  assert.deepEqual(rows("let f = Above; f | count"), [[1]]);
});

Deno.test("stored function: one function calls another; union and join see them too", () => {
  assert.deepEqual(rows("Doubled"), [[2, 4], [3, 6]]);
  assert.deepEqual(rows("union Above, Doubled | count"), [[3]]);
  assert.deepEqual(rows("Doubled | join kind=inner (Above) on x | project x, y"), [[3, 6]]);
  const expanded = expandFunctions(parseQuery("Doubled").query, { text: "Doubled", catalog });
  assert.deepEqual(expanded.functions, ["Above", "Doubled"]);
});

Deno.test("stored function: tabular parameter, invoke and scalar functions", () => {
  assert.deepEqual(rows("Top(T)"), [[1]]);
  assert.deepEqual(rows("T | invoke Top(2) | count"), [[2]]);
  assert.deepEqual(rows("T | extend z = Plus1(x) | where z == 4"), [[3, 4]]);
});

Deno.test("stored function: a table or a let of the same name wins", () => {
  assert.deepEqual(rows("SecurityEvent | count"), [[0]]);
  assert.deepEqual(rows("let Above = 7; print Above"), [[7]]);
});

Deno.test("stored function: only functions the query refers to are injected", () => {
  const text = "T | count";
  const expanded = expandFunctions(parseQuery(text).query, { text, catalog });
  assert.deepEqual(expanded.functions, []);
  assert.equal(expanded.query.statements.length, 1);
});

Deno.test("stored function: recursion is refused", () => {
  const result = runQuery("Ping", { tables: { T }, catalog });
  assert.equal(result.diagnostics[0].code, "KQL2022");
  assert.equal(
    result.diagnostics[0].message,
    "Recursive function calls are not supported: 'Ping' -> 'Pong' -> 'Ping'",
  );
  assert.equal(checkFunction(FUNCTIONS[5], catalog)[0].code, "KQL2022");
});

Deno.test("stored function: a problem in the body is reported against the function", () => {
  const text = "T | count;\nBroken | take 1";
  const analysis = analyzeQuery(text, { catalog: withT });
  const error = analysis.diagnostics.find((d) => d.severity === "error")!;
  assert.equal(error.message, "In function 'Broken' (line 2, column 10): Unknown column 'Nope'");
  assert.deepEqual(error.origin, { function: "Broken", line: 2, column: 10 });
  // The span is the call in the query, so line/column stay meaningful for the query text.
  assert.deepEqual(toPublicError(text, error), { message: error.message, line: 2, column: 1 });
  assert.deepEqual(checkFunction(FUNCTIONS[4], withT).map((d) => d.message), [error.message]);
});

Deno.test("stored function: checkFunction accepts good functions, required parameters included", () => {
  for (const fn of FUNCTIONS.slice(0, 4)) assert.deepEqual(checkFunction(fn, withT), [], fn.name);
  const bad = {
    name: "Typed",
    parameters: [{ name: "n", type: "long", default: "'x'" }],
    body: "T | take n",
  };
  assert.match(checkFunction(bad, withT)[0].message, /^In function 'Typed' \(parameters\): /);
  const syntax = { name: "Cut", parameters: [], body: "T | where" };
  assert.match(checkFunction(syntax, withT)[0].message, /^In function 'Cut' \(line 1, column 10\): /);
});

Deno.test("stored function: the streaming evaluator runs them too", () => {
  const stream = streamQuery("T | where x > 1 | extend z = Plus1(x)", {
    tables: new Map([["T", T]]),
    catalog,
  });
  assert.ok("push" in stream);
  stream.push(T.rows);
  assert.deepEqual(stream.finish().rows, [[2, 3], [3, 4]]);
});

Deno.test("Catalog.withFunctions keeps the original catalog unchanged and withTables keeps functions", () => {
  assert.equal(Catalog.builtin().function("Above"), undefined);
  assert.equal(catalog.function("Above")?.body, "T | where x > n");
  const { catalog: more } = catalog.withTables([{
    name: "X_CL",
    columns: [{ name: "TimeGenerated", type: "datetime" }],
  }]);
  assert.equal(more.functions().length, catalog.functions().length);
  assert.equal(catalog.replaceFunctions([]).functions().length, 0);
});
