/**
 * A small KQL tokenizer for syntax highlighting in the browser. It only colours text: the server's parser decides
 * what is valid (its errors come back with a line and column). It never throws and covers every character, so the
 * highlighted copy lines up with the text area character for character.
 */

/** What a token is, for colouring. */
export type KqlTokenKind =
  | "keyword"
  | "operator"
  | "function"
  | "string"
  | "number"
  | "comment"
  | "punctuation"
  | "identifier"
  | "space";

/** A token: `[start, end)` in UTF-16 offsets of the text. */
export interface KqlToken {
  readonly kind: KqlTokenKind;
  readonly start: number;
  readonly end: number;
}

/** Tabular operators (after `|`) and statement words. */
const KEYWORDS = new Set([
  "let",
  "set",
  "where",
  "filter",
  "project",
  "project-away",
  "project-keep",
  "project-rename",
  "project-reorder",
  "extend",
  "summarize",
  "by",
  "sort",
  "order",
  "top",
  "take",
  "limit",
  "count",
  "distinct",
  "join",
  "union",
  "lookup",
  "on",
  "kind",
  "mv-expand",
  "mv-apply",
  "parse",
  "parse-kv",
  "with",
  "render",
  "range",
  "from",
  "to",
  "step",
  "print",
  "datatable",
  "evaluate",
  "make-series",
  "as",
  "invoke",
  "search",
  "sample",
  "getschema",
  "serialize",
  "materialize",
  "toscalar",
  "asc",
  "desc",
  "nulls",
  "first",
  "last",
  "inner",
  "innerunique",
  "leftouter",
  "rightouter",
  "fullouter",
  "leftanti",
  "rightanti",
  "leftsemi",
  "rightsemi",
  "anti",
  "semi",
  "true",
  "false",
  "null",
  "dynamic",
  "datetime",
  "timespan",
  "string",
  "long",
  "int",
  "real",
  "bool",
  "guid",
  "decimal",
]);

/** Keywords that are also functions when called: `count()`, `datetime(2026-01-01)`. */
const CALLABLE = new Set([
  "count",
  "dynamic",
  "datetime",
  "timespan",
  "string",
  "long",
  "int",
  "real",
  "bool",
  "guid",
  "decimal",
  "toscalar",
  "materialize",
]);

/** Word operators of expressions. */
const WORD_OPERATORS = new Set([
  "and",
  "or",
  "not",
  "in",
  "!in",
  "in~",
  "!in~",
  "has",
  "!has",
  "has_cs",
  "!has_cs",
  "has_any",
  "has_all",
  "hasprefix",
  "hassuffix",
  "contains",
  "!contains",
  "contains_cs",
  "!contains_cs",
  "startswith",
  "!startswith",
  "startswith_cs",
  "endswith",
  "!endswith",
  "endswith_cs",
  "matches",
  "regex",
  "between",
  "!between",
  "like",
]);

const WORD_START = /[A-Za-z_$]/;
const WORD_PART = /[A-Za-z0-9_$]/;
const DIGIT = /[0-9]/;
const TIMESPAN_UNITS =
  /^(?:d|h|m|s|ms|microsecond|microseconds|tick|ticks|min|minute|minutes|sec|second|seconds|hr|hrs|hour|hours|day|days)/;
const SYMBOLS = [
  "==",
  "!=",
  "<>",
  "<=",
  ">=",
  "=~",
  "!~",
  "..",
  "=>",
  "+",
  "-",
  "*",
  "/",
  "%",
  "<",
  ">",
  "=",
];

/**
 * Split KQL text into tokens covering every character.
 *
 * @param text the query
 * @returns the tokens, in order, without gaps
 */
export function tokenizeKql(text: string): KqlToken[] {
  const tokens: KqlToken[] = [];
  let i = 0;
  const push = (kind: KqlTokenKind, end: number) => {
    tokens.push({ kind, start: i, end });
    i = end;
  };
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1] ?? "";
    if (/\s/.test(c)) {
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j])) j++;
      push("space", j);
    } else if (c === "/" && next === "/") {
      const eol = text.indexOf("\n", i);
      push("comment", eol === -1 ? text.length : eol);
    } else if (c === '"' || c === "'") {
      push("string", stringEnd(text, i + 1, c, true));
    } else if ((c === "@" || c === "h" || c === "H") && (next === '"' || next === "'")) {
      // Verbatim (@"...") and obfuscated (h"...") strings.
      push("string", stringEnd(text, i + 2, next, c !== "@"));
    } else if (c === "`" && text.startsWith("```", i)) {
      const close = text.indexOf("```", i + 3);
      push("string", close === -1 ? text.length : close + 3);
    } else if (DIGIT.test(c) || (c === "." && DIGIT.test(next))) {
      let j = i + 1;
      while (j < text.length && /[0-9.xXa-fA-F]/.test(text[j]) && !(text[j] === "." && text[j + 1] === ".")) {
        j++;
      }
      if (/[eE]/.test(text[j - 1] ?? "") && /[+-]/.test(text[j] ?? "")) {
        j++;
        while (j < text.length && DIGIT.test(text[j])) j++;
      }
      const unit = TIMESPAN_UNITS.exec(text.slice(j, j + 13));
      if (unit && !WORD_PART.test(text[j + unit[0].length] ?? "")) j += unit[0].length;
      push("number", j);
    } else if (c === "!" && WORD_START.test(next)) {
      const j = wordEnd(text, i + 1);
      const word = text.slice(i, j).toLowerCase();
      if (WORD_OPERATORS.has(word)) push("operator", j);
      else push("punctuation", i + 1);
    } else if (WORD_START.test(c)) {
      let j = wordEnd(text, i);
      // Dashed operators: project-away, mv-expand, make-series, parse-kv.
      while (text[j] === "-" && WORD_START.test(text[j + 1] ?? "")) {
        const k = wordEnd(text, j + 1);
        if (!KEYWORDS.has(text.slice(i, k).toLowerCase())) break;
        j = k;
      }
      if (text[j] === "~" && WORD_OPERATORS.has(text.slice(i, j + 1).toLowerCase())) j++;
      const word = text.slice(i, j);
      const lower = word.toLowerCase();
      const call = nextNonSpace(text, j) === "(";
      if (WORD_OPERATORS.has(lower)) push("operator", j);
      else if (call && (!KEYWORDS.has(word) || CALLABLE.has(word))) push("function", j);
      else if (KEYWORDS.has(word)) push("keyword", j);
      else push("identifier", j);
    } else if (c === "[" && (next === '"' || next === "'")) {
      // A bracketed name: ['My Column'].
      const close = stringEnd(text, i + 2, next, true);
      push("identifier", text[close] === "]" ? close + 1 : close);
    } else {
      const symbol = SYMBOLS.find((s) => text.startsWith(s, i));
      push(symbol ? "operator" : "punctuation", i + (symbol?.length ?? 1));
    }
  }
  return tokens;
}

/** Where a string opened before `from` ends (after its closing quote, or at the line's end when unclosed). */
function stringEnd(text: string, from: number, quote: string, escapes: boolean): number {
  let j = from;
  while (j < text.length) {
    const ch = text[j];
    if (escapes && ch === "\\") j += 2;
    else if (ch === quote) return j + 1;
    else if (ch === "\n") return j;
    else j++;
  }
  return text.length;
}

function wordEnd(text: string, from: number): number {
  let j = from;
  while (j < text.length && WORD_PART.test(text[j])) j++;
  return j;
}

function nextNonSpace(text: string, from: number): string {
  let j = from;
  while (j < text.length && (text[j] === " " || text[j] === "\t")) j++;
  return text[j] ?? "";
}
