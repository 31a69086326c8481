/**
 * The KQL lexer: text to tokens in one pass. It never throws: unreadable input becomes a `Bad` token plus a
 * KQL1xxx diagnostic, and the token list always ends with one `EndOfText` token.
 */
import type { KqlDiagnostic } from "../diagnostics/diagnostic.ts";
import { syntaxError } from "../diagnostics/syntax_codes.ts";
import {
  HYPHENATED_WORDS,
  NEGATABLE_WORDS,
  PUNCTUATION,
  RAW_LITERAL_WORDS,
  TIMESPAN_UNITS,
  type Token,
  type TokenKind,
} from "./token.ts";

/** Tokens of a text and the lexical errors found. */
export interface LexResult {
  readonly tokens: Token[];
  readonly diagnostics: KqlDiagnostic[];
}

const C_0 = 48, C_9 = 57, C_UNDERSCORE = 95, C_DOLLAR = 36;

/** First characters that can open a string literal: quotes, `@`, `h`/`H`, and the multi-line fences. */
const STRING_STARTS = new Uint8Array(128);
for (const c of [39, 34, 64, 104, 72, 96, 126]) STRING_STARTS[c] = 1;

function isDigit(c: number): boolean {
  return c >= C_0 && c <= C_9;
}

function isWordStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === C_UNDERSCORE || c === C_DOLLAR || c > 127 &&
      /\p{L}/u.test(String.fromCharCode(c));
}

function isWordPart(c: number): boolean {
  return isWordStart(c) || isDigit(c);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xa0 || c === 0xfeff ||
    c === 0x2028 || c === 0x2029;
}

const ESCAPES: Readonly<Record<string, string>> = {
  n: "\n",
  t: "\t",
  r: "\r",
  "0": "\0",
  "\\": "\\",
  "'": "'",
  '"': '"',
  a: "\x07",
  b: "\b",
  f: "\f",
  v: "\v",
};

/**
 * Split KQL text into tokens.
 *
 * @example
 * ```ts
 * import { lex } from "./lexer.ts";
 * lex("T | where x !has 'a'").tokens.map((t) => t.text); // ["T", "|", "where", "x", "!has", "'a'", ""]
 * ```
 */
export function lex(text: string): LexResult {
  const tokens: Token[] = [];
  const diagnostics: KqlDiagnostic[] = [];
  const n = text.length;
  let i = 0;
  let spaceBefore = false;

  const push = (kind: TokenKind, start: number, end: number, value?: string, lower?: string) => {
    const t = text.slice(start, end);
    // Only words are compared case-insensitively; lower-casing the rest would be wasted work.
    const l = lower ?? (kind === "Identifier" ? t.toLowerCase() : t);
    tokens.push({ kind, text: t, lower: l, start, end, spaceBefore, value });
    spaceBefore = false;
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      spaceBefore = true;
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 47) { // `//` comment to end of line
      while (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
      spaceBefore = true;
      continue;
    }
    const start = i;

    // Strings, with their prefixes: h (obfuscated), @ (verbatim), ``` and ~~~ (multi-line).
    const stringEnd = STRING_STARTS[c] === 1 ? readString(text, i, diagnostics) : undefined;
    if (stringEnd) {
      push("String", start, stringEnd.end, stringEnd.value);
      i = stringEnd.end;
      continue;
    }

    if (isDigit(c)) {
      i = readNumber(text, i, push, diagnostics);
      continue;
    }

    if (isWordStart(c)) {
      let j = i + 1;
      while (j < n && isWordPart(text.charCodeAt(j))) j++;
      let word = text.slice(i, j);
      // Hyphenated operator names: project-away, mv-expand, top-nested, ...
      while (text.charCodeAt(j) === 45 && isWordStart(text.charCodeAt(j + 1))) {
        let k = j + 1;
        while (k < n && isWordPart(text.charCodeAt(k))) k++;
        const combined = `${word}-${text.slice(j + 1, k)}`.toLowerCase();
        if (!HYPHENATED_WORDS.has(combined) && !isHyphenPrefix(combined)) break;
        word = text.slice(i, k);
        j = k;
      }
      // `in~`, `has_any` etc. are plain words; `in~` needs the tilde glued on.
      if (word === "in" && text.charCodeAt(j) === 126) j++;
      if (RAW_LITERAL_WORDS.has(word)) {
        const raw = readRawParenthesized(text, j);
        if (raw) {
          push("TypedLiteral", start, raw.end, raw.content, word);
          i = raw.end;
          continue;
        }
      }
      push("Identifier", start, j);
      i = j;
      continue;
    }

    // `!has`, `!in~`, `!contains_cs`, `!between`, ... are single tokens.
    if (c === 33 && isWordStart(text.charCodeAt(i + 1))) {
      let j = i + 1;
      while (j < n && isWordPart(text.charCodeAt(j))) j++;
      const word = text.slice(i + 1, j);
      if (NEGATABLE_WORDS.has(word.toLowerCase())) {
        if (word === "in" && text.charCodeAt(j) === 126) j++;
        push("Identifier", start, j);
        i = j;
        continue;
      }
    }

    const punct = matchPunctuation(text, i);
    if (punct) {
      push("Punctuation", start, i + punct.length);
      i += punct.length;
      continue;
    }

    // Unknown character (a whole surrogate pair counts as one).
    const width = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
    diagnostics.push(
      syntaxError("unexpectedCharacter", { start, end: start + width }, text.slice(start, start + width)),
    );
    push("Bad", start, start + width);
    i += width;
  }
  push("EndOfText", n, n, undefined, "");
  return { tokens, diagnostics };
}

