/**
 * Expressions: the pipe, binary operators by KQL precedence, unary and postfix forms, named expressions and the
 * small shared pieces (names, types, comma lists). Primary expressions live in primary.ts, operators in
 * operators*.ts.
 */
import type {
  BinaryOperator,
  ExpressionNode,
  InOperator,
  NameNode,
  QueryOperatorNode,
  ScalarTypeNode,
} from "../syntax/ast.ts";
import type { Token } from "../syntax/token.ts";
import { RESERVED_AS_ASSIGNMENT_TARGET, TYPE_NAMES } from "../syntax/keywords.ts";
import type { Cursor } from "./_cursor.ts";
import { parseLeadingOperator, parseQueryOperator } from "./operators.ts";
import { parsePrimary } from "./primary.ts";

/**
 * Precedence levels, loosest first, as Kusto's parser has them (measured against it, see
 * tests/kql_parse_differential_test.ts). String operators (`has`, `contains`, `=~`, `matches regex`, ...) bind
 * tighter than arithmetic: `a has b + c has d` reads `(a has b) + (c has d)`. The equality, relational and
 * string levels do not chain: `a == b == c` and `a has b has c` are errors, and nothing but `and`/`or` may follow
 * `in (...)` or `between (...)`.
 */
const OR = 1, AND = 2, EQUALITY = 3, RELATIONAL = 4, ADDITIVE = 5, MULTIPLICATIVE = 6, STRING = 7;

/** Levels whose operators do not associate. */
const NON_ASSOCIATIVE: ReadonlySet<number> = new Set([STRING, EQUALITY, RELATIONAL]);

/** Word operators at the comparison level, as lower-cased token text. */
const WORD_OPERATORS: ReadonlySet<string> = new Set([
  "has",
  "!has",
  "has_cs",
  "!has_cs",
  "hasprefix",
  "!hasprefix",
  "hasprefix_cs",
  "!hasprefix_cs",
  "hassuffix",
  "!hassuffix",
  "hassuffix_cs",
  "!hassuffix_cs",
  "contains",
  "!contains",
  "contains_cs",
  "!contains_cs",
  "containscs",
  "!containscs",
  "startswith",
  "!startswith",
  "startswith_cs",
  "!startswith_cs",
  "endswith",
  "!endswith",
  "endswith_cs",
  "!endswith_cs",
  "like",
  "notlike",
  "likecs",
  "notlikecs",
]);

const IN_OPERATORS: ReadonlySet<string> = new Set([
  "in",
  "!in",
  "in~",
  "!in~",
  "has_any",
  "has_all",
]);

const PUNCT_LEVELS: Readonly<Record<string, number>> = {
  "==": EQUALITY,
  "!=": EQUALITY,
  "<>": EQUALITY,
  "=~": STRING,
  "!~": STRING,
  "<": RELATIONAL,
  "<=": RELATIONAL,
  ">": RELATIONAL,
  ">=": RELATIONAL,
  "+": ADDITIVE,
  "-": ADDITIVE,
  "*": MULTIPLICATIVE,
  "/": MULTIPLICATIVE,
  "%": MULTIPLICATIVE,
};

/** Whether a token can be a plain name (words such as `!has` and `in~` cannot). */
export function isNameToken(t: Token): boolean {
  if (t.kind !== "Identifier") return false;
  const c = t.text.charCodeAt(0);
  return c !== 33 && !t.text.endsWith("~");
}

/** An error placeholder at the current token, with an "Expected an expression" diagnostic. */
export function errorExpression(p: Cursor): ExpressionNode {
  const span = p.tokenSpan();
  p.error("expectedExpression", span);
  return { kind: "ErrorExpression", span: { start: span.start, end: span.start } };
}

/**
 * A full expression: a scalar, a tabular source, or a pipe `source | op | op`. Leading operators (`union`,
 * `range`, `print`, `search`, `find`, `evaluate`) may start it.
 */
export function parseExpression(p: Cursor): ExpressionNode {
  if (!p.enter()) return { kind: "ErrorExpression", span: { start: p.prevEnd, end: p.prevEnd } };
  try {
    const start = p.token.start;
    const source = parseLeadingOperator(p) ?? parseScalar(p);
    if (!p.isPunct("|")) return source;
    const operators: QueryOperatorNode[] = [];
    while (p.acceptPunct("|")) operators.push(parseQueryOperator(p));
    return { kind: "Pipe", source, operators, span: p.spanFrom(start) };
  } finally {
    p.leave();
  }
}

