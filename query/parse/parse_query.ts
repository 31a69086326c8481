/**
 * The parser's entry point: text to a syntax tree plus syntax diagnostics.
 */
import type { KqlDiagnostic } from "../diagnostics/diagnostic.ts";
import type { QueryNode } from "../syntax/ast.ts";
import { lex } from "../syntax/lexer.ts";
import { Cursor } from "./_cursor.ts";
import { parseStatements } from "./statements.ts";

/** A parsed query: always a complete tree, plus the problems found (empty when the query is well formed). */
export interface ParseResult {
  readonly query: QueryNode;
  readonly diagnostics: KqlDiagnostic[];
}

/**
 * Parse a KQL query. Never throws: syntax errors become KQL1xxx diagnostics with the span of the offending
 * token, and missing pieces become error nodes in the tree.
 *
 * @example
 * ```ts
 * import { parseQuery } from "./parse_query.ts";
 * const { query, diagnostics } = parseQuery("SigninLogs | where ResultType != 0 | take 10");
 * query.statements.length; // 1
 * diagnostics.length; // 0
 * ```
 */
export function parseQuery(text: string): ParseResult {
  const { tokens, diagnostics } = lex(text);
  const cursor = new Cursor(text, tokens, diagnostics);
  const statements = parseStatements(cursor, false);
  diagnostics.sort((a, b) => a.span.start - b.span.start);
  return { query: { kind: "Query", statements, span: { start: 0, end: text.length } }, diagnostics };
}
