/**
 * Scalar KQL expressions to DuckDB SQL expressions of the storage convention's types. Operators with a plain SQL
 * equivalent of the same meaning (comparisons, arithmetic, datetime/timespan math, case rules of the string
 * operators, null handling) are spelled in SQL; anything else calls the shared function library through a
 * JavaScript UDF, so both back ends compute it with the same code. What neither can express falls back.
 */
import { binaryResultType } from "../values/arithmetic.ts";
import { MIN_DATETIME } from "../values/mod.ts";
import type {
  BetweenNode,
  BinaryNode,
  ExpressionNode,
  FunctionCallNode,
  InNode,
  LiteralNode,
} from "../syntax/mod.ts";
import type { ScalarType } from "../symbols/types.ts";
import { SCALAR_FUNCTIONS } from "../functions/mod.ts";
import { duckDbType, quoteIdent, sqlLiteral, sqlString } from "./duckdb_types.ts";
import { type SqlContext, SqlFallback, type SqlScope, type UdfSpec } from "./sql_context.ts";

/** The columns a scalar expression can see: name → SQL reference; `$left`/`$right` sides inside a join. */
export interface RowRefs {
  readonly columns: ReadonlyMap<string, string>;
  readonly left?: ReadonlyMap<string, string>;
  readonly right?: ReadonlyMap<string, string>;
}

/** Row references for columns, optionally qualified by a table alias. */
export function rowRefs(
  columns: readonly { name: string }[],
  qualifier?: string,
): ReadonlyMap<string, string> {
  const prefix = qualifier === undefined ? "" : `${qualifier}.`;
  return new Map(columns.map((c) => [c.name, `${prefix}${quoteIdent(c.name)}`]));
}

/** Where a scalar expression is compiled. */
export interface ScalarSite {
  readonly ctx: SqlContext;
  readonly scope: SqlScope;
  readonly row: RowRefs;
  /** Compiles a tabular expression (for `in (T | ...)`), supplied by the tabular compiler. */
  readonly table?: (expr: ExpressionNode) => string;
  /**
   * Compiling a `where` predicate (or an `and`/`or` operand of one): NULL and FALSE both drop the row there,
   * so null-to-false wrappers that would hide a predicate from DuckDB's filter optimizations are left out.
   */
  readonly predicate?: boolean;
}

const NUMERIC = new Set<ScalarType>(["int", "long", "real"]);
const COMPARISON_OPS = new Set(["==", "!=", "<>", "<", "<=", ">", ">="]);
const INTEGRAL = new Set<ScalarType>(["int", "long"]);
const STRINGY = new Set<ScalarType>(["string"]);
/** Functions that depend on more than their arguments, so a per-connection UDF cannot compute them. */
const CONTEXT_FUNCTIONS = new Set(["now", "ago", "rand", "new_guid", "current_principal", "cursor_current"]);

function sameClass(a: ScalarType, b: ScalarType): boolean {
  if (NUMERIC.has(a) && NUMERIC.has(b)) return true;
  const cls = (t: ScalarType) => t === "guid" ? "string" : t;
  return cls(a) === cls(b) && a !== "dynamic" && a !== "decimal";
}

/** Cast an expression to the DuckDB type of a Kusto type. */
export function castTo(sql: string, type: ScalarType): string {
  return `CAST(${sql} AS ${duckDbType(type)})`;
}

const NUMBERS = new Set<ScalarType>(["int", "long", "real", "decimal"]);

/**
 * A value of one Kusto type where another is expected: a cast between numbers or between string and guid;
 * other pairs store values differently (dynamic is JSON text, datetime a TIMESTAMP), so they fall back.
 */
export function convertTo(sql: string, from: ScalarType, to: ScalarType): string {
  const text = (t: ScalarType) => t === "string" || t === "guid";
  if (from === to || (NUMBERS.has(from) && NUMBERS.has(to)) || (text(from) && text(to))) {
    return castTo(sql, to);
  }
  throw new SqlFallback(`a ${from} value where a ${to} is expected`);
}

/** A UDF argument: DuckDB-WASM UDFs take VARCHAR, INTEGER and DOUBLE only. */
function udfArg(sql: string, type: ScalarType): string {
  switch (type) {
    case "string":
    case "guid":
    case "dynamic":
      return `CAST(${sql} AS VARCHAR)`;
    case "int":
      return `CAST(${sql} AS INTEGER)`;
    case "bool":
      return `CAST(${sql} AS INTEGER)`;
    case "datetime":
      return `CAST(epoch_us(${sql}) AS DOUBLE)`;
    default:
      return `CAST(${sql} AS DOUBLE)`;
  }
}

