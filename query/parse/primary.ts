/**
 * Primary expressions: literals of every form, names, calls, parentheses, `typeof()`, `datatable` and
 * `externaldata`.
 */
import type {
  ColumnDeclarationNode,
  ExpressionNode,
  JsonValue,
  LiteralNode,
  LiteralType,
  OperatorParameterNode,
} from "../syntax/ast.ts";
import type { Token } from "../syntax/token.ts";
import { RESERVED_IN_EXPRESSIONS } from "../syntax/keywords.ts";
import type { Cursor } from "./_cursor.ts";
import {
  errorExpression,
  isNameToken,
  parseCommaList,
  parseExpression,
  parseName,
  parseNamedExpression,
  parseScalar,
  parseScalarType,
} from "./expressions.ts";
import { datetimeMicros, guidValue, longValue, timespanMicros } from "./literal_values.ts";
import { parseOperatorParameters } from "./operator_parameters.ts";

/** Words that cast a literal: `long(null)`, `int(1)`, `real(nan)`, `decimal(1.0)`, `bool(true)`. */
const CAST_LITERALS: Readonly<Record<string, LiteralType>> = {
  long: "long",
  int: "int",
  real: "real",
  double: "real",
  decimal: "decimal",
  bool: "bool",
  boolean: "bool",
};

/** Reserved words that are still called like functions. */
const CALLABLE_KEYWORDS: ReadonlySet<string> = new Set([
  "materialize",
  "toscalar",
  "long",
  "int",
  "real",
  "double",
  "decimal",
]);

/** A primary expression; reports KQL1004 and returns an ErrorExpression (consuming nothing) when none starts. */
export function parsePrimary(p: Cursor): ExpressionNode {
  const t = p.token;
  switch (t.kind) {
    case "Long":
      p.next();
      return literal("long", longValue(t.text) ?? Number(t.text), t);
    case "Real":
      p.next();
      return literal("real", Number(t.text), t);
    case "Timespan":
      p.next();
      return literal("timespan", timespanMicros(t.text) ?? null, t);
    case "String":
      return parseStringLiteral(p);
    case "TypedLiteral":
      p.next();
      return typedLiteral(p, t);
    case "Identifier":
      return parseWordPrimary(p, t);
    case "Punctuation":
      if (t.text === "(") {
        p.next();
        const expression = parseExpression(p);
        p.expectPunct(")");
        return { kind: "Parenthesized", expression, span: p.spanFrom(t.start) };
      }
      if (t.text === "[" && p.peek(1).kind === "String") {
        const name = parseName(p);
        return { kind: "NameReference", name: name.name, bracketed: true, span: name.span };
      }
      if (t.text === "*") {
        p.next();
        return { kind: "Star", span: { start: t.start, end: t.end } };
      }
      return errorExpression(p);
    default:
      return errorExpression(p);
  }
}

function literal(type: LiteralType, value: JsonValue, t: Token): LiteralNode {
  return { kind: "Literal", type, value, text: t.text, span: { start: t.start, end: t.end } };
}

/** One or more adjacent string tokens, concatenated (`'a' 'b'` is `'ab'`). */
export function parseStringLiteral(p: Cursor): LiteralNode {
  const first = p.next();
  let value = first.value ?? "";
  while (p.token.kind === "String") value += p.next().value ?? "";
  const span = p.spanFrom(first.start);
  return { kind: "Literal", type: "string", value, text: p.text.slice(span.start, span.end), span };
}

function typedLiteral(p: Cursor, t: Token): ExpressionNode {
  const raw = t.value ?? "";
  const span = { start: t.start, end: t.end };
  if (t.lower === "guid") {
    const value = guidValue(raw);
    if (value === undefined) p.error("invalidLiteral", span, "guid", t.text);
    return literal("guid", value ?? null, t);
  }
  if (t.lower === "datetime" || t.lower === "date") {
    const value = datetimeMicros(raw);
    if (value === undefined) p.error("invalidLiteral", span, "datetime", t.text);
    return literal("datetime", value ?? null, t);
  }
  const value = timespanMicros(raw);
  if (value === undefined) p.error("invalidLiteral", span, "timespan", t.text);
  return literal("timespan", value ?? null, t);
}

