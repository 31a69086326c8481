import assert from "node:assert/strict";
import { tokenizeKql } from "./kql_tokenizer.ts";

const kinds = (text: string) =>
  tokenizeKql(text).filter((t) => t.kind !== "space").map((t) => [t.kind, text.slice(t.start, t.end)]);

Deno.test("tokenizeKql colours operators, functions, strings, numbers, timespans and comments", () => {
  assert.deepEqual(
    kinds(
      'SecurityEvent | where EventID == 4625 and Account !has "svc" // noise\n| summarize count() by bin(TimeGenerated, 1h)',
    ),
    [
      ["identifier", "SecurityEvent"],
      ["punctuation", "|"],
      ["keyword", "where"],
      ["identifier", "EventID"],
      ["operator", "=="],
      ["number", "4625"],
      ["operator", "and"],
      ["identifier", "Account"],
      ["operator", "!has"],
      ["string", '"svc"'],
      ["comment", "// noise"],
      ["punctuation", "|"],
      ["keyword", "summarize"],
      ["function", "count"],
      ["punctuation", "("],
      ["punctuation", ")"],
      ["keyword", "by"],
      ["function", "bin"],
      ["punctuation", "("],
      ["identifier", "TimeGenerated"],
      ["punctuation", ","],
      ["number", "1h"],
      ["punctuation", ")"],
    ],
  );
});

Deno.test("tokenizeKql reads dashed operators, verbatim strings, bracketed names and ranges", () => {
  assert.deepEqual(kinds("T | project-away ['My col'], @'c:\\x' | mv-expand x | where a in~ (1..2)"), [
    ["identifier", "T"],
    ["punctuation", "|"],
    ["keyword", "project-away"],
    ["identifier", "['My col']"],
    ["punctuation", ","],
    ["string", "@'c:\\x'"],
    ["punctuation", "|"],
    ["keyword", "mv-expand"],
    ["identifier", "x"],
    ["punctuation", "|"],
    ["keyword", "where"],
    ["identifier", "a"],
    ["operator", "in~"],
    ["punctuation", "("],
    ["number", "1"],
    ["operator", ".."],
    ["number", "2"],
    ["punctuation", ")"],
  ]);
});

Deno.test("tokenizeKql covers every character without gaps, even for unclosed strings and odd input", () => {
  for (
    const text of [
      'where x == "unclosed\nnext',
      "```multi\nline",
      "!!",
      "a-b",
      "\u00e9t\u00e9 | take 1",
      "",
      "h'secret'",
    ]
  ) {
    const tokens = tokenizeKql(text);
    let at = 0;
    for (const t of tokens) {
      assert.equal(t.start, at, JSON.stringify({ text, t }));
      assert.ok(t.end > t.start);
      at = t.end;
    }
    assert.equal(at, text.length);
  }
});