/** A UDF result back in the storage convention. */
function udfResult(call: string, type: ScalarType): string {
  switch (type) {
    case "bool":
      return `CAST(${call} AS BOOLEAN)`;
    case "long":
    case "timespan":
      return `CAST(${call} AS BIGINT)`;
    case "datetime":
      return `make_timestamp(CAST(${call} AS BIGINT))`;
    default:
      return call;
  }
}

/** Call a UDF computing a library function or operator over compiled arguments. */
export function udfCall(
  ctx: SqlContext,
  call: UdfSpec["call"],
  args: readonly { sql: string; type: ScalarType }[],
  returns: ScalarType,
): string {
  const name = ctx.udf({ call, argTypes: args.map((a) => a.type), returns });
  return udfResult(`${name}(${args.map((a) => udfArg(a.sql, a.type)).join(", ")})`, returns);
}

/**
 * Compile a scalar expression.
 *
 * @param expr the bound expression
 * @param site the context, scope and visible columns
 * @returns SQL of the expression's storage type
 */
export function compileScalarSql(expr: ExpressionNode, outer: ScalarSite): string {
  const { ctx } = outer;
  // Only `and`/`or`/parentheses pass the predicate position on to their operands.
  const site = outer.predicate ? { ...outer, predicate: false } : outer;
  switch (expr.kind) {
    case "Literal":
      return literal(expr);
    case "Parenthesized":
      return `(${compileScalarSql(expr.expression, outer)})`;
    case "NamedExpression":
      return compileScalarSql(expr.expression, site);
    case "Unary": {
      const type = ctx.typeOf(expr);
      const operand = compileScalarSql(expr.operand, site);
      if (expr.operator === "+") return operand;
      if (!NUMERIC.has(type) && type !== "timespan") {
        throw new SqlFallback("unary minus on " + type, expr.span);
      }
      return `(-${operand})`;
    }
    case "NameReference":
      return name(expr.name, site, expr);
    case "MemberAccess":
    case "ElementAccess":
      return dynamicPath(expr, site);
    case "Binary":
      return expr.operator === "and" || expr.operator === "or"
        ? `(${compileScalarSql(expr.left, outer)} ${expr.operator.toUpperCase()} ${
          compileScalarSql(expr.right, outer)
        })`
        : binary(expr, site, outer.predicate === true);
    case "Between":
      return between(expr, site);
    case "In":
      return inList(expr, site, outer.predicate === true);
    case "FunctionCall":
      return call(expr, site);
    default:
      throw new SqlFallback(`expression '${expr.kind}'`, expr.span);
  }
}

function literal(expr: LiteralNode): string {
  const sql = sqlLiteral(expr.value as never, expr.type);
  if (sql === undefined) throw new SqlFallback("a literal with no SQL spelling", expr.span);
  return sql;
}

function name(id: string, site: ScalarSite, expr: ExpressionNode): string {
  const column = site.row.columns.get(id);
  if (column !== undefined) return column;
  const binding = site.scope.lookup(id);
  if (binding?.kind === "scalar") return `(${binding.sql})`;
  if (binding?.kind === "function" && binding.definition.parameters.length === 0) {
    return letCall({
      kind: "FunctionCall",
      name: { kind: "Name", name: id, bracketed: false, span: expr.span },
      arguments: [],
      span: expr.span,
    }, site);
  }
  throw new SqlFallback(`name '${id}'`, expr.span);
}