/** `graph-shortest-paths` is built from three words: accept the partial prefixes while gluing. */
function isHyphenPrefix(partial: string): boolean {
  return partial === "graph-shortest" || partial === "graph-to";
}

/** Punctuation by the code of its first character, longest first, so that matching tries a few candidates. */
const PUNCTUATION_BY_FIRST: (string[] | undefined)[] = [];
for (const p of PUNCTUATION) (PUNCTUATION_BY_FIRST[p.charCodeAt(0)] ??= []).push(p);

function matchPunctuation(text: string, i: number): string | undefined {
  const candidates = PUNCTUATION_BY_FIRST[text.charCodeAt(i)];
  if (!candidates) return undefined;
  for (const p of candidates) {
    if (p.length === 1 || text.startsWith(p, i)) return p;
  }
  return undefined;
}

/** Read a number (and a timespan unit glued to it) starting at `i`; returns the next offset. */
function readNumber(
  text: string,
  i: number,
  push: (kind: TokenKind, start: number, end: number, value?: string) => void,
  diagnostics: KqlDiagnostic[],
): number {
  const n = text.length;
  const start = i;
  if (text.charCodeAt(i) === C_0 && (text[i + 1] === "x" || text[i + 1] === "X")) {
    let j = i + 2;
    while (j < n && /[0-9a-fA-F]/.test(text[j])) j++;
    push("Long", start, j);
    return j;
  }
  let j = i;
  let real = false;
  while (j < n && isDigit(text.charCodeAt(j))) j++;
  // `1.5` and `1.` are reals, but `1..5` stays `1` `..` `5` and `1.day` is not a number.
  const afterDot = text.charCodeAt(j + 1);
  if (text.charCodeAt(j) === 46 && afterDot !== 46 && !isWordStart(afterDot)) {
    real = true;
    j++;
    while (j < n && isDigit(text.charCodeAt(j))) j++;
  }
  const e = text.charCodeAt(j);
  if (e === 101 || e === 69) {
    let k = j + 1;
    if (text[k] === "+" || text[k] === "-") k++;
    if (isDigit(text.charCodeAt(k))) {
      real = true;
      while (k < n && isDigit(text.charCodeAt(k))) k++;
      j = k;
    }
  }
  if (isWordStart(text.charCodeAt(j))) {
    let k = j;
    while (k < n && isWordPart(text.charCodeAt(k))) k++;
    const unit = text.slice(j, k).toLowerCase();
    if (unit in TIMESPAN_UNITS) {
      push("Timespan", start, k);
    } else {
      diagnostics.push(syntaxError("invalidLiteral", { start, end: k }, "number", text.slice(start, k)));
      push("Bad", start, k);
    }
    return k;
  }
  push(real ? "Real" : "Long", start, j);
  return j;
}

