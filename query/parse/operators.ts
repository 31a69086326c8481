/**
 * Tabular operators: the dispatch on the operator word after `|`, and the simple operators. Operators with
 * their own grammar live in operators_source.ts (union, join, lookup, range, print, search, find, evaluate) and
 * operators_expand.ts (parse, parse-kv, mv-expand, mv-apply, make-series, top-nested).
 */
import type {
  ExpressionNode,
  LeadingOperatorNode,
  QueryOperatorNode,
  SortExpressionNode,
} from "../syntax/ast.ts";
import type { Cursor } from "./_cursor.ts";
import {
  errorExpression,
  isNameToken,
  parseCommaList,
  parseName,
  parseNamedExpression,
  parseNameOrWildcard,
  parseScalar,
} from "./expressions.ts";
import { parseOperatorParameters } from "./operator_parameters.ts";
import {
  parseMakeSeries,
  parseMvApply,
  parseMvExpand,
  parseParse,
  parseParseKv,
  parseTopNested,
} from "./operators_expand.ts";
import {
  parseEvaluate,
  parseFind,
  parseJoin,
  parseLookup,
  parsePrint,
  parseRange,
  parseSearch,
  parseUnion,
} from "./operators_source.ts";
import { parseCall, parseWithProperties } from "./primary.ts";

type OperatorParser = (p: Cursor, start: number) => QueryOperatorNode;

/** Operator words after `|`, mapped to their parsers (the word is already consumed). */
const OPERATORS: Readonly<Record<string, OperatorParser>> = {
  where: (p, start) => ({
    kind: "Where",
    keyword: "where",
    predicate: parseScalar(p),
    span: p.spanFrom(start),
  }),
  filter: (p, start) => ({
    kind: "Where",
    keyword: "filter",
    predicate: parseScalar(p),
    span: p.spanFrom(start),
  }),
  extend: (p, start) => ({ kind: "Extend", expressions: parseNamedList(p), span: p.spanFrom(start) }),
  // Kusto's parser takes an empty `project` (the binder then reports it), so the parser does too.
  project: (p, start) => ({
    kind: "Project",
    expressions: p.atListEnd() ? [] : parseNamedList(p),
    span: p.spanFrom(start),
  }),
  "project-away": (p, start) => ({
    kind: "ProjectAway",
    columns: parseColumnList(p),
    span: p.spanFrom(start),
  }),
  "project-keep": (p, start) => ({
    kind: "ProjectKeep",
    columns: parseColumnList(p),
    span: p.spanFrom(start),
  }),
  "project-rename": (p, start) => ({
    kind: "ProjectRename",
    expressions: parseNamedList(p),
    span: p.spanFrom(start),
  }),
  "project-reorder": (p, start) => ({
    kind: "ProjectReorder",
    columns: parseCommaList(p, (q) => parseSortExpression(q, parseNameOrWildcard)),
    span: p.spanFrom(start),
  }),
  summarize: parseSummarize,
  sort: (p, start) => parseSort(p, start, "sort"),
  order: (p, start) => parseSort(p, start, "order"),
  top: parseTop,
  "top-nested": parseTopNested,
  take: (p, start) => parseTake(p, start, "take"),
  limit: (p, start) => parseTake(p, start, "limit"),
  distinct: (p, start) => {
    const parameters = parseOperatorParameters(p, ["hint."]);
    return { kind: "Distinct", parameters, columns: parseColumnList(p), span: p.spanFrom(start) };
  },
  count: (p, start) => ({ kind: "Count", asName: undefined, span: p.spanFrom(start) }),
  join: parseJoin,
  lookup: parseLookup,
  union: parseUnion,
  parse: parseParse,
  "parse-where": parseParse,
  "parse-kv": parseParseKv,
  "mv-expand": parseMvExpand,
  mvexpand: parseMvExpand,
  "mv-apply": parseMvApply,
  "make-series": parseMakeSeries,
  evaluate: parseEvaluate,
  serialize: (p, start) => ({
    kind: "Serialize",
    expressions: p.atListEnd() ? [] : parseNamedList(p),
    span: p.spanFrom(start),
  }),
  as: (p, start) => {
    const parameters = parseOperatorParameters(p, ["hint."]);
    return { kind: "As", parameters, name: parseName(p), span: p.spanFrom(start) };
  },
  invoke: (p, start) => ({ kind: "Invoke", call: parseCall(p), span: p.spanFrom(start) }),
  render: parseRender,
  getschema: (p, start) => ({ kind: "GetSchema", span: p.spanFrom(start) }),
  sample: (p, start) => ({ kind: "Sample", count: parseScalar(p), span: p.spanFrom(start) }),
  "sample-distinct": (p, start) => {
    const count = parseScalar(p);
    p.expectWord("of");
    return { kind: "SampleDistinct", count, of: parseScalar(p), span: p.spanFrom(start) };
  },
  search: parseSearch,
  find: parseFind,
};

