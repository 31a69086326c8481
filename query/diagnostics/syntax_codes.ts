/**
 * The catalogue of syntax diagnostics (KQL1xxx). Codes are stable: tests and users match on them. Messages follow
 * Kusto's wording where it has one, in sentence case without a final period, with values quoted.
 */
import type { KqlDiagnostic, Span } from "./diagnostic.ts";

/** Every syntax diagnostic: code and message builder. */
export const SYNTAX_CODES = {
  unexpectedCharacter: { code: "KQL1001", message: (text: string) => `Unexpected character '${text}'` },
  unterminatedString: { code: "KQL1002", message: () => "Unterminated string literal" },
  expectedToken: { code: "KQL1003", message: (text: string) => `Expected '${text}'` },
  expectedExpression: { code: "KQL1004", message: () => "Expected an expression" },
  unknownOperator: { code: "KQL1005", message: (text: string) => `Unknown query operator '${text}'` },
  expectedOperator: { code: "KQL1006", message: () => "Expected a query operator after '|'" },
  expectedName: { code: "KQL1007", message: () => "Expected a name" },
  invalidLiteral: {
    code: "KQL1008",
    message: (type: string, text: string) => `Invalid ${type} literal '${text}'`,
  },
  expectedType: { code: "KQL1009", message: () => "Expected a type name" },
  tooDeep: { code: "KQL1010", message: () => "Query is nested too deeply" },
  unexpectedToken: { code: "KQL1011", message: (text: string) => `Unexpected '${text}'` },
  invalidParameterValue: {
    code: "KQL1012",
    message: (name: string, text: string) => `Invalid value '${text}' for '${name}'`,
  },
  unterminatedComment: { code: "KQL1013", message: () => "Unterminated multi-line string" },
  expectedStatement: { code: "KQL1014", message: () => "Expected a statement" },
  expectedStringLiteral: { code: "KQL1015", message: () => "Expected a string literal" },
  reservedName: {
    code: "KQL1016",
    message: (name: string) => `The name '${name}' needs to be bracketed as ['${name}'] to be used here`,
  },
  invalidEscape: { code: "KQL1017", message: (text: string) => `Invalid escape sequence '${text}'` },
  emptyStatement: { code: "KQL1018", message: () => "Expected a statement before ';'" },
  invalidDynamic: {
    code: "KQL1019",
    message: (text: string) => `Expected a JSON value in dynamic(), found '${text}'`,
  },
} as const;

/** The name of one catalogue entry. */
export type SyntaxCodeName = keyof typeof SYNTAX_CODES;

/**
 * Build a syntax error diagnostic from a catalogue entry.
 *
 * @example
 * ```ts
 * import { syntaxError } from "./syntax_codes.ts";
 * syntaxError("expectedToken", { start: 3, end: 4 }, ")"); // code KQL1003, message "Expected ')'"
 * ```
 */
export function syntaxError<N extends SyntaxCodeName>(
  name: N,
  span: Span,
  ...args: Parameters<typeof SYNTAX_CODES[N]["message"]>
): KqlDiagnostic {
  const entry = SYNTAX_CODES[name];
  const message = (entry.message as (...a: string[]) => string)(...(args as string[]));
  return { code: entry.code, severity: "error", message, span };
}
