import assert from "node:assert/strict";
import {
  between,
  contains,
  containsCs,
  endsWith,
  has,
  hasAll,
  hasAny,
  hasCs,
  hasPrefix,
  hasSuffix,
  inListIgnoreCase,
  matchesRegex,
  startsWith,
  STRING_OPERATORS,
} from "./string_predicates.ts";

Deno.test("has matches whole terms, case-insensitively", () => {
  assert.equal(has("North America", "america"), true);
  assert.equal(has("North America", "amer"), false);
  assert.equal(has("North America", "North America"), true);
  assert.equal(has("user=admin;", "admin"), true);
  assert.equal(has("administrator", "admin"), false);
  assert.equal(has("C:\\Windows\\System32\\cmd.exe", "cmd.exe"), true);
  assert.equal(has("C:\\Windows\\System32\\xcmd.exe", "cmd.exe"), false);
  assert.equal(has("a-foo", "-foo"), true, "a needle starting with a separator may follow anything");
  assert.equal(has("abc", ""), true);
  assert.equal(has(null, "a"), false);
  assert.equal(hasCs("North America", "america"), false);
  assert.equal(hasCs("North America", "America"), true);
});

Deno.test("hasprefix and hassuffix match term starts and ends", () => {
  assert.equal(hasPrefix("North America", "ame"), true);
  assert.equal(hasPrefix("North America", "mer"), false);
  assert.equal(hasSuffix("North America", "ica"), true);
  assert.equal(hasSuffix("North America", "eri"), false);
});

Deno.test("contains, startswith and endswith with their case rules", () => {
  assert.equal(contains("FabriKam", "brik"), true);
  assert.equal(containsCs("FabriKam", "brik"), false);
  assert.equal(startsWith("Fabrikam", "FAB"), true);
  assert.equal(endsWith("Fabrikam", "KAM"), true);
  assert.equal(contains("abc", ""), true);
});

Deno.test("has_any, has_all and in~ flatten dynamic arrays", () => {
  assert.equal(hasAny("this is an example", ["example", "x"]), true);
  assert.equal(hasAny("this is an example", [["exam", "ple"]]), false);
  assert.equal(hasAll("this is an example", ["this", ["example"]]), true);
  assert.equal(hasAll("this is an example", ["this", "nope"]), false);
  assert.equal(inListIgnoreCase("ABC", ["x", ["abc"]]), true);
  assert.equal(inListIgnoreCase("ABC", ["x"]), false);
});

Deno.test("matches regex and between", () => {
  assert.equal(matchesRegex("Contoso-123", "^[A-Za-z]+-\\d+$"), true);
  assert.equal(matchesRegex("abc", "("), null);
  assert.equal(between(5, 1, 10), true);
  assert.equal(between(10, 1, 10), true);
  assert.equal(between(11, 1, 10), false);
  assert.equal(between(null, 1, 10), null);
});

Deno.test("STRING_OPERATORS dispatches by KQL spelling, negations included", () => {
  assert.equal(STRING_OPERATORS["has"]("a b", "b"), true);
  assert.equal(STRING_OPERATORS["!has"]("a b", "b"), false);
  assert.equal(STRING_OPERATORS["!contains_cs"]("ABC", "b"), true);
  assert.equal(STRING_OPERATORS["in"](2, [1, 2]), true);
  assert.equal(STRING_OPERATORS["!in~"]("A", ["a"]), false);
  assert.equal(STRING_OPERATORS["!in"](null, [1]), null);
  assert.equal(STRING_OPERATORS["!="](1, 2), true);
  assert.equal(STRING_OPERATORS["!~"]("a", "A"), false);
  assert.equal(STRING_OPERATORS["has_any"]("a b", ["c", "b"]), true);
});
