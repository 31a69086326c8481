import assert from "node:assert/strict";
// The test checks the literals with the real KQL engine; the UI itself only speaks HTTP.
import { runQuery, toRestValue } from "../../query/eval/mod.ts";
import { kqlLiteral, substituteParameters, timeParameters } from "./substitute_parameters.ts";

/** What `print v = <literal>` evaluates to. */
function evaluate(literal: string): unknown {
  const result = runQuery(`print v = ${literal}`, { tables: new Map(), now: 0 });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  assert.deepEqual(errors.map((e) => e.message), [], literal);
  return toRestValue(result.rows[0][0], result.columns[0].type);
}

Deno.test("kqlLiteral: every type round-trips through the KQL engine", () => {
  const nasty = 'a"b\\c\n\td\u0001e\u2028 // not a comment {X} \'q\' @"v"';
  const cases: Array<[Parameters<typeof kqlLiteral>[0], string, unknown]> = [
    ["string", nasty, nasty],
    ["string", "", ""],
    ["long", "-42", -42],
    ["real", "1.5", 1.5],
    ["bool", "TRUE", true],
    ["datetime", "2024-05-01T10:00:00Z", "2024-05-01T10:00:00.0000000Z"],
    ["timespan", "90m", "01:30:00"],
  ];
  for (const [type, value, expected] of cases) {
    const literal = kqlLiteral(type, value);
    assert.ok(literal.ok, `${type} ${value}`);
    const got = evaluate(literal.text);
    if (type === "datetime") assert.equal(Date.parse(String(got)), Date.parse(String(expected)));
    else assert.deepEqual(got, expected, `${type} ${JSON.stringify(value)}`);
  }
});

Deno.test("kqlLiteral: a value that is not of its type is refused with a message", () => {
  assert.deepEqual(kqlLiteral("long", "1 or true"), {
    ok: false,
    message: "'1 or true' is not a whole number",
  });
  assert.equal(kqlLiteral("real", "NaN").ok, false);
  assert.equal(kqlLiteral("bool", "yes").ok, false);
  assert.equal(kqlLiteral("datetime", "soon").ok, false);
  assert.equal(kqlLiteral("timespan", "1h) | take 1 | print (1").ok, false);
});

Deno.test("substituteParameters: replaces placeholders but not inside strings or comments", () => {
  const query = [
    'T | where User == {User} and Note == "{User}" and Raw == @"{User}"',
    "// {User} stays in this comment",
    '| where N > {N} | extend d = dynamic({"User": 1})',
  ].join("\n");
  const r = substituteParameters(query, {
    User: { type: "string", value: 'x" or 1==1 //' },
    N: { type: "long", value: "5" },
  });
  assert.deepEqual(r.errors, []);
  assert.equal(
    r.query,
    [
      'T | where User == "x\\" or 1==1 //" and Note == "{User}" and Raw == @"{User}"',
      "// {User} stays in this comment",
      '| where N > long(5) | extend d = dynamic({"User": 1})',
    ].join("\n"),
  );
});

Deno.test("substituteParameters: unknown placeholders and bad values are reported, never pasted", () => {
  const r = substituteParameters("T | where A == {Nope} and B == {N}", {
    N: { type: "long", value: "1;drop" },
  });
  assert.deepEqual(r.errors, ["Unknown parameter '{Nope}'", "Parameter 'N': '1;drop' is not a whole number"]);
  assert.doesNotMatch(r.query, /drop/);
});

Deno.test("timeParameters: the time range gives {TimeRange} and a {TimeGrain} that binds", () => {
  const values = timeParameters("P1D");
  const r = substituteParameters("print s = {TimeRange}, g = {TimeGrain}", values);
  assert.deepEqual(r, { query: "print s = timespan(1d), g = timespan(1h)", errors: [] });
  assert.equal(evaluate(substituteParameters("{TimeGrain}", timeParameters("PT15M")).query), "00:01:00");
});
