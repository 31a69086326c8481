/**
 * Operators with their own small grammars: parse, parse-where, parse-kv, mv-expand, mv-apply, make-series,
 * top-nested.
 */
import type {
  ExpressionNode,
  MakeSeriesAggregateNode,
  MakeSeriesOperatorNode,
  MvApplyOperatorNode,
  MvExpandItemNode,
  MvExpandOperatorNode,
  ParseKvOperatorNode,
  ParseOperatorNode,
  ParsePatternPartNode,
  QueryOperatorNode,
  ScalarTypeNode,
  TopNestedClauseNode,
  TopNestedOperatorNode,
} from "../syntax/ast.ts";
import type { Cursor } from "./_cursor.ts";
import {
  isNameToken,
  parseAdditive,
  parseCommaList,
  parseName,
  parseNamedExpression,
  parseScalar,
  parseScalarType,
} from "./expressions.ts";
import { parseOperatorParameters } from "./operator_parameters.ts";
import { parseNamedList, parseQueryOperator } from "./operators.ts";
import { parseColumnDeclarations, parseStringLiteral, parseWithProperties } from "./primary.ts";

/** `parse [kind=..] [flags=..] source with pattern`, also `parse-where` (told apart by the word just read). */
export function parseParse(p: Cursor, start: number): ParseOperatorNode {
  const keyword = p.tokens[p.pos - 1].lower === "parse-where" ? "parse-where" : "parse";
  const parameters = parseOperatorParameters(p, ["kind", "flags"]);
  const source = parseScalar(p);
  p.expectWord("with");
  const pattern: ParsePatternPartNode[] = [];
  for (;;) {
    const t = p.token;
    if (t.kind === "String") pattern.push(parseStringLiteral(p));
    else if (p.isPunct("*")) {
      p.next();
      pattern.push({ kind: "Star", span: { start: t.start, end: t.end } });
    } else if (
      (isNameToken(t) || (p.isPunct("[") && p.peek(1).kind === "String")) &&
      pattern[pattern.length - 1]?.kind !== "ParseCapture" // two captures in a row cannot be told apart
    ) {
      const name = parseName(p);
      const type = p.acceptPunct(":") ? parseScalarType(p) : undefined;
      pattern.push({ kind: "ParseCapture", name, type, span: p.spanFrom(t.start) });
    } else break;
  }
  return { kind: "Parse", keyword, parameters, source, pattern, span: p.spanFrom(start) };
}

/** `parse-kv source as (a:type, ...) [with (name = value, ...)]`. */
export function parseParseKv(p: Cursor, start: number): ParseKvOperatorNode {
  const source = parseScalar(p);
  p.expectWord("as");
  const columns = parseColumnDeclarations(p);
  const properties = p.acceptWord("with") ? parseWithProperties(p) : [];
  return { kind: "ParseKv", source, columns, properties, span: p.spanFrom(start) };
}

/** `[Name =] expr [to typeof(type)]`. */
function parseMvExpandItem(p: Cursor): MvExpandItemNode {
  const start = p.token.start;
  const expression = parseNamedExpression(p);
  let toType: ScalarTypeNode | undefined;
  if (p.acceptWord("to")) {
    p.expectWord("typeof");
    p.expectPunct("(");
    toType = parseScalarType(p);
    p.expectPunct(")");
  }
  return { kind: "MvExpandItem", expression, toType, span: p.spanFrom(start) };
}

const EXPAND_PARAMETERS = ["bagexpansion", "with_itemindex", "kind", "hint."];

/** `mv-expand [params] items [limit N]`. */
export function parseMvExpand(p: Cursor, start: number): MvExpandOperatorNode {
  const parameters = parseOperatorParameters(p, EXPAND_PARAMETERS);
  const items = parseCommaList(p, parseMvExpandItem);
  const limit = p.acceptWord("limit") ? parseScalar(p) : undefined;
  return { kind: "MvExpand", parameters, items, limit, span: p.spanFrom(start) };
}

/** `mv-apply [params] items [limit N] on ( operators )`. */
export function parseMvApply(p: Cursor, start: number): MvApplyOperatorNode {
  const parameters = parseOperatorParameters(p, EXPAND_PARAMETERS);
  const items = parseCommaList(p, parseMvExpandItem);
  const limit = p.acceptWord("limit") ? parseScalar(p) : undefined;
  const subquery: QueryOperatorNode[] = [];
  if (p.expectWord("on") && p.expectPunct("(")) {
    if (p.enter()) {
      try {
        subquery.push(parseQueryOperator(p));
        while (p.acceptPunct("|")) subquery.push(parseQueryOperator(p));
      } finally {
        p.leave();
      }
    }
    p.expectPunct(")");
  }
  return { kind: "MvApply", parameters, items, limit, subquery, span: p.spanFrom(start) };
}

function parseMakeSeriesAggregate(p: Cursor): MakeSeriesAggregateNode {
  const start = p.token.start;
  const expression = parseNamedExpression(p);
  let defaultValue: ExpressionNode | undefined;
  if (p.isWord("default") && p.isPunct("=", 1)) {
    p.next();
    p.next();
    defaultValue = parseScalar(p);
  }
  return { kind: "MakeSeriesAggregate", expression, defaultValue, span: p.spanFrom(start) };
}

/** `make-series aggs on Axis (from a to b step s | in range(a, b, s)) [by keys]`. */
export function parseMakeSeries(p: Cursor, start: number): MakeSeriesOperatorNode {
  const parameters = parseOperatorParameters(p, ["kind", "hint."]);
  const aggregates = parseCommaList(p, parseMakeSeriesAggregate);
  p.expectWord("on");
  const on = parseAdditive(p);
  let from: ExpressionNode | undefined, to: ExpressionNode | undefined, step: ExpressionNode | undefined;
  let inRange: ExpressionNode | undefined;
  if (p.acceptWord("in")) {
    inRange = parseScalar(p);
  } else {
    if (p.acceptWord("from")) from = parseScalar(p);
    if (p.acceptWord("to")) to = parseScalar(p);
    if (p.expectWord("step")) step = parseScalar(p);
  }
  const by = p.acceptWord("by") ? parseNamedList(p) : [];
  return {
    kind: "MakeSeries",
    parameters,
    aggregates,
    on,
    from,
    to,
    step,
    inRange,
    by,
    span: p.spanFrom(start),
  };
}

function parseTopNestedClause(p: Cursor, start: number): TopNestedClauseNode {
  const count = p.isWord("of") ? undefined : parseScalar(p);
  p.expectWord("of");
  const of = parseNamedExpression(p);
  let withOthers: ExpressionNode | undefined;
  if (p.isWord("with") && p.isWord("others", 1)) {
    p.next();
    p.next();
    p.expectPunct("=");
    withOthers = parseScalar(p);
  }
  p.expectWord("by");
  const by = parseNamedExpression(p);
  let direction: "asc" | "desc" | undefined;
  if (p.isWord("asc") || p.isWord("desc")) direction = p.next().lower as "asc" | "desc";
  return { kind: "TopNestedClause", count, of, withOthers, by, direction, span: p.spanFrom(start) };
}

/** `top-nested ... of ... by ..., top-nested ...`. */
export function parseTopNested(p: Cursor, start: number): TopNestedOperatorNode {
  const clauses = [parseTopNestedClause(p, start)];
  while (p.isPunct(",") && p.isWord("top-nested", 1)) {
    p.next();
    const clauseStart = p.next().start;
    clauses.push(parseTopNestedClause(p, clauseStart));
  }
  return { kind: "TopNested", clauses, span: p.spanFrom(start) };
}
