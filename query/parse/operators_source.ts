/**
 * Operators that bring in other tables or start a tabular expression: union, join, lookup, range, print,
 * search, find, evaluate.
 */
import type {
  EvaluateOperatorNode,
  ExpressionNode,
  FindOperatorNode,
  JoinOperatorNode,
  LookupOperatorNode,
  PrintOperatorNode,
  RangeOperatorNode,
  SearchOperatorNode,
  StarNode,
  UnionOperatorNode,
} from "../syntax/ast.ts";
import type { Cursor } from "./_cursor.ts";
import {
  errorExpression,
  isNameToken,
  parseCommaList,
  parseName,
  parseNameOrWildcard,
  parsePostfix,
  parseScalar,
} from "./expressions.ts";
import { parseOperatorParameters } from "./operator_parameters.ts";
import { parseNamedList } from "./operators.ts";
import { parseCall } from "./primary.ts";

const UNION_PARAMETERS = ["kind", "withsource", "isfuzzy", "hint."];
const JOIN_PARAMETERS = ["kind", "hint.", "withsource"];

/** `union [params] A, B*, (subquery), f(x)`. */
export function parseUnion(p: Cursor, start: number): UnionOperatorNode {
  const parameters = parseOperatorParameters(p, UNION_PARAMETERS);
  const tables = parseCommaList(p, parseTableReference);
  return { kind: "Union", parameters, tables, span: p.spanFrom(start) };
}

/** A table operand: `(subquery)`, `Name`, `Name*`, `table('x')`, `f(args)`. */
function parseTableReference(p: Cursor): ExpressionNode {
  if (p.isPunct("(")) return parsePostfix(p);
  // Kusto requires `(datatable(...)[...])` here.
  if (p.isWord("datatable") || p.isWord("externaldata")) p.error("reservedName", p.tokenSpan(), p.token.text);
  return parseNameOrWildcard(p);
}

/** The right side of join/lookup: a parenthesised query or a table reference. */
function parseRightSide(p: Cursor): ExpressionNode {
  if (p.isPunct("(") || isNameToken(p.token) || p.isPunct("[")) return parsePostfix(p);
  return errorExpression(p);
}

/** `on a, $left.b == $right.c, ...` (conditions may be combined with `and`). */
function parseOnClause(p: Cursor): ExpressionNode[] {
  if (!p.acceptWord("on")) return [];
  return parseCommaList(p, parseScalar);
}

/** `join [kind=..] [hint.x=..] right [on keys]`. */
export function parseJoin(p: Cursor, start: number): JoinOperatorNode {
  const parameters = parseOperatorParameters(p, JOIN_PARAMETERS);
  const right = parseRightSide(p);
  if (p.acceptWord("where")) {
    const where = parseScalar(p);
    return { kind: "Join", parameters, right, on: [], where, span: p.spanFrom(start) };
  }
  const on = parseOnClause(p);
  if (on.length === 0 && !p.atListEnd()) p.error("expectedToken", p.tokenSpan(), "on");
  return { kind: "Join", parameters, right, on, span: p.spanFrom(start) };
}

/** `lookup [kind=..] right on keys`. */
export function parseLookup(p: Cursor, start: number): LookupOperatorNode {
  const parameters = parseOperatorParameters(p, JOIN_PARAMETERS);
  const right = parseRightSide(p);
  const on = parseOnClause(p);
  if (on.length === 0) p.error("expectedToken", p.tokenSpan(), "on");
  return { kind: "Lookup", parameters, right, on, span: p.spanFrom(start) };
}

/** `range Name from a to b step c`. */
export function parseRange(p: Cursor, start: number): RangeOperatorNode {
  const column = parseName(p);
  p.expectWord("from");
  const from = parseScalar(p);
  p.expectWord("to");
  const to = parseScalar(p);
  p.expectWord("step");
  const step = parseScalar(p);
  return { kind: "Range", column, from, to, step, span: p.spanFrom(start) };
}

/** `print [Name =] expr, ...`. */
export function parsePrint(p: Cursor, start: number): PrintOperatorNode {
  return { kind: "Print", expressions: parseNamedList(p), span: p.spanFrom(start) };
}

/** `( T1, T2* )` after `in` in search and find. */
function parseInTables(p: Cursor): ExpressionNode[] {
  if (!p.isWord("in") || !p.isPunct("(", 1)) return [];
  p.next();
  p.next();
  const tables = parseCommaList(p, parseTableReference);
  p.expectPunct(")");
  return tables;
}

/** A predicate where `Column:"term"` is allowed. */
function parseSearchPredicate(p: Cursor): ExpressionNode {
  const saved = p.searchMode;
  p.searchMode = true;
  try {
    return parseScalar(p);
  } finally {
    p.searchMode = saved;
  }
}

/** `search [kind=..] [in (T, ...)] predicate`. */
export function parseSearch(p: Cursor, start: number): SearchOperatorNode {
  const parameters = parseOperatorParameters(p, ["kind", "hint."]);
  const tables = parseInTables(p);
  const predicate = parseSearchPredicate(p);
  return { kind: "Search", parameters, tables, predicate, span: p.spanFrom(start) };
}

/** `find [withsource=..] [in (T, ...)] where predicate [project a, b | project-smart]`. */
export function parseFind(p: Cursor, start: number): FindOperatorNode {
  const parameters = parseOperatorParameters(p, ["withsource", "datascope", "hint."]);
  const tables = parseInTables(p);
  p.expectWord("where");
  const predicate = parseSearchPredicate(p);
  let project: ExpressionNode[] = [];
  if (p.isWord("project-smart")) {
    const t = p.next();
    const star: StarNode = { kind: "Star", span: { start: t.start, end: t.end } };
    project = [star];
  } else if (p.acceptWord("project")) {
    project = parseCommaList(p, parseNameOrWildcard);
  }
  return { kind: "Find", parameters, tables, predicate, project, span: p.spanFrom(start) };
}

/** `evaluate [hint.x=..] plugin(args)`. */
export function parseEvaluate(p: Cursor, start: number): EvaluateOperatorNode {
  const parameters = parseOperatorParameters(p, ["hint."]);
  if (!isNameToken(p.token) || !p.isPunct("(", 1)) {
    const at = p.tokenSpan();
    p.error("expectedToken", at, "(");
    const plugin = {
      kind: "FunctionCall" as const,
      name: parseName(p),
      arguments: [errorExpression(p)],
      span: p.spanFrom(at.start),
    };
    return { kind: "Evaluate", parameters, plugin, span: p.spanFrom(start) };
  }
  return { kind: "Evaluate", parameters, plugin: parseCall(p), span: p.spanFrom(start) };
}
