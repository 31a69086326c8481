/**
 * The parser's shared state: token cursor, diagnostics and nesting depth. Private to `query/parse/`.
 */
import type { KqlDiagnostic, Span } from "../diagnostics/diagnostic.ts";
import { SYNTAX_CODES, type SyntaxCodeName, syntaxError } from "../diagnostics/syntax_codes.ts";
import type { Token } from "../syntax/token.ts";

/** How deeply expressions and sub-queries may nest before the parser gives up (KQL1010). */
export const MAX_DEPTH = 150;

/** A cursor over tokens that collects diagnostics. */
export class Cursor {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly diagnostics: KqlDiagnostic[];
  pos = 0;
  depth = 0;
  /** Set while parsing a `search`/`find` predicate, where `Column:"term"` is allowed. */
  searchMode = false;
  #lastErrorAt = -1;
  #tooDeep = false;

  constructor(text: string, tokens: readonly Token[], diagnostics: KqlDiagnostic[]) {
    this.text = text;
    this.tokens = tokens;
    this.diagnostics = diagnostics;
  }

  /** The current token. */
  get token(): Token {
    return this.tokens[this.pos];
  }

  /** The token `k` places ahead (the end token when past the end). */
  peek(k = 1): Token {
    return this.tokens[Math.min(this.pos + k, this.tokens.length - 1)];
  }

  /** End offset of the last consumed token (start of the text when nothing was consumed). */
  get prevEnd(): number {
    return this.pos > 0 ? this.tokens[this.pos - 1].end : 0;
  }

  get atEnd(): boolean {
    return this.token.kind === "EndOfText";
  }

  /** Consume and return the current token (never moves past the end token). */
  next(): Token {
    const t = this.token;
    if (t.kind !== "EndOfText") this.pos++;
    return t;
  }

  /** Whether the current token is punctuation `p`. */
  isPunct(p: string, k = 0): boolean {
    const t = k === 0 ? this.token : this.peek(k);
    return t.kind === "Punctuation" && t.text === p;
  }

  /** Whether the current (or k-th next) token is the word `w` (case-insensitive). */
  isWord(w: string, k = 0): boolean {
    const t = k === 0 ? this.token : this.peek(k);
    return t.kind === "Identifier" && t.lower === w;
  }

  /** Consume punctuation `p` if present. */
  acceptPunct(p: string): Token | undefined {
    return this.isPunct(p) ? this.next() : undefined;
  }

  /** Consume the word `w` if present. */
  acceptWord(w: string): Token | undefined {
    return this.isWord(w) ? this.next() : undefined;
  }

  /** Consume punctuation `p`, or report `Expected 'p'` at the current token. */
  expectPunct(p: string): boolean {
    if (this.acceptPunct(p)) return true;
    this.error("expectedToken", this.tokenSpan(), p);
    return false;
  }

  /** Consume the word `w`, or report `Expected 'w'` at the current token. */
  expectWord(w: string): boolean {
    if (this.acceptWord(w)) return true;
    this.error("expectedToken", this.tokenSpan(), w);
    return false;
  }

  /** Span of the current token; at the end, an empty span at the end of the text. */
  tokenSpan(): Span {
    return { start: this.token.start, end: this.token.end };
  }

  /** Span from `start` to the end of the last consumed token. */
  spanFrom(start: number): Span {
    return { start, end: Math.max(start, this.prevEnd) };
  }

  /**
   * Report a diagnostic. Only the first error at a given offset is kept: a missing token usually causes a cascade
   * of follow-on complaints at the same place, and only the first is useful.
   */
  error<N extends SyntaxCodeName>(
    name: N,
    span: Span,
    ...args: Parameters<typeof SYNTAX_CODES[N]["message"]>
  ): void {
    if (span.start === this.#lastErrorAt) return;
    // The lexer has already reported a bad token; complaining about it again adds nothing.
    if (this.token.kind === "Bad" && span.start === this.token.start) return;
    this.#lastErrorAt = span.start;
    this.diagnostics.push(syntaxError(name, span, ...args));
  }

  /**
   * Enter one nesting level. Past {@link MAX_DEPTH} it reports KQL1010 once, skips to the end of the text so that
   * every caller unwinds quickly, and returns false.
   */
  enter(): boolean {
    if (this.#tooDeep) return false;
    if (this.depth >= MAX_DEPTH) {
      this.#tooDeep = true;
      this.diagnostics.push(syntaxError("tooDeep", this.tokenSpan()));
      this.#lastErrorAt = this.token.start;
      this.pos = this.tokens.length - 1;
      return false;
    }
    this.depth++;
    return true;
  }

  leave(): void {
    this.depth--;
  }

  /** Whether the token ends an operator or expression list (`|`, `;`, `)`, `]`, `}`, end). */
  atListEnd(): boolean {
    const t = this.token;
    if (t.kind === "EndOfText") return true;
    return t.kind === "Punctuation" &&
      (t.text === "|" || t.text === ";" || t.text === ")" || t.text === "]" ||
        t.text === "}");
  }
}