/** `a.b[0]["c"]`: one UDF call with the constant path, or `$left.X`/`$right.X` inside a join. */
function dynamicPath(expr: ExpressionNode, site: ScalarSite): string {
  const path: (string | number)[] = [];
  let target = expr;
  while (target.kind === "MemberAccess" || target.kind === "ElementAccess") {
    if (target.kind === "MemberAccess") {
      if (
        target.target.kind === "NameReference" &&
        (target.target.name === "$left" || target.target.name === "$right")
      ) {
        if (path.length > 0) break;
        const side = target.target.name === "$left" ? site.row.left : site.row.right;
        const ref = side?.get(target.member.name);
        if (ref === undefined) {
          throw new SqlFallback(`'${target.target.name}.${target.member.name}'`, expr.span);
        }
        return ref;
      }
      path.unshift(target.member.name);
      target = target.target;
    } else {
      const index = target.index;
      if (index.kind !== "Literal" || (typeof index.value !== "string" && typeof index.value !== "number")) {
        throw new SqlFallback("a computed dynamic index", index.span);
      }
      path.unshift(index.value);
      target = target.target;
    }
  }
  const baseType = site.ctx.typeOf(target);
  if (baseType !== "dynamic") throw new SqlFallback(`member access on ${baseType}`, expr.span);
  const base = compileScalarSql(target, site);
  const pathSql = sqlLiteral(JSON.stringify(path), "string");
  if (pathSql === undefined) throw new SqlFallback("a dynamic path with no SQL spelling", expr.span);
  return udfCall(site.ctx, { kind: "path" }, [{ sql: base, type: "dynamic" }, {
    sql: pathSql,
    type: "string",
  }], "dynamic");
}

const STRING_FUNCS: Readonly<Record<string, { fn: string; cs: boolean }>> = {
  contains: { fn: "contains", cs: false },
  contains_cs: { fn: "contains", cs: true },
  containscs: { fn: "contains", cs: true },
  startswith: { fn: "starts_with", cs: false },
  startswith_cs: { fn: "starts_with", cs: true },
  endswith: { fn: "ends_with", cs: false },
  endswith_cs: { fn: "ends_with", cs: true },
};

function binary(expr: BinaryNode, site: ScalarSite, predicate: boolean): string {
  const { ctx } = site;
  const op = expr.operator;
  const l = compileScalarSql(expr.left, site);
  const r = compileScalarSql(expr.right, site);
  const lt = ctx.typeOf(expr.left);
  const rt = ctx.typeOf(expr.right);
  if (COMPARISON_OPS.has(op) && INTEGRAL.has(lt) && INTEGRAL.has(rt)) {
    // An INTEGER column against a long literal: compare as INTEGER so DuckDB does not widen every row.
    const narrow = (e: ExpressionNode, other: ScalarType) =>
      other === "int" && e.kind === "Literal" && typeof e.value === "number" && Number.isInteger(e.value) &&
        Math.abs(e.value) < 2 ** 31
        ? `${e.value < 0 ? `(${e.value})` : e.value}`
        : undefined;
    const nl = narrow(expr.left, rt);
    const nr = narrow(expr.right, lt);
    if (nl !== undefined || nr !== undefined) {
      const sqlOp = op === "==" ? "=" : op === "!=" ? "<>" : op;
      return `(${nl ?? l} ${sqlOp} ${nr ?? r})`;
    }
  }
  const resultType = ctx.typeOf(expr);
  const viaUdf = () =>
    udfCall(
      ctx,
      { kind: "operator", operator: op },
      [{ sql: l, type: lt }, { sql: r, type: rt }],
      resultType,
    );
  switch (op) {
    case "<":
    case "<=":
    case ">":
    case ">=": {
      if (!sameClass(lt, rt)) {
        if (lt === "dynamic" || rt === "dynamic") return viaUdf();
        throw new SqlFallback(`'${op}' between ${lt} and ${rt}`, expr.span);
      }
      if (lt === "real" || rt === "real") {
        return `(CASE WHEN isnan(${l}) OR isnan(${r}) THEN FALSE ELSE ${l} ${op} ${r} END)`;
      }
      return `(${l} ${op} ${r})`;
    }
    case "==":
    case "!=":
    case "<>": {
      if (!sameClass(lt, rt)) return viaUdf();
      const sqlOp = op === "==" ? "=" : "<>";
      if (lt === "real" || rt === "real") {
        return `(CASE WHEN isnan(${l}) OR isnan(${r}) THEN ${
          op === "==" ? "FALSE" : "TRUE"
        } ELSE ${l} ${sqlOp} ${r} END)`;
      }
      return `(${l} ${sqlOp} ${r})`;
    }
    case "=~":
    case "!~":
      if (STRINGY.has(lt) && STRINGY.has(rt)) return `(lower(${l}) ${op === "=~" ? "=" : "<>"} lower(${r}))`;
      return viaUdf();
    case "+":
    case "-":
    case "*":
    case "/":
    case "%":
      return arithmetic(op, { l, r, lt, rt }, expr, viaUdf);
  }
  const negated = op.startsWith("!");
  const positive = negated ? op.slice(1) : op;
  const native = STRING_FUNCS[positive];
  if (native !== undefined && STRINGY.has(lt) && STRINGY.has(rt)) {
    // Kusto strings are never null: a null operand reads as "". A constant needle is lowered here, with the
    // same toLowerCase as the in-memory engine.
    const needle = expr.right.kind === "Literal" && typeof expr.right.value === "string"
      ? sqlString(native.cs ? expr.right.value : expr.right.value.toLowerCase())
      : undefined;
    const fold = (s: string) => native.cs ? `coalesce(${s}, '')` : `lower(coalesce(${s}, ''))`;
    const direct = `${native.fn}(${native.cs ? l : `lower(${l})`}, ${needle})`;
    const test = needle !== undefined && needle !== "''"
      ? (predicate && !negated ? direct : `coalesce(${direct}, FALSE)`)
      : `${native.fn}(${fold(l)}, ${fold(r)})`;
    return negated ? `(NOT ${test})` : test;
  }
  return viaUdf();
}