function parseWordPrimary(p: Cursor, t: Token): ExpressionNode {
  const w = t.lower;
  if (!isNameToken(t)) return errorExpression(p);
  if (w === "true" || w === "false") {
    p.next();
    return literal("bool", w === "true", t);
  }
  const call = p.isPunct("(", 1);
  if (call) {
    if (w === "dynamic") return parseDynamicLiteral(p);
    if (w === "typeof") {
      p.next();
      p.next();
      const type = parseScalarType(p);
      p.expectPunct(")");
      return { kind: "TypeOf", type, span: p.spanFrom(t.start) };
    }
    if (w === "datatable") return parseDatatable(p);
    if (w === "externaldata" || w === "external_data") return parseExternalData(p);
    if (w in CAST_LITERALS) {
      const cast = parseCastLiteral(p, CAST_LITERALS[w]);
      if (cast) return cast;
    }
    if (RESERVED_IN_EXPRESSIONS.has(t.text) && !CALLABLE_KEYWORDS.has(t.text)) {
      p.error("reservedName", p.tokenSpan(), t.text);
    }
    return parseCall(p);
  }
  if ((w === "datatable" || w === "externaldata") && (p.isWord("with", 1) || p.isPunct("(", 1))) {
    return w === "datatable" ? parseDatatable(p) : parseExternalData(p);
  }
  if (RESERVED_IN_EXPRESSIONS.has(t.text)) p.error("reservedName", p.tokenSpan(), t.text);
  p.next();
  return { kind: "NameReference", name: t.text, bracketed: false, span: { start: t.start, end: t.end } };
}

/** `name(args)`; arguments may be named (`f(x = 1)`) or pipes (`toscalar(T | count)`). */
export function parseCall(p: Cursor): ExpressionNode & { kind: "FunctionCall" } {
  const start = p.token.start;
  const name = parseName(p);
  p.expectPunct("(");
  const args = p.isPunct(")") ? [] : parseCommaList(p, (q) => parseNamedExpression(q, true));
  p.expectPunct(")");
  return { kind: "FunctionCall", name, arguments: args, span: p.spanFrom(start) };
}

/**
 * `long(null)`, `int(-1)`, `real(nan)`, `real(+inf)`, `decimal(1.0)`, `bool(true)`. Returns undefined (consuming
 * nothing) when the parentheses do not hold a literal, so that the caller reads a function call instead.
 */
function parseCastLiteral(p: Cursor, type: LiteralType): LiteralNode | undefined {
  const start = p.token.start;
  let k = 2;
  let sign = 1;
  if (p.isPunct("-", k) || p.isPunct("+", k)) {
    if (p.isPunct("-", k)) sign = -1;
    k++;
  }
  const v = p.peek(k);
  if (!p.isPunct(")", k + 1)) return undefined;
  let value: JsonValue | undefined;
  if (v.kind === "Identifier" && v.lower === "null" && k === 2) value = null;
  else if (type === "bool" && v.kind === "Identifier" && (v.lower === "true" || v.lower === "false")) {
    value = v.lower === "true";
  } else if (type === "string" && v.kind === "String" && k === 2) value = v.value ?? "";
  else if ((v.kind === "Long" || v.kind === "Real") && type !== "bool" && type !== "string") {
    value = sign * (longValue(v.text) ?? Number(v.text));
  } else if (type === "real" && v.kind === "Identifier" && (v.lower === "nan" || v.lower === "inf")) {
    value = v.lower === "nan" ? NaN : sign * Infinity;
  }
  if (value === undefined) return undefined;
  for (let i = 0; i <= k + 1; i++) p.next();
  const span = p.spanFrom(start);
  return { kind: "Literal", type, value, text: p.text.slice(span.start, span.end), span };
}

/** `dynamic(json)`: arrays, property bags, strings, numbers, bools, null, timespans and datetimes. */
function parseDynamicLiteral(p: Cursor): LiteralNode {
  const start = p.token.start;
  p.next(); // dynamic
  p.next(); // (
  const value = p.isPunct(")") ? null : parseJsonValue(p);
  p.expectPunct(")");
  const span = p.spanFrom(start);
  return { kind: "Literal", type: "dynamic", value, text: p.text.slice(span.start, span.end), span };
}

function parseJsonValue(p: Cursor): JsonValue {
  if (!p.enter()) return null;
  try {
    return jsonValue(p);
  } finally {
    p.leave();
  }
}