/** A scalar expression (no pipe): `a or b and c == d + e`. */
export function parseScalar(p: Cursor): ExpressionNode {
  return parseBinary(p, OR);
}

/** A scalar expression at additive level or tighter (make-series axis, where `in` and `from` follow). */
export function parseAdditive(p: Cursor): ExpressionNode {
  return parseBinary(p, ADDITIVE);
}

interface BinaryInfo {
  readonly level: number;
  readonly operator: string;
  /** How many tokens the operator spans (`matches regex` is two). */
  readonly width: number;
}

function binaryInfo(p: Cursor): BinaryInfo | undefined {
  const t = p.token;
  if (t.kind === "Punctuation") {
    const level = PUNCT_LEVELS[t.text];
    if (level !== undefined) return { level, operator: t.text, width: 1 };
    if (t.text === ":" && p.searchMode) return { level: STRING, operator: ":", width: 1 };
    return undefined;
  }
  if (t.kind !== "Identifier") return undefined;
  const w = t.lower;
  if (w === "or") return { level: OR, operator: w, width: 1 };
  if (w === "and") return { level: AND, operator: w, width: 1 };
  if (WORD_OPERATORS.has(w)) return { level: STRING, operator: w, width: 1 };
  if (IN_OPERATORS.has(w) || w === "between" || w === "!between") {
    return { level: EQUALITY, operator: w, width: 1 };
  }
  if (w === "matches" && p.isWord("regex", 1)) return { level: STRING, operator: "matches regex", width: 2 };
  return undefined;
}

function parseBinary(p: Cursor, minLevel: number): ExpressionNode {
  const start = p.token.start;
  let left = parseUnary(p);
  let ceiling = STRING;
  for (;;) {
    const info = binaryInfo(p);
    if (!info || info.level < minLevel || info.level > ceiling) return left;
    for (let i = 0; i < info.width; i++) p.next();
    if (IN_OPERATORS.has(info.operator)) {
      const values = parseParenthesizedList(p);
      left = { kind: "In", operator: info.operator as InOperator, left, values, span: p.spanFrom(start) };
      ceiling = AND;
    } else if (info.operator === "between" || info.operator === "!between") {
      left = parseBetweenRest(p, left, start, info.operator === "!between");
      ceiling = AND;
    } else {
      const right = parseBinary(p, info.level + 1);
      left = {
        kind: "Binary",
        operator: info.operator as BinaryOperator,
        left,
        right,
        span: p.spanFrom(start),
      };
      ceiling = NON_ASSOCIATIVE.has(info.level) ? info.level - 1 : info.level;
    }
  }
}

function parseBetweenRest(p: Cursor, left: ExpressionNode, start: number, negated: boolean): ExpressionNode {
  p.expectPunct("(");
  const low = parseScalar(p);
  p.expectPunct("..");
  const high = parseScalar(p);
  p.expectPunct(")");
  return { kind: "Between", negated, left, low, high, span: p.spanFrom(start) };
}

/** `( e, e, ... )` where each element may be a pipe (`x in (T | project y)`). */
export function parseParenthesizedList(p: Cursor): ExpressionNode[] {
  if (!p.expectPunct("(")) return [errorExpression(p)];
  const values = parseCommaList(p, parseExpression);
  p.expectPunct(")");
  return values;
}

function parseUnary(p: Cursor): ExpressionNode {
  const t = p.token;
  if (t.kind === "Punctuation" && (t.text === "-" || t.text === "+")) {
    // One sign only, as in Kusto: `- -x` is an error, `-(-x)` is not.
    p.next();
    const operand = parsePostfix(p);
    return { kind: "Unary", operator: t.text, operand, span: p.spanFrom(t.start) };
  }
  return parsePostfix(p);
}

/** A primary expression followed by `.member` and `[index]` accesses. */
export function parsePostfix(p: Cursor): ExpressionNode {
  const start = p.token.start;
  let target = parsePrimary(p);
  for (;;) {
    if (p.isPunct(".") && p.isPunct("[", 1) && p.peek(2).kind !== "String") {
      // `d.[0]` is the same as `d[0]` (an index that is not a quoted name).
      p.next();
      p.next();
      const index = parseExpression(p);
      p.expectPunct("]");
      target = { kind: "ElementAccess", target, index, span: p.spanFrom(start) };
    } else if (p.isPunct(".")) {
      p.next();
      const member = parseName(p);
      target = { kind: "MemberAccess", target, member, span: p.spanFrom(start) };
    } else if (p.isPunct("[")) {
      p.next();
      const index = parseExpression(p);
      p.expectPunct("]");
      target = { kind: "ElementAccess", target, index, span: p.spanFrom(start) };
    } else {
      return target;
    }
  }
}