function arithmetic(
  op: "+" | "-" | "*" | "/" | "%",
  { l, r, lt, rt }: { l: string; r: string; lt: ScalarType; rt: ScalarType },
  expr: BinaryNode,
  viaUdf: () => string,
): string {
  const result = binaryResultType(op, lt, rt);
  if (result === undefined) {
    if (lt === "dynamic" || rt === "dynamic") return viaUdf();
    throw new SqlFallback(`'${op}' between ${lt} and ${rt}`, expr.span);
  }
  if (NUMERIC.has(lt) && NUMERIC.has(rt)) {
    const integral = INTEGRAL.has(lt) && INTEGRAL.has(rt);
    if (op === "/") {
      return integral
        ? castTo(`CASE WHEN ${r} = 0 THEN NULL ELSE trunc(CAST(${l} AS DOUBLE) / ${r}) END`, result)
        : udfOrDouble(l, r, "/", viaUdf);
    }
    if (op === "%") {
      return integral ? castTo(`CASE WHEN ${r} = 0 THEN NULL ELSE ${l} % ${r} END`, result) : viaUdf();
    }
    return castTo(`(${castTo(l, result)} ${op} ${castTo(r, result)})`, result);
  }
  if (lt === "datetime" && rt === "datetime" && op === "-") return `(epoch_us(${l}) - epoch_us(${r}))`;
  if (lt === "datetime" && rt === "timespan" && (op === "+" || op === "-")) {
    return `make_timestamp(epoch_us(${l}) ${op} ${r})`;
  }
  if (lt === "timespan" && rt === "datetime" && op === "+") return `make_timestamp(${l} + epoch_us(${r}))`;
  if (lt === "timespan" && rt === "timespan" && (op === "+" || op === "-")) return `(${l} ${op} ${r})`;
  if (result === "timespan" && op === "*" && (NUMERIC.has(lt) || NUMERIC.has(rt))) {
    return `CAST(floor(CAST(${l} AS DOUBLE) * ${r} + 0.5) AS BIGINT)`;
  }
  return viaUdf();
}

/** Real division: IEEE results (±Infinity, NaN) where DuckDB would give NULL, so it stays in JavaScript. */
function udfOrDouble(l: string, r: string, _op: string, viaUdf: () => string): string {
  return `(CASE WHEN ${r} = 0 THEN ${viaUdf()} ELSE CAST(${l} AS DOUBLE) / ${r} END)`;
}

function between(expr: BetweenNode, site: ScalarSite): string {
  const { ctx } = site;
  const vt = ctx.typeOf(expr.left);
  const lowT = ctx.typeOf(expr.low);
  const highT = ctx.typeOf(expr.high);
  const v = compileScalarSql(expr.left, site);
  const lo = compileScalarSql(expr.low, site);
  let hi = compileScalarSql(expr.high, site);
  if (lowT === "datetime" && highT === "timespan") hi = `make_timestamp(epoch_us(${lo}) + ${hi})`;
  else if (!sameClass(vt, lowT) || !sameClass(vt, highT) || vt === "real" || vt === "string") {
    throw new SqlFallback(`between on ${vt}`, expr.span);
  }
  return `(${expr.negated ? "NOT " : ""}(${v} BETWEEN ${lo} AND ${hi}))`;
}

