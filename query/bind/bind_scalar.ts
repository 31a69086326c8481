/**
 * Typing of scalar expressions: names, operators, function calls, dynamic access. Errors are reported once;
 * the failing expression is typed `dynamic`, which every later check accepts, so one mistake gives one error.
 */
import { bindDiagnostic } from "../diagnostics/bind_codes.ts";
import type {
  BinaryNode,
  ExpressionNode,
  FunctionCallNode,
  InNode,
  MemberAccessNode,
  NameReferenceNode,
} from "../syntax/mod.ts";
import { accepts, commonType, resolveCall, widestNumeric } from "../symbols/mod.ts";
import { type ScalarType, toScalarType } from "../symbols/mod.ts";
import type { BindContext, RowContext } from "./context.ts";
import { findColumn, suggestColumn } from "./table_type.ts";

const NUMERIC: readonly ScalarType[] = ["int", "long", "real", "decimal"];

/**
 * Bind a scalar expression in a row context.
 *
 * @param ctx the binder
 * @param expr the expression
 * @param row the columns and names it can see
 * @returns its type (`dynamic` after an error)
 */
export function bindScalarExpression(ctx: BindContext, expr: ExpressionNode, row: RowContext): ScalarType {
  switch (expr.kind) {
    case "Literal":
      return expr.type;
    case "NameReference":
      return bindName(ctx, expr, row);
    case "Parenthesized":
      return ctx.scalar(expr.expression, row);
    case "Unary":
      return ctx.scalar(expr.operand, row);
    case "Binary":
      return bindBinary(ctx, expr, row);
    case "In":
      return bindIn(ctx, expr, row);
    case "Between":
      ctx.scalar(expr.left, row);
      ctx.scalar(expr.low, row);
      ctx.scalar(expr.high, row);
      return "bool";
    case "FunctionCall":
      return bindCall(ctx, expr, row);
    case "MemberAccess":
      return bindMember(ctx, expr, row);
    case "ElementAccess": {
      const target = ctx.scalar(expr.target, row);
      ctx.scalar(expr.index, row);
      if (target !== "dynamic") ctx.report(bindDiagnostic("notDynamic", expr.span, target));
      return "dynamic";
    }
    case "NamedExpression":
      return ctx.scalar(expr.expression, row);
    case "TypeOf":
    case "Star":
    case "WildcardName":
    case "ErrorExpression":
      return "dynamic";
    case "Pipe":
    case "Datatable":
    case "ExternalData":
    case "Union":
    case "Range":
    case "Print":
    case "Search":
    case "Find":
    case "Evaluate":
      ctx.tabular(expr, row.scope);
      ctx.report(bindDiagnostic("expectedScalar", expr.span));
      return "dynamic";
  }
}

function bindName(ctx: BindContext, expr: NameReferenceNode, row: RowContext): ScalarType {
  const column = findColumn(row.table, expr.name);
  if (column !== undefined) return column.type;
  if (row.table.table !== undefined) {
    const open = ctx.catalog.column(row.table.table, expr.name);
    if (open !== undefined) return open.type;
  }
  const symbol = row.scope.lookup(expr.name);
  if (symbol?.kind === "scalar") return symbol.type;
  if (symbol?.kind === "tabular") {
    ctx.report(bindDiagnostic("expectedScalar", expr.span));
    return "dynamic";
  }
  if (row.table.open) return "dynamic";
  ctx.report(bindDiagnostic("unknownColumn", expr.span, expr.name, suggestColumn(row.table, expr.name)));
  return "dynamic";
}

function bindMember(ctx: BindContext, expr: MemberAccessNode, row: RowContext): ScalarType {
  if (
    expr.target.kind === "NameReference" && (expr.target.name === "$left" || expr.target.name === "$right")
  ) {
    const side = expr.target.name === "$left" ? row.left : row.right;
    if (side === undefined) return "dynamic";
    const column = findColumn(side, expr.member.name);
    if (column !== undefined) return column.type;
    if (!side.open) {
      ctx.report(bindDiagnostic("joinKey", expr.member.span, expr.member.name, expr.target.name.slice(1)));
    }
    return "dynamic";
  }
  const target = ctx.scalar(expr.target, row);
  if (target !== "dynamic") ctx.report(bindDiagnostic("notDynamic", expr.span, target));
  return "dynamic";
}

