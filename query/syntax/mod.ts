/**
 * KQL syntax: token kinds, the lexer, the syntax tree node types and the printer (tree back to KQL text).
 * The parser that builds the tree is in `query/parse/`.
 *
 * @example
 * ```ts
 * import { lex } from "./mod.ts";
 * const { tokens } = lex("T | take 10");
 * console.log(tokens.map((t) => t.kind)); // ["Identifier", "Punctuation", "Identifier", "Long", "EndOfText"]
 * ```
 *
 * @module
 */
export type * from "./ast.ts";
export { BINARY_OPERATORS } from "./ast.ts";
export { type Token, TOKEN_KINDS, type TokenKind } from "./token.ts";
export { lex, type LexResult } from "./lexer.ts";
export { printKql } from "./printer.ts";
export { forEachDescendant } from "./for_each_descendant.ts";
export { RESERVED_IN_EXPRESSIONS, TYPE_NAMES } from "./keywords.ts";