/** Read `( raw )` after `datetime`, `time`, `guid`...; undefined when there is no `(` or no `)` on the line. */
function readRawParenthesized(text: string, i: number): { content: string; end: number } | undefined {
  let j = i;
  while (j < text.length && (text[j] === " " || text[j] === "\t")) j++;
  if (text[j] !== "(") return undefined;
  const close = text.indexOf(")", j + 1);
  if (close < 0) return undefined;
  const content = text.slice(j + 1, close);
  // Quotes, nested parentheses or line breaks mean it is not a plain literal: let the parser see real tokens.
  if (/[()'"\n\r]/.test(content)) return undefined;
  return { content: content.trim(), end: close + 1 };
}

/** Read a string literal of any form at `i`; undefined when no string starts there. */
function readString(
  text: string,
  i: number,
  diagnostics: KqlDiagnostic[],
): { end: number; value: string } | undefined {
  let j = i;
  const c = text[j];
  // h"..." / H'...' / h@"..." obfuscated strings: same content rules, only hidden from logs.
  if ((c === "h" || c === "H") && (text[j + 1] === "'" || text[j + 1] === '"' || text[j + 1] === "@")) {
    if (text[j + 1] === "@" && text[j + 2] !== "'" && text[j + 2] !== '"') return undefined;
    j++;
  }
  if (text[j] === "@" && (text[j + 1] === "'" || text[j + 1] === '"')) {
    const quote = text[j + 1];
    let k = j + 2;
    let value = "";
    while (k < text.length) {
      const ch = text[k];
      if (ch === quote) {
        if (text[k + 1] === quote) {
          value += quote;
          k += 2;
          continue;
        }
        return { end: k + 1, value };
      }
      if (ch === "\n" || ch === "\r") break;
      value += ch;
      k++;
    }
    diagnostics.push(syntaxError("unterminatedString", { start: i, end: k }));
    return { end: k, value };
  }
  if (text.startsWith("```", j) || text.startsWith("~~~", j)) {
    const fence = text.slice(j, j + 3);
    const close = text.indexOf(fence, j + 3);
    if (close < 0) {
      diagnostics.push(syntaxError("unterminatedComment", { start: i, end: text.length }));
      return { end: text.length, value: text.slice(j + 3) };
    }
    return { end: close + 3, value: text.slice(j + 3, close) };
  }
  const quote = text[j];
  if (quote !== "'" && quote !== '"') return undefined;
  // Fast path: most strings have no escapes, so their value is a plain slice.
  const close = text.indexOf(quote, j + 1);
  if (close > 0) {
    const body = text.slice(j + 1, close);
    if (!body.includes("\\") && !body.includes("\n") && !body.includes("\r")) {
      return { end: close + 1, value: body };
    }
  }
  let k = j + 1;
  let value = "";
  while (k < text.length) {
    const ch = text[k];
    if (ch === quote) return { end: k + 1, value };
    if (ch === "\n" || ch === "\r") break;
    if (ch === "\\") {
      const next = text[k + 1];
      if (next === undefined) break;
      if (next in ESCAPES) {
        value += ESCAPES[next];
        k += 2;
        continue;
      }
      if (next === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(k + 2, k + 6))) {
        value += String.fromCharCode(parseInt(text.slice(k + 2, k + 6), 16));
        k += 6;
        continue;
      }
      if (next === "x" && /^[0-9a-fA-F]{2}$/.test(text.slice(k + 2, k + 4))) {
        value += String.fromCharCode(parseInt(text.slice(k + 2, k + 4), 16));
        k += 4;
        continue;
      }
      if (next === "U" && /^[0-9a-fA-F]{8}$/.test(text.slice(k + 2, k + 10))) {
        value += String.fromCodePoint(Math.min(parseInt(text.slice(k + 2, k + 10), 16), 0x10ffff));
        k += 10;
        continue;
      }
      // Kusto rejects other escapes such as `\d`: regexes belong in verbatim strings (@"\d").
      diagnostics.push(syntaxError("invalidEscape", { start: k, end: k + 2 }, ch + next));
      value += next;
      k += 2;
      continue;
    }
    value += ch;
    k++;
  }
  diagnostics.push(syntaxError("unterminatedString", { start: i, end: k }));
  return { end: k, value };
}