/** Whether the cursor is at `Name =` or `['Name'] =` (not `==`). */
function atSimpleAssignment(p: Cursor): boolean {
  if (isNameToken(p.token) && p.isPunct("=", 1)) return !RESERVED_AS_ASSIGNMENT_TARGET.has(p.token.text);
  return p.isPunct("[") && p.peek(1).kind === "String" && p.isPunct("]", 2) && p.isPunct("=", 3);
}

/** Whether the cursor is at `(a, b) =`. */
function atTupleAssignment(p: Cursor): boolean {
  if (!p.isPunct("(")) return false;
  let k = 1;
  for (;;) {
    const t = p.peek(k);
    if (!isNameToken(t) || RESERVED_AS_ASSIGNMENT_TARGET.has(t.text)) return false;
    k++;
    if (p.isPunct(")", k)) return p.isPunct("=", k + 1);
    if (!p.isPunct(",", k)) return false;
    k++;
  }
}

/** `Name = expr`, `(a, b) = expr`, or a plain expression (pipes allowed when `allowPipe`). */
export function parseNamedExpression(p: Cursor, allowPipe = false): ExpressionNode {
  const start = p.token.start;
  if (atSimpleAssignment(p)) {
    const name = parseName(p);
    p.next(); // =
    const expression = allowPipe ? parseExpression(p) : parseScalar(p);
    return { kind: "NamedExpression", names: [name], expression, span: p.spanFrom(start) };
  }
  if (atTupleAssignment(p)) {
    p.next(); // (
    const names = parseCommaList(p, parseName);
    p.expectPunct(")");
    p.expectPunct("=");
    const expression = parseScalar(p);
    return { kind: "NamedExpression", names, expression, span: p.spanFrom(start) };
  }
  return allowPipe ? parseExpression(p) : parseScalar(p);
}

/** A comma-separated list of at least one element; stops when an element consumes nothing. */
export function parseCommaList<T>(p: Cursor, element: (p: Cursor) => T): T[] {
  const items: T[] = [];
  for (;;) {
    const before = p.pos;
    items.push(element(p));
    if (!p.isPunct(",") || (p.pos === before && items.length > 1)) return items;
    p.next();
  }
}

/** A declared name: a word or `['bracketed name']`. Reports KQL1007 and returns an empty name otherwise. */
export function parseName(p: Cursor): NameNode {
  const t = p.token;
  if (isNameToken(t)) {
    p.next();
    return { kind: "Name", name: t.text, bracketed: false, span: { start: t.start, end: t.end } };
  }
  if (p.isPunct("[") && p.peek(1).kind === "String") {
    p.next();
    let name = "";
    while (p.token.kind === "String") name += p.next().value ?? "";
    p.expectPunct("]");
    return { kind: "Name", name, bracketed: true, span: p.spanFrom(t.start) };
  }
  p.error("expectedName", p.tokenSpan());
  return { kind: "Name", name: "", bracketed: false, span: { start: t.start, end: t.start } };
}

/** A scalar type name (`string`, `long`, `dynamic`, ...). */
export function parseScalarType(p: Cursor): ScalarTypeNode {
  const t = p.token;
  if (isNameToken(t) && TYPE_NAMES.has(t.text)) {
    p.next();
    return { kind: "ScalarType", name: t.text, span: { start: t.start, end: t.end } };
  }
  p.error("expectedType", p.tokenSpan());
  return { kind: "ScalarType", name: "", span: { start: t.start, end: t.start } };
}

/** A column name or a wildcard pattern made of adjacent words and `*` (`Device*Events`, `*`). */
export function parseNameOrWildcard(p: Cursor): ExpressionNode {
  const start = p.token.start;
  let k = 0;
  let hasStar = false;
  for (;; k++) {
    const t = p.peek(k);
    if (k > 0 && t.spaceBefore) break;
    if (t.kind === "Punctuation" && t.text === "*") hasStar = true;
    else if (!(isNameToken(t) || (k > 0 && t.kind === "Long"))) break;
  }
  if (!hasStar) return parsePostfix(p);
  let pattern = "";
  for (let i = 0; i < k; i++) pattern += p.next().text;
  if (pattern === "*") return { kind: "Star", span: p.spanFrom(start) };
  return { kind: "WildcardName", pattern, span: p.spanFrom(start) };
}
