import assert from "node:assert/strict";
import { Catalog } from "../../query/mod.ts";
import { parseRuleDuration } from "./rule_duration.ts";
import { validateRule } from "./validate_rule.ts";

const read = (name: string) => Deno.readTextFileSync(new URL(`./testdata/${name}`, import.meta.url));

Deno.test("validateRule loads a valid Scheduled rule with normalised fields and keeps unknown ones", () => {
  const result = validateRule(read("failed_logons.yaml"));
  assert.deepEqual(result.problems, []);
  assert.equal(result.ok, true);
  const rule = result.rule!;
  assert.equal(rule.id, "0b7c1f3a-2d4e-4f6a-9b8c-1d2e3f4a5b6c");
  assert.equal(rule.queryFrequency, 3600e6);
  assert.equal(rule.queryPeriod, 3600e6);
  assert.equal(rule.triggerOperator, "gt");
  assert.equal(rule.triggerThreshold, 0);
  assert.equal(rule.eventGroupingSettings.aggregationKind, "AlertPerResult");
  assert.equal(rule.entityMappings.length, 3);
  assert.equal(rule.version, "1.0.0");
  assert.deepEqual(rule.fields.metadata, { source: { kind: "Community" } });
  assert.equal(result.mode.mode, "incremental");
});

Deno.test("validateRule reports every invalid field at its line and column", () => {
  const result = validateRule(read("broken_fields.yaml"));
  assert.equal(result.ok, false);
  assert.equal(result.rule, undefined);
  assert.equal(result.id, "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
  const byLine = result.problems.map((p) => [p.line, p.column, p.code]);
  assert.deepEqual(byLine, [
    [3, 11, "RULE1002"],
    [4, 17, "RULE1002"],
    [6, 18, "RULE1002"],
    [7, 19, "RULE1002"],
  ]);
  assert.match(result.problems[0].message, /Invalid severity "Urgent"/);
  assert.match(result.problems[1].message, /Invalid duration '2w'/);
  assert.match(result.problems[2].message, /Invalid triggerOperator "above"/);
});

Deno.test("validateRule maps query errors to the YAML file and checks entity columns", () => {
  const result = validateRule(read("bad_query.yaml"));
  assert.equal(result.ok, false);
  assert.equal(result.rule?.kind, "NRT");
  assert.equal(result.rule?.queryFrequency, undefined);
  const [column, entity] = result.problems;
  assert.deepEqual([column.code, column.line, column.column], ["KQL2002", 8, 32]);
  assert.equal(column.message, "Unknown column 'IPAdress'; did you mean 'IPAddress'");
  assert.deepEqual([entity.code, entity.line], ["RULE1003", 13]);
  assert.equal(entity.message, "Column 'IPAddress' is not in the query result");
});

Deno.test("validateRule reports YAML syntax errors and non-mapping files without throwing", () => {
  const syntax = validateRule("id: x\nname: [unclosed\n");
  assert.equal(syntax.ok, false);
  assert.equal(syntax.problems[0].code, "RULE1001");
  assert.equal(syntax.problems[0].line >= 2, true);
  const list = validateRule("- a\n- b\n");
  assert.equal(list.problems[0].code, "RULE1004");
  const empty = validateRule("");
  assert.equal(empty.ok, false);
});

Deno.test("validateRule reports missing fields and needs frequency for Scheduled rules", () => {
  const result = validateRule("id: a\nname: b\nseverity: Low\nquery: Syslog | take 1\n");
  const messages = result.problems.map((p) => p.message);
  assert.ok(messages.includes("Missing rule field 'queryFrequency'"), messages.join("; "));
  assert.ok(messages.includes("Missing rule field 'queryPeriod'"), messages.join("; "));
});

Deno.test("validateRule binds against custom tables passed in the catalog", () => {
  const text = "id: a\nname: b\nseverity: Low\nkind: NRT\nquery: Okta_CL | where actor_s == 'x'\n";
  assert.equal(validateRule(text).problems[0].code, "KQL2001");
  const { catalog } = Catalog.builtin().withTables([{
    name: "Okta_CL",
    columns: [{ name: "TimeGenerated", type: "datetime" }, { name: "actor_s", type: "string" }],
  }]);
  assert.deepEqual(validateRule(text, { catalog }).problems, []);
});

Deno.test("parseRuleDuration reads short and ISO 8601 forms", () => {
  assert.equal(parseRuleDuration("5m"), 300e6);
  assert.equal(parseRuleDuration("14d"), 14 * 86400e6);
  assert.equal(parseRuleDuration("PT5M"), 300e6);
  assert.equal(parseRuleDuration("P1DT2H"), 26 * 3600e6);
  assert.equal(parseRuleDuration("2H"), 2 * 3600e6);
  assert.equal(parseRuleDuration("1D"), 86400e6);
  assert.equal(parseRuleDuration("P"), undefined);
  assert.equal(parseRuleDuration("5 minutes"), undefined);
});

Deno.test("validateRule takes the spellings the public rule library uses: lower-case kind, column case", () => {
  const result = validateRule([
    "id: 6f0d9c2e-7d1c-4c57-9a5b-2f3d8f9b1a99",
    "name: Case",
    "severity: Low",
    "kind: scheduled",
    "queryFrequency: 1H",
    "queryPeriod: 1H",
    "triggerOperator: gt",
    "triggerThreshold: 0",
    "query: SigninLogs | project IPAddress, UserPrincipalName",
    "entityMappings:",
    "  - entityType: IP",
    "    fieldMappings:",
    "      - identifier: Address",
    "        columnName: ipAddress",
    "customDetails:",
    "  User: userprincipalname",
  ].join("\n"));
  assert.equal(result.ok, true, JSON.stringify(result.problems));
  assert.equal(result.rule?.kind, "Scheduled");
  assert.equal(result.rule?.queryFrequency, 3600e6);
  assert.equal(result.rule?.entityMappings[0].fieldMappings[0].columnName, "IPAddress");
  assert.equal(result.rule?.customDetails.User, "UserPrincipalName");
  const warnings = result.problems.filter((p) => p.code === "RULE1005");
  assert.equal(warnings.length, 2);
  assert.equal(warnings[0].severity, "warning");
  assert.equal(warnings[0].line, 14);
  assert.match(warnings[0].message, /'ipAddress' differs in case from the result column 'IPAddress'/);
});
