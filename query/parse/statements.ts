/**
 * Statements: the query as `;`-separated statements, `let` (values and function definitions),
 * `declare query_parameters(...)` and `set`.
 */
import type {
  ColumnDeclarationNode,
  ExpressionNode,
  FunctionDefinitionNode,
  NameNode,
  ParameterNode,
  StatementNode,
  TypeNode,
} from "../syntax/ast.ts";
import { RESERVED_AS_LET_NAME } from "../syntax/keywords.ts";
import type { Cursor } from "./_cursor.ts";
import {
  isNameToken,
  parseCommaList,
  parseExpression,
  parseName,
  parseScalar,
  parseScalarType,
} from "./expressions.ts";
import { skipToOperatorEnd } from "./operators.ts";
import { parseColumnDeclaration } from "./primary.ts";

/**
 * Statements up to the end of the text (or up to `}` inside a function body). Every iteration consumes at least
 * one token, so this always terminates.
 */
export function parseStatements(p: Cursor, inBody: boolean): StatementNode[] {
  const statements: StatementNode[] = [];
  const atStop = () => p.atEnd || (inBody && p.isPunct("}"));
  while (!atStop()) {
    if (p.isPunct(";")) {
      // Kusto has no empty statements: `;;` and a leading `;` are errors.
      p.error("emptyStatement", p.tokenSpan());
      p.next();
      continue;
    }
    const before = p.pos;
    statements.push(parseStatement(p));
    if (atStop() || p.acceptPunct(";")) continue;
    p.error("unexpectedToken", p.tokenSpan(), p.token.text);
    // Skip the rest of the broken statement (stray `|` and closing brackets included) and its `;`, so that one
    // mistake gives one diagnostic and parsing resumes at the next statement.
    while (!atStop() && !p.isPunct(";")) {
      skipToOperatorEnd(p);
      if (!atStop() && !p.isPunct(";")) p.next();
    }
    p.acceptPunct(";");
    if (p.pos === before) p.next();
  }
  return statements;
}

function parseStatement(p: Cursor): StatementNode {
  const start = p.token.start;
  if (p.isWord("let") && (isNameToken(p.peek(1)) || p.isPunct("[", 1))) {
    p.next();
    if (RESERVED_AS_LET_NAME.has(p.token.text)) p.error("reservedName", p.tokenSpan(), p.token.text);
    const name = parseName(p);
    p.expectPunct("=");
    const value = atFunctionDefinition(p) ? parseFunctionDefinition(p) : parseExpression(p);
    return { kind: "LetStatement", name, value, span: p.spanFrom(start) };
  }
  if (p.isWord("declare") && p.isWord("query_parameters", 1)) {
    p.next();
    p.next();
    const parameters = parseParameterList(p);
    return { kind: "DeclareQueryParametersStatement", parameters, span: p.spanFrom(start) };
  }
  if (p.isWord("set") && atSetOption(p)) {
    p.next();
    const name = parseDottedName(p);
    const value: ExpressionNode | undefined = p.acceptPunct("=") ? parseScalar(p) : undefined;
    return { kind: "SetStatement", name, value, span: p.spanFrom(start) };
  }
  const expression = parseExpression(p);
  return { kind: "ExpressionStatement", expression, span: p.spanFrom(start) };
}

/** `set name [= value]`: a name (possibly dotted) followed by `=`, `;` or the end. */
function atSetOption(p: Cursor): boolean {
  let k = 1;
  if (!isNameToken(p.peek(k))) return false;
  k++;
  while (p.isPunct(".", k) && isNameToken(p.peek(k + 1))) k += 2;
  const t = p.peek(k);
  return t.kind === "EndOfText" || p.isPunct("=", k) || p.isPunct(";", k);
}

function parseDottedName(p: Cursor): NameNode {
  const first = parseName(p);
  let name = first.name;
  while (p.isPunct(".") && isNameToken(p.peek(1))) {
    p.next();
    name += "." + p.next().text;
  }
  return { kind: "Name", name, bracketed: false, span: p.spanFrom(first.span.start) };
}

/** `(` `)` `{`, `(name:`, or `view (`: a function definition rather than a parenthesised expression. */
function atFunctionDefinition(p: Cursor): boolean {
  if (p.isWord("view") && p.isPunct("(", 1)) return true;
  if (!p.isPunct("(")) return false;
  if (p.isPunct(")", 1)) return p.isPunct("{", 2);
  return isNameToken(p.peek(1)) && p.isPunct(":", 2);
}

function parseFunctionDefinition(p: Cursor): FunctionDefinitionNode {
  const start = p.token.start;
  const isView = !!p.acceptWord("view");
  const parameters = parseParameterList(p);
  let body: StatementNode[] = [];
  if (p.expectPunct("{")) {
    if (p.enter()) {
      try {
        body = parseStatements(p, true);
      } finally {
        p.leave();
      }
    }
    p.expectPunct("}");
  }
  return { kind: "FunctionDefinition", parameters, body, isView, span: p.spanFrom(start) };
}

/** `( name:type [= default], ... )`. */
function parseParameterList(p: Cursor): ParameterNode[] {
  if (!p.expectPunct("(")) return [];
  const parameters = p.isPunct(")") ? [] : parseCommaList(p, parseParameter);
  p.expectPunct(")");
  return parameters;
}

function parseParameter(p: Cursor): ParameterNode {
  const start = p.token.start;
  const name = parseName(p);
  p.expectPunct(":");
  const type = parseType(p);
  const defaultValue = p.acceptPunct("=") ? parseScalar(p) : undefined;
  return { kind: "Parameter", name, type, defaultValue, span: p.spanFrom(start) };
}

/** A scalar type, or a tabular type `(*)`, `(a:string, b:long)`, `(a:string, *)`. */
function parseType(p: Cursor): TypeNode {
  const start = p.token.start;
  if (!p.acceptPunct("(")) return parseScalarType(p);
  const columns: ColumnDeclarationNode[] = [];
  let open = false;
  while (!p.isPunct(")") && !p.atEnd) {
    const before = p.pos;
    if (p.acceptPunct("*")) open = true;
    else columns.push(parseColumnDeclaration(p));
    if (!p.acceptPunct(",") || p.pos === before) break;
  }
  p.expectPunct(")");
  return { kind: "TabularType", columns, open, span: p.spanFrom(start) };
}