const LOGICAL = new Set(["and", "or"]);
const COMPARISON = new Set(["==", "!=", "<>", "<", "<=", ">", ">="]);

function bindBinary(ctx: BindContext, expr: BinaryNode, row: RowContext): ScalarType {
  const left = ctx.scalar(expr.left, row);
  const right = ctx.scalar(expr.right, row);
  const op = expr.operator;
  if (LOGICAL.has(op)) {
    for (const [side, type] of [[expr.left, left], [expr.right, right]] as const) {
      if (type !== "bool" && type !== "dynamic") {
        ctx.report(bindDiagnostic("predicateNotBool", side.span, op, type));
      }
    }
    return "bool";
  }
  if (COMPARISON.has(op)) {
    if (!comparable(left, right)) ctx.report(bindDiagnostic("operatorTypes", expr.span, op, left, right));
    return "bool";
  }
  if (op === "+" || op === "-" || op === "*" || op === "/" || op === "%") {
    const type = arithmetic(op, left, right);
    if (type === undefined) {
      ctx.report(bindDiagnostic("operatorTypes", expr.span, op, left, right));
      return "dynamic";
    }
    return type;
  }
  // String predicates (has, contains, startswith, matches regex, like, ...) and search's `:` convert both
  // sides to strings, so every type is accepted.
  return "bool";
}

function comparable(a: ScalarType, b: ScalarType): boolean {
  if (a === "dynamic" || b === "dynamic" || a === b) return true;
  if (NUMERIC.includes(a) && NUMERIC.includes(b)) return true;
  // Kusto compares guids with strings and accepts string/number comparisons of columns such as ResultType.
  const loose = new Set<ScalarType>(["string", "guid"]);
  if (loose.has(a) && loose.has(b)) return true;
  if ((a === "string" && NUMERIC.includes(b)) || (b === "string" && NUMERIC.includes(a))) return true;
  if ((a === "bool" && NUMERIC.includes(b)) || (b === "bool" && NUMERIC.includes(a))) return true;
  return false;
}

/** Result type of arithmetic, following Kusto's datetime/timespan rules; `undefined` when not allowed. */
export function arithmetic(op: string, a: ScalarType, b: ScalarType): ScalarType | undefined {
  if (a === "dynamic" || b === "dynamic") return "dynamic";
  const numA = NUMERIC.includes(a);
  const numB = NUMERIC.includes(b);
  if (numA && numB) return op === "/" && a === "int" && b === "int" ? "int" : widestNumeric([a, b]);
  if (op === "+") {
    if ((a === "datetime" && b === "timespan") || (a === "timespan" && b === "datetime")) return "datetime";
    if (a === "timespan" && b === "timespan") return "timespan";
  }
  if (op === "-") {
    if (a === "datetime" && b === "datetime") return "timespan";
    if (a === "datetime" && b === "timespan") return "datetime";
    if (a === "timespan" && b === "timespan") return "timespan";
  }
  if (op === "*") {
    if ((a === "timespan" && numB) || (numA && b === "timespan")) return "timespan";
  }
  if (op === "/") {
    if (a === "timespan" && numB) return "timespan";
    if (a === "timespan" && b === "timespan") return "real";
  }
  if (op === "%") {
    if (a === "timespan" && (b === "timespan" || numB)) return "timespan";
  }
  return undefined;
}

function bindIn(ctx: BindContext, expr: InNode, row: RowContext): ScalarType {
  ctx.scalar(expr.left, row);
  for (const value of expr.values) {
    if (ctx.isTabular(value, row.scope, row.table)) ctx.tabular(value, row.scope);
    else ctx.scalar(value, row);
  }
  return "bool";
}

