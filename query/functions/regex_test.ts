import assert from "node:assert/strict";
import { cachedRegex, compileRegex, translateRe2 } from "./regex.ts";

function matches(pattern: string, text: string): boolean {
  const result = compileRegex(pattern);
  if ("error" in result) throw new Error(result.error);
  return result.regex.test(text);
}

Deno.test("translateRe2 turns leading inline flags into JavaScript flags", () => {
  assert.deepEqual(translateRe2("(?i)abc"), { source: "abc", flags: "i" });
  assert.deepEqual(translateRe2("(?is)a.c"), { source: "a.c", flags: "is" });
  assert.equal(matches("(?i)ABC", "xabcx"), true);
  assert.equal(matches("(?s)a.c", "a\nc"), true);
  assert.equal(matches("a.c", "a\nc"), false);
});

Deno.test("RE2 named groups, \\A, \\z, \\Q…\\E and POSIX classes", () => {
  const named = compileRegex("(?P<user>\\w+)@");
  assert.ok("regex" in named);
  assert.equal(named.regex.exec("bob@x")?.groups?.user, "bob");
  assert.equal(matches("\\Aabc\\z", "abc"), true);
  assert.equal(matches("(?m)\\Aabc\\z", "abc\n"), false);
  assert.equal(matches("\\Qa.b\\E", "a.b"), true);
  assert.equal(matches("\\Qa.b\\E", "axb"), false);
  assert.equal(matches("^[[:alpha:]]+[[:digit:]]$", "abc1"), true);
  assert.equal(matches("^[[:alpha:]]+$", "ab1"), false);
  assert.equal(matches("\\pL+", "é"), true);
  assert.equal(matches("\\p{Greek}", "α"), true);
});

Deno.test("compileRegex reports unsupported and invalid patterns", () => {
  assert.ok("error" in compileRegex("(?U)a+"));
  assert.ok("error" in compileRegex("a\\C"));
  assert.ok("error" in compileRegex("("));
  assert.equal(cachedRegex("("), null);
  assert.ok(cachedRegex("a+") instanceof RegExp);
});