function inList(expr: InNode, site: ScalarSite, predicate: boolean): string {
  const { ctx } = site;
  const lt = ctx.typeOf(expr.left);
  const op = expr.operator;
  const negated = op.startsWith("!");
  const positive = negated ? op.slice(1) : op;
  const l = compileScalarSql(expr.left, site);
  if (positive === "in" || positive === "in~") {
    const fold = (s: string) => positive === "in~" ? `lower(${s})` : s;
    if (lt === "dynamic" || lt === "real" || lt === "decimal") {
      throw new SqlFallback(`in on ${lt}`, expr.span);
    }
    let list: string;
    if (expr.values.length === 1 && ctx.info.tables.has(expr.values[0]) && site.table !== undefined) {
      const sub = site.table(expr.values[0]);
      const a = ctx.alias();
      list = `SELECT ${fold(`${a}.c`)} FROM (${sub}) AS ${a}(c)`;
    } else {
      const items: string[] = [];
      for (const value of expr.values) {
        const vt = ctx.typeOf(value);
        if (value.kind === "Literal" && value.value === null) continue;
        if (!sameClass(lt, vt) || (positive === "in~" && !STRINGY.has(vt) && vt !== "guid")) {
          throw new SqlFallback(`in with a ${vt} value`, value.span);
        }
        items.push(fold(compileScalarSql(value, site)));
      }
      if (items.length === 0) {
        return `(CASE WHEN ${l} IS NULL THEN NULL ELSE ${negated ? "TRUE" : "FALSE"} END)`;
      }
      list = items.join(", ");
    }
    const test = predicate && !negated
      ? `(${fold(l)} IN (${list}))`
      : `(CASE WHEN ${l} IS NULL THEN NULL ELSE coalesce(${fold(l)} IN (${list}), FALSE) END)`;
    return negated ? `(NOT ${test})` : test;
  }
  // has_any / has_all: the library's term matching over a constant list.
  const values: unknown[] = [];
  for (const value of expr.values) {
    if (value.kind !== "Literal") throw new SqlFallback(`${op} with a computed value`, value.span);
    if (Array.isArray(value.value)) values.push(...value.value);
    else values.push(value.value);
  }
  const listSql = sqlLiteral(values as never, "dynamic");
  if (listSql === undefined) throw new SqlFallback(`${op} list`, expr.span);
  return udfCall(ctx, { kind: "operator", operator: op }, [{ sql: l, type: lt }, {
    sql: listSql,
    type: "dynamic",
  }], "bool");
}

