import assert from "node:assert/strict";
import { parseFunctionCommand, parseFunctionDeclaration } from "./function_command.ts";
import { functionsFromParserYaml } from "./parser_yaml.ts";

Deno.test("parseFunctionCommand reads create-or-alter with properties, parameters and defaults", () => {
  const c = parseFunctionCommand(
    `.create-or-alter function with (folder = "ASIM", docstring = 'Failed, logons', skipvalidation = "true")
     Fails(starttime:datetime = datetime(null), accounts:dynamic = dynamic(["a)", "b"]), T:(*)) {
       SigninLogs | where ResultType != "0" // a } in a comment
     }`,
  );
  assert.ok(c && "kind" in c && c.kind === "create-or-alter");
  assert.equal(c.skipValidation, true);
  assert.deepEqual(c.fn, {
    name: "Fails",
    parameters: [
      { name: "starttime", type: "datetime", default: "datetime(null)" },
      { name: "accounts", type: "dynamic", default: 'dynamic(["a)", "b"])' },
      { name: "T", type: "(*)" },
    ],
    body: 'SigninLogs | where ResultType != "0" // a } in a comment',
    folder: "ASIM",
    docString: "Failed, logons",
  });
});

Deno.test("parseFunctionCommand: show, drop, create ifnotexists, alter; other commands are not its business", () => {
  assert.deepEqual(parseFunctionCommand(".show functions"), { kind: "show" });
  assert.deepEqual(parseFunctionCommand(".show function ['My-F']"), { kind: "show", name: "My-F" });
  assert.deepEqual(parseFunctionCommand(".drop function F ifexists"), {
    kind: "drop",
    name: "F",
    ifExists: true,
  });
  const create = parseFunctionCommand(".create function ifnotexists F() { print 1 }");
  assert.ok(create && "kind" in create && create.kind === "create" && create.ifNotExists);
  const alter = parseFunctionCommand(".alter function F() { print 1 }");
  assert.ok(alter && "kind" in alter && alter.kind === "alter");
  assert.equal(parseFunctionCommand(".show tables"), undefined);
});

Deno.test("parseFunctionDeclaration refuses what it cannot read, with a reason", () => {
  assert.deepEqual(parseFunctionDeclaration("F(a:string { x }"), {
    error: "Invalid function 'F': the parameter list is not closed",
  });
  assert.deepEqual(parseFunctionDeclaration("F() T | take 1"), {
    error: "Invalid function 'F': expected '{' after the parameters",
  });
  assert.deepEqual(parseFunctionDeclaration("F() { T } extra"), {
    error: "Invalid function 'F': unexpected text after the body: 'extra'",
  });
  const badParams = parseFunctionDeclaration("F(a:) { T }");
  assert.ok(
    "error" in badParams && badParams.error.startsWith("Invalid function 'F': invalid parameter list: "),
  );
});

Deno.test("functionsFromParserYaml reads Sentinel's parser format, quoting string defaults", () => {
  const yaml = `Parser:
  Title: Example
ParserName: vimExample
EquivalentBuiltInParser: _Im_Example
Description: An example parser
ParserParams:
  - Name: starttime
    Type: datetime
    Default: datetime(null)
  - Name: user_has
    Type: string
    Default: '*'
  - Name: quoted
    Type: string
    Default: "'x'"
  - Name: disabled
    Type: bool
    Default: false
ParserQuery: |
  SigninLogs | where not(disabled)
`;
  const r = functionsFromParserYaml(yaml);
  assert.ok("functions" in r);
  assert.deepEqual(r.functions.map((f) => f.name), ["vimExample", "_Im_Example"]);
  assert.deepEqual(r.functions[0].parameters, [
    { name: "starttime", type: "datetime", default: "datetime(null)" },
    { name: "user_has", type: "string", default: "'*'" },
    { name: "quoted", type: "string", default: "'x'" },
    { name: "disabled", type: "bool", default: "false" },
  ]);
  assert.equal(r.functions[0].body, "SigninLogs | where not(disabled)");
  assert.equal(r.functions[0].docString, "An example parser");
  assert.deepEqual(functionsFromParserYaml("ParserName: X\n"), {
    error: "Invalid parser 'X': 'ParserQuery' must be the query text",
  });
  assert.deepEqual(functionsFromParserYaml("a: [1"), {
    error:
      "Invalid parser YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 1, column 6",
  });
});
