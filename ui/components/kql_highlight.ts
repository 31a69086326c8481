/**
 * From tokens and error positions to the pieces of the highlighted copy behind an editor's text area: each piece
 * has one colour and says whether it lies under an error. Positions come from the server as 1-based line and
 * column (UTF-16 units), as `POST /api/v1/query` and the rule validation report them.
 */
import type { KqlToken, KqlTokenKind } from "./kql_tokenizer.ts";

/** A diagnostic as the API reports it. */
export interface EditorProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** A piece of the highlighted text. */
export interface HighlightSegment {
  readonly text: string;
  readonly kind: KqlTokenKind;
  readonly error: boolean;
}

/**
 * The offset of a 1-based line and column (lines end at `\n`, `\r\n` or `\r`, as the server counts them).
 *
 * @param text the text
 * @param line 1-based line
 * @param column 1-based column
 * @returns the offset, clamped to the text
 */
export function offsetAt(text: string, line: number, column: number): number {
  let current = 1;
  let i = 0;
  while (current < line && i < text.length) {
    const c = text[i];
    i++;
    if (c === "\n" || (c === "\r" && text[i] !== "\n")) current++;
  }
  if (current < line) return text.length;
  let lineEnd = i;
  while (lineEnd < text.length && text[lineEnd] !== "\n" && text[lineEnd] !== "\r") lineEnd++;
  return Math.min(i + Math.max(column, 1) - 1, lineEnd);
}

/**
 * The range to underline for a problem: the token it points at (at least one character; at the end of a line or
 * of the text, the character before, so that "unexpected end" is still visible).
 *
 * @param text the text
 * @param tokens its tokens
 * @param problem the position
 * @returns `[start, end)`, empty only for an empty text
 */
export function problemRange(
  text: string,
  tokens: readonly KqlToken[],
  problem: { line: number; column: number },
): [number, number] {
  let at = offsetAt(text, problem.line, problem.column);
  if (text.length === 0) return [0, 0];
  if (at >= text.length || text[at] === "\n" || text[at] === "\r") at = Math.max(0, at - 1);
  const token = tokens.find((t) => t.start <= at && at < t.end);
  if (!token || token.kind === "space" || token.end - token.start > 80) return [at, at + 1];
  return [token.start, token.end];
}

/**
 * Cut the tokens into segments at the edges of the error ranges.
 *
 * @param text the text
 * @param tokens its tokens (covering it without gaps)
 * @param errors ranges `[start, end)` to mark
 * @returns the segments, in order
 */
export function highlightSegments(
  text: string,
  tokens: readonly KqlToken[],
  errors: readonly (readonly [number, number])[],
): HighlightSegment[] {
  const cuts = new Set<number>();
  for (const [s, e] of errors) cuts.add(s).add(e);
  const inError = (offset: number) => errors.some(([s, e]) => s <= offset && offset < e);
  const out: HighlightSegment[] = [];
  for (const token of tokens) {
    let start = token.start;
    const edges = [...cuts].filter((c) => c > token.start && c < token.end).sort((a, b) => a - b);
    for (const edge of [...edges, token.end]) {
      out.push({ text: text.slice(start, edge), kind: token.kind, error: inError(start) });
      start = edge;
    }
  }
  return out;
}