function call(expr: FunctionCallNode, site: ScalarSite): string {
  const { ctx } = site;
  const fname = expr.name.name;
  if (ctx.info.calls.has(expr) || site.scope.lookup(fname)?.kind === "function") return letCall(expr, site);
  const lower = fname.toLowerCase();
  const args = expr.arguments;
  if (args.some((a) => a.kind === "NamedExpression" || a.kind === "Star")) {
    throw new SqlFallback(`call of '${fname}' with named arguments`, expr.span);
  }
  const type = ctx.typeOf(expr);
  const arg = (i: number) => compileScalarSql(args[i], site);
  const argType = (i: number) => ctx.typeOf(args[i]);
  switch (lower) {
    case "now":
      if (args.length === 0) return sqlLiteral(ctx.now, "datetime")!;
      if (argType(0) === "timespan") return `make_timestamp(${sqlLiteral(ctx.now, "long")} + ${arg(0)})`;
      break;
    case "ago":
      if (args.length === 1 && argType(0) === "timespan") {
        return `make_timestamp(${sqlLiteral(ctx.now, "long")} - ${arg(0)})`;
      }
      break;
    case "iff":
    case "iif":
      if (args.length === 3) {
        return `(CASE WHEN ${arg(0)} THEN ${convertTo(arg(1), argType(1), type)} ELSE ${
          convertTo(arg(2), argType(2), type)
        } END)`;
      }
      break;
    case "case": {
      if (args.length < 3 || args.length % 2 === 0) break;
      let sql = "(CASE";
      for (let i = 0; i + 1 < args.length; i += 2) {
        sql += ` WHEN ${arg(i)} THEN ${convertTo(arg(i + 1), argType(i + 1), type)}`;
      }
      return `${sql} ELSE ${convertTo(arg(args.length - 1), argType(args.length - 1), type)} END)`;
    }
    case "not":
      if (args.length === 1 && argType(0) === "bool") return `(NOT ${arg(0)})`;
      break;
    case "isnull":
      if (args.length === 1) return `(${arg(0)} IS NULL)`;
      break;
    case "isnotnull":
      if (args.length === 1) return `(${arg(0)} IS NOT NULL)`;
      break;
    case "isempty":
      if (args.length === 1 && STRINGY.has(argType(0))) return `coalesce(${arg(0)} = '', TRUE)`;
      break;
    case "isnotempty":
      if (args.length === 1 && STRINGY.has(argType(0))) return `coalesce(${arg(0)} <> '', FALSE)`;
      break;
    case "tolower":
      if (args.length === 1 && STRINGY.has(argType(0))) return `lower(coalesce(${arg(0)}, ''))`;
      break;
    case "toupper":
      if (args.length === 1 && STRINGY.has(argType(0))) return `upper(coalesce(${arg(0)}, ''))`;
      break;
    case "bin":
    case "floor":
      if (args.length === 2) {
        const size = args[1];
        const st = argType(1);
        const vt = argType(0);
        const constant = size.kind === "Literal" && typeof size.value === "number" && size.value > 0
          ? size.value
          : undefined;
        if (constant !== undefined && vt === "datetime" && st === "timespan") {
          return `make_timestamp(CAST(floor((CAST(epoch_us(${
            arg(0)
          }) AS DOUBLE) - (${MIN_DATETIME})) / ${constant}) * ${constant} + (${MIN_DATETIME}) AS BIGINT))`;
        }
        if (constant !== undefined && (NUMERIC.has(vt) || vt === "timespan") && vt === type) {
          return castTo(`floor(CAST(${arg(0)} AS DOUBLE) / ${constant}) * ${constant}`, type);
        }
      }
      break;
  }
  if (CONTEXT_FUNCTIONS.has(lower) || SCALAR_FUNCTIONS[lower] === undefined) {
    throw new SqlFallback(`function '${fname}'`, expr.span);
  }
  return udfCall(
    ctx,
    { kind: "function", name: lower },
    args.map((_, i) => ({ sql: arg(i), type: argType(i) })),
    type,
  );
}

/** A `let` function called in a scalar position: its body inlined with the arguments bound to parameters. */
function letCall(expr: FunctionCallNode, site: ScalarSite): string {
  const binding = site.scope.lookup(expr.name.name);
  if (binding?.kind !== "function") throw new SqlFallback(`function '${expr.name.name}'`, expr.span);
  const { definition } = binding;
  const body = new (site.scope.constructor as new (p: SqlScope) => SqlScope)(binding.scope);
  const positional = expr.arguments;
  definition.parameters.forEach((param, i) => {
    if (param.type.kind !== "ScalarType") {
      throw new SqlFallback("a tabular parameter in a scalar call", expr.span);
    }
    const arg = positional[i];
    const source = arg ?? param.defaultValue;
    if (source === undefined || arg?.kind === "NamedExpression") {
      throw new SqlFallback("a function call with missing or named arguments", expr.span);
    }
    const sql = compileScalarSql(source, arg === undefined ? { ...site, scope: binding.scope } : site);
    body.define(param.name.name, { kind: "scalar", sql, type: site.ctx.typeOf(source) });
  });
  let result: string | undefined;
  for (const statement of definition.body) {
    if (statement.kind === "LetStatement" && statement.value.kind !== "FunctionDefinition") {
      const value = statement.value;
      if (site.ctx.info.tables.has(value)) {
        throw new SqlFallback("a tabular let in a scalar function", value.span);
      }
      const sql = compileScalarSql(value, { ...site, scope: body });
      body.define(statement.name.name, { kind: "scalar", sql, type: site.ctx.typeOf(value) });
    } else if (statement.kind === "LetStatement") {
      body.define(statement.name.name, {
        kind: "function",
        definition: statement.value as never,
        scope: body,
      });
    } else if (statement.kind === "ExpressionStatement") {
      result = compileScalarSql(statement.expression, { ...site, scope: body });
    }
  }
  if (result === undefined) throw new SqlFallback("a function without a result", expr.span);
  return `(${result})`;
}
