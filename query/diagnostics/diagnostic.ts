/**
 * A KQL diagnostic: what every phase (parse, bind, plan, SQL) reports instead of throwing.
 * Codes are stable and grouped by phase: KQL1xxx syntax, KQL2xxx binding, KQL3xxx unsupported in a back end
 * or not incremental. Each phase keeps its codes in one catalogue file in this folder.
 */

/** A half-open range of UTF-16 offsets into the query text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** How bad a diagnostic is. */
export type Severity = "error" | "warning";

/** One problem found in a query. */
export interface KqlDiagnostic {
  readonly code: string;
  readonly severity: Severity;
  /** Sentence case, no final period, quotes values, e.g. `Unknown column 'Acount'`. */
  readonly message: string;
  readonly span: Span;
  /**
   * Set when the problem lies in the body of a stored function the query calls: the function and the
   * position in its own text. `span` then points at the call in the query.
   */
  readonly origin?: DiagnosticOrigin;
}

/** Where, inside a stored function, a diagnostic was found (1-based; line 0 = the parameter list). */
export interface DiagnosticOrigin {
  readonly function: string;
  readonly line: number;
  readonly column: number;
}

/** A 1-based line and column, as the CLI and HTTP APIs report them. */
export interface LineColumn {
  readonly line: number;
  readonly column: number;
}

/**
 * Convert a UTF-16 offset into a 1-based line and column (`\n`, `\r\n` and `\r` end lines).
 *
 * @example
 * ```ts
 * import { lineColumnAt } from "./diagnostic.ts";
 * lineColumnAt("T\n| where x", 4); // { line: 2, column: 3 }
 * ```
 */
export function lineColumnAt(text: string, offset: number): LineColumn {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** The error shape of CONTRACTS.md section 6: `{message, line, column}`. */
export function toPublicError(text: string, diagnostic: KqlDiagnostic): { message: string } & LineColumn {
  return { message: diagnostic.message, ...lineColumnAt(text, diagnostic.span.start) };
}
