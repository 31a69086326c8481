import assert from "node:assert/strict";
import { call } from "./_call.ts";

Deno.test("tolower, toupper, strcat and strcat_delim", () => {
  assert.equal(call("tolower", ["Hello"]), "hello");
  assert.equal(call("toupper", ["Hello"]), "HELLO");
  assert.equal(call("strcat", ["hello", " ", "world"]), "hello world");
  assert.equal(call("strcat", ["a", null, 1], { argTypes: ["string", "string", "long"] }), "a1");
  assert.equal(call("strcat", ["t=", 0], { argTypes: ["string", "datetime"] }), "t=1970-01-01T00:00:00Z");
  assert.equal(call("strcat_delim", ["-", "1", "2", "A"]), "1-2-A");
});

Deno.test("strlen counts characters and string_size bytes", () => {
  assert.equal(call("strlen", ["hello"]), 5);
  assert.equal(call("strlen", ["⒦⒰⒮⒯⒪"]), 5);
  assert.equal(call("strlen", [""]), 0);
  assert.equal(call("string_size", ["⒦⒰⒮⒯⒪"]), 15);
  assert.equal(call("string_size", ["abc"]), 3);
});

Deno.test("substring follows the documentation's examples", () => {
  assert.equal(call("substring", ["123456", 1, 2]), "23");
  assert.equal(call("substring", ["ABCD", 2]), "CD");
  assert.equal(call("substring", ["ABCD", 0, 2]), "AB");
  assert.equal(call("substring", ["ABCD", -1, 2]), "A");
  assert.equal(call("substring", ["ABCD", 10, 2]), "");
});

Deno.test("split with and without an index", () => {
  assert.deepEqual(call("split", ["aa_bb", "_"]), ["aa", "bb"]);
  assert.deepEqual(call("split", ["aaa_bbb_ccc", "_", 1]), ["bbb"]);
  assert.deepEqual(call("split", ["", "_"]), [""]);
  assert.deepEqual(call("split", ["a__b", "_"]), ["a", "", "b"]);
  assert.deepEqual(call("split", ["aabbcc", "bb"]), ["aa", "cc"]);
  assert.deepEqual(call("split", ["aaa_bbb_ccc", "_", 5]), []);
});

Deno.test("replace_string, replace_regex and the deprecated replace", () => {
  assert.equal(
    call("replace_string", ["A magic trick can turn a cat into a dog", "cat", "hamster"]),
    "A magic trick can turn a hamster into a dog",
  );
  assert.equal(call("replace_regex", ["Number is 42", "is (\\d+)", "was: \\1"]), "Number was: 42");
  assert.equal(call("replace_regex", ["aaa", "a", "$"]), "$$$");
  assert.equal(call("replace", ["is (\\d+)", "was \\1", "Number is 7"]), "Number was 7");
  assert.equal(call("replace_regex", ["x", "(", "y"]), null, "an invalid pattern gives null");
});

Deno.test("trim, trim_start and trim_end remove leading and trailing matches", () => {
  assert.equal(call("trim", ["--", "--https://bing.com--"]), "https://bing.com");
  assert.equal(call("trim", ["[^\\w]+", "- Te st1// $"]), "Te st1");
  assert.equal(call("trim_start", ["sub", "substring"]), "string");
  assert.equal(call("trim_end", ["bing", "microsoftbing"]), "microsoft");
  assert.equal(call("trim_start", ["[^\\w]+", "  text"]), "text");
});

Deno.test("extract with a group, a missing match and a type", () => {
  assert.equal(call("extract", ["x=([0-9.]+)", 1, "hello x=45.6|wo"]), "45.6");
  assert.equal(call("extract", ["x=([0-9.]+)", 1, "hello x=45.6|wo", "real"]), 45.6);
  assert.equal(call("extract", ["x=([0-9.]+)", 0, "hello x=45.6|wo"]), "x=45.6");
  assert.equal(call("extract", ["y=([0-9.]+)", 1, "hello x=45.6|wo"]), "");
  assert.equal(call("extract", ["y=([0-9.]+)", 1, "x", "long"]), null);
  assert.equal(call("extract", ["(?i)USER=(\\w+)", 1, "user=Bob"]), "Bob");
});

Deno.test("extract_all returns every match and selected groups", () => {
  assert.deepEqual(call("extract_all", ["(\\d+)", "a1b22c333"]), ["1", "22", "333"]);
  assert.deepEqual(call("extract_all", ["(\\w)(\\d)", "a1 b2"]), [["a", "1"], ["b", "2"]]);
  assert.deepEqual(call("extract_all", ["(\\w)(\\w+)(\\w)", [1, 3], "The quick"]), [["T", "e"], ["q", "k"]]);
  assert.equal(call("extract_all", ["(\\d+)", "none"]), null);
});

Deno.test("indexof with start, length and occurrence", () => {
  assert.equal(call("indexof", ["abcdefg", "cde"]), 2);
  assert.equal(call("indexof", ["abcdefg", "cde", 1, 4]), 2);
  assert.equal(call("indexof", ["abcdefg", "cde", 1, 2]), -1);
  assert.equal(call("indexof", ["abcdefg", "cde", 3]), -1);
  assert.equal(call("indexof", ["abcdefg", "cde", -5]), 2);
  assert.equal(call("indexof", ["abcdefgabcdefg", "cde", 1, -1, 2]), 9);
  assert.equal(call("indexof", ["abcdefgabcdefg", "cde", 1, -1, 3]), -1);
});

Deno.test("countof counts overlapping plain matches and regex matches", () => {
  assert.equal(call("countof", ["The cat sat on the mat", "at"]), 3);
  assert.equal(call("countof", ["aaa", "a"]), 3);
  assert.equal(call("countof", ["aaaa", "aa"]), 3);
  assert.equal(call("countof", ["aaaa", "aa", "regex"]), 2);
  assert.equal(call("countof", ["abcabc", "a.c", "regex"]), 2);
});

Deno.test("reverse, strrep, translate, isascii and has_any_index", () => {
  assert.equal(call("reverse", ["ABCDEF"]), "FEDCBA");
  assert.equal(call("reverse", [123], { argTypes: ["long"] }), "321");
  assert.equal(call("strrep", ["ABC", 2]), "ABCABC");
  assert.equal(call("strrep", ["ABC", 2, "-"]), "ABC-ABC");
  assert.equal(call("strrep", [123, 3, " "], { argTypes: ["long", "long", "string"] }), "123 123 123");
  assert.equal(call("translate", ["abc", "x", "abc"]), "xxx");
  assert.equal(call("translate", ["abc", "", "ab"]), "");
  assert.equal(call("translate", ["krasp", "otsku", "spark"]), "kusto");
  assert.equal(call("isascii", ["abc"]), true);
  assert.equal(call("isascii", ["abcé"]), false);
  assert.equal(call("has_any_index", ["this is an example", ["this", "example"]]), 0);
  assert.equal(call("has_any_index", ["this is an example", ["not", "example"]]), 1);
  assert.equal(call("has_any_index", ["this is an example", ["not", "found"]]), -1);
  assert.equal(call("has_any_index", ["this is an example", []]), -1);
});

Deno.test("regressions found by the scalar fuzz test", () => {
  // An empty lookup with a huge occurrence count used to loop 2^53 times.
  assert.equal(call("indexof", ["abc", "", 0, -1, 2 ** 53]), -1);
  // A NaN repeat count used to throw "Invalid array length".
  assert.equal(call("strrep", ["x", NaN]), "");
});
