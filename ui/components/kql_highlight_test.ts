import assert from "node:assert/strict";
import { highlightSegments, offsetAt, problemRange } from "./kql_highlight.ts";
import { tokenizeKql } from "./kql_tokenizer.ts";

Deno.test("offsetAt counts lines as the server does (\\n, \\r\\n, \\r) and clamps to the line", () => {
  const text = "ab\r\ncd\ref\nghi";
  assert.equal(offsetAt(text, 1, 1), 0);
  assert.equal(offsetAt(text, 2, 2), 5);
  assert.equal(offsetAt(text, 3, 1), 7);
  assert.equal(offsetAt(text, 4, 3), 12);
  assert.equal(offsetAt(text, 4, 99), 13);
  assert.equal(offsetAt(text, 9, 1), 13);
});

Deno.test("problemRange underlines the token at the position, or the last character at the end", () => {
  const text = "T\n| where Nme == 1\n| take";
  const tokens = tokenizeKql(text);
  const [s, e] = problemRange(text, tokens, { line: 2, column: 9 });
  assert.equal(text.slice(s, e), "Nme");
  const [s2, e2] = problemRange(text, tokens, { line: 3, column: 7 });
  assert.equal(text.slice(s2, e2), "take");
  assert.deepEqual(problemRange("", [], { line: 1, column: 1 }), [0, 0]);
});

Deno.test("highlightSegments splits tokens at error edges and keeps the text whole", () => {
  const text = "where Account";
  const segments = highlightSegments(text, tokenizeKql(text), [[8, 10]]);
  assert.equal(segments.map((s) => s.text).join(""), text);
  assert.deepEqual(segments.map((s) => [s.text, s.kind, s.error]), [
    ["where", "keyword", false],
    [" ", "space", false],
    ["Ac", "identifier", false],
    ["co", "identifier", true],
    ["unt", "identifier", false],
  ]);
});