function jsonValue(p: Cursor): JsonValue {
  const t = p.token;
  if (p.isPunct("[")) {
    p.next();
    const items: JsonValue[] = [];
    if (!p.isPunct("]")) {
      for (;;) {
        const before = p.pos;
        items.push(parseJsonValue(p));
        if (p.pos === before || !p.acceptPunct(",")) break;
      }
    }
    p.expectPunct("]");
    return items;
  }
  if (p.isPunct("{")) {
    p.next();
    const bag: Record<string, JsonValue> = {};
    while (!p.isPunct("}") && !p.atEnd) {
      const key = p.token;
      // Property names are strings, as in JSON (Kusto refuses `{a: 1}`).
      if (key.kind !== "String") {
        p.error("expectedStringLiteral", p.tokenSpan());
        break;
      }
      p.next();
      p.expectPunct(":");
      bag[key.value ?? ""] = parseJsonValue(p);
      if (!p.acceptPunct(",")) break;
      if (p.isPunct("}")) p.error("expectedStringLiteral", p.tokenSpan());
    }
    p.expectPunct("}");
    return bag;
  }
  if (t.kind === "String") return parseStringLiteral(p).value;
  let sign = 1;
  if (p.isPunct("-") || p.isPunct("+")) {
    if (p.isPunct("-")) sign = -1;
    p.next();
  }
  const v = p.token;
  if (v.kind === "Long" || v.kind === "Real") {
    p.next();
    return sign * (longValue(v.text) ?? Number(v.text));
  }
  if (v.kind === "Timespan") {
    p.next();
    return sign * (timespanMicros(v.text) ?? 0); // microseconds, as everywhere
  }
  if (v.kind === "TypedLiteral") {
    p.next();
    if (v.lower === "datetime" || v.lower === "date") {
      const micros = datetimeMicros(v.value ?? "");
      return micros === null || micros === undefined ? null : new Date(micros / 1000).toISOString();
    }
    return v.value ?? null;
  }
  if (v.kind === "Identifier") {
    if (v.lower === "true" || v.lower === "false" || v.lower === "null") {
      p.next();
      return v.lower === "null" ? null : v.lower === "true";
    }
    if (p.isPunct("(", 1) && v.lower in CAST_LITERALS) {
      const cast = parseCastLiteral(p, CAST_LITERALS[v.lower]);
      if (cast) return cast.value;
    }
  }
  p.error("invalidDynamic", p.tokenSpan(), p.token.text);
  return null;
}

/** `(a:string, b:long)` column declarations. */
export function parseColumnDeclarations(p: Cursor): ColumnDeclarationNode[] {
  if (!p.expectPunct("(")) return [];
  const columns = p.isPunct(")") ? [] : parseCommaList(p, parseColumnDeclaration);
  p.expectPunct(")");
  return columns;
}

/** `name:type`. */
export function parseColumnDeclaration(p: Cursor): ColumnDeclarationNode {
  const start = p.token.start;
  const name = parseName(p);
  p.expectPunct(":");
  const type = parseScalarType(p);
  return { kind: "ColumnDeclaration", name, type, span: p.spanFrom(start) };
}

/** `[ e, e, ... ]` with an optional trailing comma. */
function parseBracketedValues(p: Cursor): ExpressionNode[] {
  const values: ExpressionNode[] = [];
  if (!p.expectPunct("[")) return values;
  while (!p.isPunct("]") && !p.atEnd) {
    const before = p.pos;
    values.push(parseScalar(p));
    if (p.pos === before || !p.acceptPunct(",")) break;
  }
  p.expectPunct("]");
  return values;
}

function parseDatatable(p: Cursor): ExpressionNode {
  const start = p.token.start;
  p.next(); // datatable
  const parameters: OperatorParameterNode[] = parseOperatorParameters(p, ["hint."]);
  const columns = parseColumnDeclarations(p);
  const values = parseBracketedValues(p);
  return { kind: "Datatable", parameters, columns, values, span: p.spanFrom(start) };
}

function parseExternalData(p: Cursor): ExpressionNode {
  const start = p.token.start;
  p.next(); // externaldata
  const parameters = parseOperatorParameters(p, ["kind"]);
  const columns = parseColumnDeclarations(p);
  const uris = parseBracketedValues(p);
  const properties = p.acceptWord("with") ? parseWithProperties(p) : [];
  return { kind: "ExternalData", parameters, columns, uris, properties, span: p.spanFrom(start) };
}

/** `( name = value, ... )` after `with`. */
export function parseWithProperties(p: Cursor): OperatorParameterNode[] {
  const properties: OperatorParameterNode[] = [];
  if (!p.expectPunct("(")) return properties;
  while (!p.isPunct(")") && !p.atEnd) {
    const start = p.token.start;
    const name = parseName(p);
    if (!p.expectPunct("=")) break;
    const value = parseScalar(p);
    properties.push({ kind: "OperatorParameter", name: name.name, value, span: p.spanFrom(start) });
    // `ycolumns = a, b`: further bare values belong to the same property.
    while (p.isPunct(",") && !(isNameToken(p.peek(1)) && p.isPunct("=", 2)) && !p.isPunct(")", 1)) {
      p.next();
      const extraStart = p.token.start;
      const extra = parseScalar(p);
      properties.push({
        kind: "OperatorParameter",
        name: name.name,
        value: extra,
        span: p.spanFrom(extraStart),
      });
    }
    if (!p.acceptPunct(",")) break;
  }
  p.expectPunct(")");
  return properties;
}