/** Built-ins the registry cannot type alone: they look at the row, at tables or at type names. */
function bindSpecialCall(ctx: BindContext, call: FunctionCallNode, row: RowContext): ScalarType | undefined {
  const args = call.arguments;
  switch (call.name.name) {
    case "toscalar": {
      if (args.length !== 1) return undefined;
      const table = ctx.tabular(args[0], row.scope);
      return table.columns[0]?.type ?? "dynamic";
    }
    case "column_ifexists":
    case "columnifexists": {
      if (args.length !== 2) return undefined;
      const fallback = ctx.scalar(args[1], row);
      const first = args[0];
      if (first.kind === "Literal" && typeof first.value === "string") {
        return findColumn(row.table, first.value)?.type ?? fallback;
      }
      ctx.scalar(first, row);
      ctx.report(bindDiagnostic("notConstant", first.span, "column name"));
      return fallback;
    }
    case "materialize":
    case "table":
      ctx.report(bindDiagnostic("expectedScalar", call.span));
      return "dynamic";
    case "pack_all":
      return "dynamic";
    case "case": {
      const types = args.map((a) => ctx.scalar(a, row));
      const values = types.filter((_, i) => i % 2 === 1 || i === types.length - 1);
      return commonType(values);
    }
    case "isnull":
    case "isnotnull":
    case "isempty":
    case "isnotempty":
      if (args.length !== 1) return undefined;
      ctx.scalar(args[0], row);
      return "bool";
  }
  return undefined;
}

function bindCall(ctx: BindContext, call: FunctionCallNode, row: RowContext): ScalarType {
  const name = call.name.name;
  const local = ctx.callLetFunction(call, row.scope, row);
  if (local !== undefined) {
    if (local.kind === "scalar") return local.type;
    ctx.report(bindDiagnostic("expectedScalar", call.span));
    return "dynamic";
  }
  const special = bindSpecialCall(ctx, call, row);
  if (special !== undefined) return special;
  const fn = ctx.functions.get(name);
  if (fn === undefined) {
    for (const arg of call.arguments) if (arg.kind !== "Star") ctx.scalar(arg, row);
    ctx.report(bindDiagnostic("unknownFunction", call.name.span, name, ctx.functions.suggest(name)));
    return "dynamic";
  }
  if (fn.needsSerialized && !row.table.serialized) {
    ctx.report(bindDiagnostic("notSerialized", call.name.span, name));
  }
  const aggregateRow: RowContext = fn.kind === "aggregate" ? { ...row, aggregates: false } : row;
  if (fn.kind === "aggregate" && !row.aggregates) {
    ctx.report(bindDiagnostic("aggregateNotAllowed", call.name.span, name));
  }
  const types = call.arguments.map((arg) => {
    if (arg.kind === "Star") return "dynamic";
    if (arg.kind === "TypeOf") return toScalarType(arg.type.name) ?? "dynamic";
    return ctx.scalar(arg.kind === "NamedExpression" ? arg.expression : arg, aggregateRow);
  });
  const resolved = resolveCall(fn, types);
  if (resolved.ok) return resolved.type;
  const problem = resolved.problem;
  if (problem.kind === "arity") {
    const expected = problem.min === problem.max
      ? `${problem.min}`
      : problem.max === Infinity
      ? `at least ${problem.min}`
      : `${problem.min} to ${problem.max}`;
    ctx.report(bindDiagnostic("wrongArgumentCount", call.span, name, expected, call.arguments.length));
  } else {
    const arg = call.arguments[problem.index];
    ctx.report(
      bindDiagnostic(
        "wrongArgumentType",
        arg.span,
        name,
        problem.index + 1,
        problem.expected,
        problem.actual,
      ),
    );
  }
  return fn.signatures[0].returns.startsWith("$") ? "dynamic" : fn.signatures[0].returns as ScalarType;
}

/** Whether a type can be used where a predicate is needed. */
export function isPredicateType(type: ScalarType): boolean {
  return accepts("bool", type);
}