/**
 * A query operator after `|`. An unknown or missing operator becomes an ErrorOperator; the tokens up to the
 * next `|`, `;` or closing parenthesis are skipped so that parsing resumes at the next operator.
 */
export function parseQueryOperator(p: Cursor): QueryOperatorNode {
  const t = p.token;
  const parser = t.kind === "Identifier" ? OPERATORS[t.lower] : undefined;
  if (parser) {
    p.next();
    return parser(p, t.start);
  }
  if (t.kind === "Identifier") p.error("unknownOperator", p.tokenSpan(), t.text);
  else p.error("expectedOperator", p.tokenSpan());
  skipToOperatorEnd(p);
  return { kind: "ErrorOperator", name: t.kind === "Identifier" ? t.text : "", span: p.spanFrom(t.start) };
}

/** Skip tokens up to (not including) the next `|` or `;` outside brackets, or an unmatched closing bracket. */
export function skipToOperatorEnd(p: Cursor): void {
  let depth = 0;
  while (!p.atEnd) {
    const t = p.token;
    if (t.kind === "Punctuation") {
      if (t.text === "(" || t.text === "[" || t.text === "{") depth++;
      else if (t.text === ")" || t.text === "]" || t.text === "}") {
        if (depth === 0) return;
        depth--;
      } else if ((t.text === "|" || t.text === ";") && depth === 0) return;
    }
    p.next();
  }
}

/**
 * An operator that starts a tabular expression (`union`, `range`, `print`, `search`, `find`, `evaluate`), or
 * undefined when the word at the cursor is used as a name (e.g. a column called `range` in `range(1, 5, 1)`).
 */
export function parseLeadingOperator(p: Cursor): LeadingOperatorNode | undefined {
  const t = p.token;
  if (t.kind !== "Identifier") return undefined;
  const next = p.peek(1);
  const nextIsEnd = next.kind === "EndOfText" ||
    (next.kind === "Punctuation" && ["|", ";", ")", ",", "=", ".", "[", "]"].includes(next.text));
  // `union`, `print`, `search` and `find` are reserved words (never names); `range` and `evaluate` are not.
  switch (t.text) {
    case "union":
      p.next();
      return parseUnion(p, t.start);
    case "range":
      if (!isNameToken(next) || !p.isWord("from", 2)) return undefined;
      p.next();
      return parseRange(p, t.start);
    case "print":
      p.next();
      return parsePrint(p, t.start);
    case "search":
    case "find":
      p.next();
      return t.text === "search" ? parseSearch(p, t.start) : parseFind(p, t.start);
    case "evaluate":
      if (nextIsEnd) return undefined;
      p.next();
      return parseEvaluate(p, t.start);
    default:
      return undefined;
  }
}

