import assert from "node:assert/strict";
import { tokenizeRuleYaml } from "./rule_yaml_tokenizer.ts";

const RULE = `id: 7a7a  # the id
name: "SSH failures"
severity: Medium
queryFrequency: 5m
triggerThreshold: 0
query: |
  Syslog
  | where SyslogMessage has "Failed"
tactics:
  - CredentialAccess
`;

Deno.test("tokenizeRuleYaml colours keys, values and comments, and the query block as KQL", () => {
  const tokens = tokenizeRuleYaml(RULE);
  let at = 0;
  for (const t of tokens) {
    assert.equal(t.start, at);
    at = t.end;
  }
  assert.equal(at, RULE.length);
  const of = (word: string) => tokens.find((t) => RULE.slice(t.start, t.end) === word)?.kind;
  assert.equal(of("severity"), "keyword");
  assert.equal(of("# the id"), "comment");
  assert.equal(of('"SSH failures"'), "string");
  assert.equal(of("0"), "number");
  assert.equal(of("where"), "keyword");
  assert.equal(of("has"), "operator");
  assert.equal(of('"Failed"'), "string");
  assert.equal(of("tactics"), "keyword");
});

Deno.test("tokenizeRuleYaml covers broken YAML without gaps", () => {
  for (const text of ["query: |\n", ": :\n  - [", "query: T | take 1", "\n\n  x"]) {
    let at = 0;
    for (const t of tokenizeRuleYaml(text)) {
      assert.equal(t.start, at, JSON.stringify(text));
      at = t.end;
    }
    assert.equal(at, text.length);
  }
});
