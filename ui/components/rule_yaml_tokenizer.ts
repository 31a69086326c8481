/**
 * Highlighting for analytic-rule YAML: keys, strings, numbers and comments, and the KQL of a `query: |` block
 * coloured as KQL. Like the KQL tokenizer it only colours, never throws, and covers every character.
 */
import { type KqlToken, type KqlTokenKind, tokenizeKql } from "./kql_tokenizer.ts";

/**
 * Split rule YAML into tokens covering every character.
 *
 * @param text the YAML
 * @returns the tokens, in order, without gaps
 */
export function tokenizeRuleYaml(text: string): KqlToken[] {
  const tokens: KqlToken[] = [];
  const push = (kind: KqlTokenKind, start: number, end: number) => {
    if (end > start) tokens.push({ kind, start, end });
  };
  let offset = 0;
  // Indentation of the `query:` key whose block scalar is being read, or -1.
  let blockIndent = -1;
  let queryBlock = false;
  while (offset < text.length) {
    const newline = text.indexOf("\n", offset);
    const end = newline === -1 ? text.length : newline + 1;
    const line = text.slice(offset, end);
    const indent = line.length - line.trimStart().length;
    const blank = line.trim() === "";
    if (blockIndent >= 0 && (blank || indent > blockIndent)) {
      if (queryBlock) {
        for (const t of tokenizeKql(line)) push(t.kind, offset + t.start, offset + t.end);
      } else push("string", offset, end);
      offset = end;
      continue;
    }
    blockIndent = -1;
    const key = /^(\s*(?:-\s+)?)([A-Za-z_][\w.-]*)(\s*:)(?=\s|$)/.exec(line);
    let rest = 0;
    if (key) {
      push("space", offset, offset + key[1].length);
      push("keyword", offset + key[1].length, offset + key[1].length + key[2].length);
      push("punctuation", offset + key[1].length + key[2].length, offset + key[0].length);
      rest = key[0].length;
      const value = line.slice(rest).trim();
      if (/^[|>][-+]?\d*$/.test(value.replace(/\s+#.*$/, ""))) {
        blockIndent = key[1].length;
        queryBlock = key[2] === "query";
      } else if (key[2] === "query" && value !== "") {
        const lead = line.length - line.slice(rest).trimStart().length;
        push("space", offset + rest, offset + lead);
        for (const t of tokenizeKql(line.slice(lead))) {
          push(t.kind, offset + lead + t.start, offset + lead + t.end);
        }
        offset = end;
        continue;
      }
    }
    scalarTokens(line, rest, (kind, s, e) => push(kind, offset + s, offset + e));
    offset = end;
  }
  return tokens;
}

/** The value part of a line: comment, quoted string, number, or plain text. */
function scalarTokens(
  line: string,
  from: number,
  push: (kind: KqlTokenKind, s: number, e: number) => void,
): void {
  let i = from;
  while (i < line.length) {
    const c = line[i];
    if (/\s/.test(c)) {
      let j = i + 1;
      while (j < line.length && /\s/.test(line[j])) j++;
      push("space", i, j);
      i = j;
    } else if (c === "#") {
      const stop = line.endsWith("\n") ? line.length - 1 : line.length;
      push("comment", i, stop);
      i = stop;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < line.length && line[j] !== c && line[j] !== "\n") j += line[j] === "\\" && c === '"' ? 2 : 1;
      j = Math.min(line.length, j + 1);
      push("string", i, j);
      i = j;
    } else if (/[-[\]{},:]/.test(c) && !/[\w]/.test(line[i + 1] ?? "")) {
      push("punctuation", i, i + 1);
      i++;
    } else {
      let j = i + 1;
      while (j < line.length && !/[\s#,[\]{}]/.test(line[j])) j++;
      const word = line.slice(i, j);
      push(
        /^-?\d+(\.\d+)?$/.test(word) ? "number" : /^(true|false|null)$/.test(word) ? "keyword" : "string",
        i,
        j,
      );
      i = j;
    }
  }
}