/** A comma list of `Name = expr` / `(a, b) = expr` / expr. */
export function parseNamedList(p: Cursor): ExpressionNode[] {
  return parseCommaList(p, (q) => parseNamedExpression(q));
}

/** A comma list of column names or wildcard patterns (`a, b*, *`). */
function parseColumnList(p: Cursor): ExpressionNode[] {
  return parseCommaList(p, parseNameOrWildcard);
}

/** `expr [asc|desc] [nulls first|last]`. */
export function parseSortExpression(
  p: Cursor,
  element: (p: Cursor) => ExpressionNode = parseScalar,
): SortExpressionNode {
  const start = p.token.start;
  const expression = element(p);
  let direction: "asc" | "desc" | undefined;
  let nulls: "first" | "last" | undefined;
  if (p.isWord("asc") || p.isWord("desc")) direction = p.next().lower as "asc" | "desc";
  if (p.isWord("granny-asc") || p.isWord("granny-desc")) p.next();
  if (p.acceptWord("nulls")) {
    if (p.isWord("first") || p.isWord("last")) nulls = p.next().lower as "first" | "last";
    else p.error("expectedToken", p.tokenSpan(), "first");
  }
  return { kind: "SortExpression", expression, direction, nulls, span: p.spanFrom(start) };
}

function parseSummarize(p: Cursor, start: number): QueryOperatorNode {
  const parameters = parseOperatorParameters(p, ["hint."]);
  // `summarize by x` has no aggregates; `by` followed by `=` or `,` is a column named "by".
  const atBy = p.isWord("by") && !p.isPunct("=", 1) && !p.isPunct(",", 1);
  const aggregates = atBy ? [] : parseNamedList(p);
  const by = p.acceptWord("by") ? parseNamedList(p) : [];
  return { kind: "Summarize", parameters, aggregates, by, span: p.spanFrom(start) };
}

function parseSort(p: Cursor, start: number, keyword: "sort" | "order"): QueryOperatorNode {
  const parameters = parseOperatorParameters(p, ["hint."]);
  p.expectWord("by");
  const expressions = parseCommaList(p, (q) => parseSortExpression(q));
  return { kind: "Sort", keyword, parameters, expressions, span: p.spanFrom(start) };
}

function parseTop(p: Cursor, start: number): QueryOperatorNode {
  const parameters = parseOperatorParameters(p, ["hint."]);
  const count = parseScalar(p);
  const by = p.expectWord("by") ? parseSortExpression(p) : {
    kind: "SortExpression" as const,
    expression: errorExpression(p),
    direction: undefined,
    nulls: undefined,
    span: p.tokenSpan(),
  };
  return { kind: "Top", parameters, count, by, span: p.spanFrom(start) };
}

function parseTake(p: Cursor, start: number, keyword: "take" | "limit"): QueryOperatorNode {
  const parameters = parseOperatorParameters(p, ["hint."]);
  return { kind: "Take", keyword, parameters, count: parseScalar(p), span: p.spanFrom(start) };
}

/** The chart properties `render` accepts. */
const RENDER_PROPERTIES = [
  "kind",
  "title",
  "xcolumn",
  "ycolumns",
  "series",
  "ysplit",
  "accumulate",
  "legend",
  "ymin",
  "ymax",
  "xtitle",
  "ytitle",
  "xaxis",
  "yaxis",
  "anomalycolumns",
];

function parseRender(p: Cursor, start: number): QueryOperatorNode {
  const chart = parseName(p);
  let properties = parseOperatorParameters(p, RENDER_PROPERTIES);
  if (p.acceptWord("with")) {
    const withProperties = parseWithProperties(p);
    for (const property of withProperties) {
      if (!RENDER_PROPERTIES.includes(property.name.toLowerCase())) {
        p.error("invalidParameterValue", property.span, "render", property.name);
      }
    }
    properties = [...properties, ...withProperties];
  }
  return { kind: "Render", chart, properties, span: p.spanFrom(start) };
}
