import assert from "node:assert/strict";
import { analyzeQuery } from "./analyze_query.ts";
import { inlineForPlan } from "./inline_functions.ts";
import { Catalog } from "../symbols/mod.ts";
import { printKql } from "../syntax/mod.ts";

const catalog = Catalog.builtin();
/** The rewritten query as one line of KQL, or undefined when nothing changed. */
function inlined(text: string): string | undefined {
  const analysis = analyzeQuery(text, { catalog });
  const out = inlineForPlan(analysis.query, { info: analysis.bound!.info, catalog });
  return out === undefined ? undefined : printKql(out.query).replaceAll("\n", " ");
}

Deno.test("inlineForPlan puts let functions in place with constant arguments and defaults", () => {
  assert.equal(
    inlined(
      "let f = (id:int, n:int = 2) { SecurityEvent | where EventID == id and LogonType == n }; f(4625) | count",
    ),
    "SecurityEvent | where EventID == 4625 and LogonType == 2 | count",
  );
  assert.equal(
    inlined("let limit = 5; let f = (n:long) { SecurityEvent | where EventID > n }; f(n = limit) | count"),
    "let limit = 5; SecurityEvent | where EventID > limit | count",
  );
  // A column as an argument, or a parameter a column of the body's table would hide: left as it was.
  assert.equal(
    inlined("let f = (Computer:string) { SecurityEvent | where Account == Computer }; f('x')"),
    undefined,
  );
  assert.equal(inlined("SecurityEvent | count"), undefined);
  // A let the function reads, defined again after it: the function sees the first one.
  assert.equal(
    inlined("let n = 1; let f = () { SecurityEvent | where EventID > n }; let n = 2; f() | count"),
    undefined,
  );
  // A query's own let named like an ASIM parameter does not stop the parser from being put in place.
  assert.match(
    inlined("let starttime = ago(1h); imAuthentication(starttime) | count")!,
    /^let starttime = ago\(1h\); ASimAuthenticationEventLogs \| where TimeGenerated >= starttime/,
  );
});

Deno.test("inlineForPlan reads an ASIM parser as its table with the arguments' filters folded", () => {
  const text = inlined(
    "imAuthentication(starttime=ago(1h), disabled=false) | where EventResult == 'Failure'",
  )!;
  assert.match(text, /^ASimAuthenticationEventLogs \| where TimeGenerated >= ago\(1h\) \| where /);
  assert.doesNotMatch(text, /isnull|not\(|\bimAuthentication|_Im_Authentication/);
  assert.match(text, /\| where EventResult == 'Failure'$/);
});

Deno.test("inlineForPlan puts a let read once in place and moves filters into union branches with one layout", () => {
  assert.equal(
    inlined("let t = SigninLogs | where ResultType != '0'; t | summarize count() by IPAddress"),
    "SigninLogs | where ResultType != '0' | summarize count() by IPAddress",
  );
  assert.equal(
    inlined(
      "let a = SecurityEvent | project User = Account, TimeGenerated; let b = SigninLogs " +
        "| project User = UserPrincipalName, TimeGenerated; union a, b | where User != '' | extend U = tolower(User)",
    ),
    "union (SecurityEvent | project User = Account, TimeGenerated | where User != ''), " +
      "(SigninLogs | project User = UserPrincipalName, TimeGenerated | where User != '') | extend U = tolower(User)",
  );
  // A column only one branch has stays after the union (the other branch gives it as null there).
  assert.equal(
    inlined(
      "let a = SecurityEvent | where EventID == 1; union a, (SigninLogs | where ResultType == '0') " +
        "| where isnotempty(Computer)",
    ),
    "union (SecurityEvent | where EventID == 1), (SigninLogs | where ResultType == '0') | where isnotempty(Computer)",
  );
});

Deno.test("inlineForPlan copies a body put in place twice and reads stored functions with inner lets", () => {
  const stored = Catalog.builtin().withFunctions([{
    name: "Failed",
    parameters: [{ name: "id", type: "int", default: "4625" }],
    body: "let ids = dynamic([4625, 4771]);\nSecurityEvent | where EventID == id and EventID in (ids)",
  }]);
  const text = "Failed | join (Failed(4771)) on Computer";
  const analysis = analyzeQuery(text, { catalog: stored });
  const out = inlineForPlan(analysis.query, { info: analysis.bound!.info, catalog: stored })!;
  assert.equal(
    printKql(out.query).replaceAll("\n", " "),
    "SecurityEvent | where EventID == 4625 and EventID in (dynamic([4625, 4771])) | join " +
      "(SecurityEvent | where EventID == 4771 and EventID in (dynamic([4625, 4771]))) on Computer",
  );
  const last = out.query.statements[out.query.statements.length - 1];
  const pipe = last.kind === "ExpressionStatement" && last.expression.kind === "Pipe"
    ? last.expression
    : undefined;
  const join = pipe?.operators[1];
  const right = join?.kind === "Join" && join.right.kind === "Parenthesized"
    ? join.right.expression
    : undefined;
  assert.ok(right?.kind === "Pipe" && pipe !== undefined);
  assert.notEqual(right.source, pipe.source);
  assert.deepEqual(out.steps, ["function 'Failed' put in place"]);
});
