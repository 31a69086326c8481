/**
 * Scalar expressions → closures over a row layout. Names are resolved to column positions once, constant
 * sub-expressions are folded, string operators with a constant right side use the precompiled matchers of
 * query/functions, so evaluating a row is a chain of direct calls with no tree walk and no name lookups.
 */
import type {
  BetweenNode,
  BinaryNode,
  ExpressionNode,
  FunctionCallNode,
  InNode,
  NameReferenceNode,
} from "../syntax/ast.ts";
import {
  between,
  compileStringMatcher,
  SCALAR_FUNCTIONS,
  type ScalarFunction,
  STRING_OPERATORS,
} from "../functions/mod.ts";
import { FunctionRegistry } from "../symbols/functions/mod.ts";
import type { ScalarType } from "../symbols/types.ts";
import {
  binaryOperation,
  type BinaryOperator,
  getIndex,
  getProperty,
  kqlEquals,
  MIN_DATETIME,
  type Value,
} from "../values/mod.ts";
import { evalDiagnostic, EvalStop } from "./eval_codes.ts";
import { type EvalContext, EvalScope, type Layout } from "./eval_context.ts";
import type { Eval, Row } from "./push_operator.ts";
import { compileRowFunction, ROW_FUNCTIONS, type RowCursor } from "./row_functions.ts";

/** Where a scalar expression is compiled: its row layout and the names in scope. */
export interface ScalarEnv {
  readonly ctx: EvalContext;
  readonly scope: EvalScope;
  readonly layout: Layout;
  /** For row functions (`row_number`, `prev`, `next`, ...): the operator positions it before each row. */
  readonly cursor?: RowCursor;
  /** Inside summarize/make-series: turns an aggregate call into a read of its result slot. */
  readonly aggregate?: (call: FunctionCallNode) => Eval;
  /** Join conditions: rows are the left row followed by the right row. */
  readonly sides?: { readonly left: Layout; readonly right: Layout };
}

/** A compiled expression; `constant` when it does not depend on the row (it was folded). */
export interface Compiled {
  readonly eval: Eval;
  readonly constant: boolean;
}

const REGISTRY = FunctionRegistry.builtin();
const NO_ROW: Row = [];
const NUMERIC_TYPES: ReadonlySet<ScalarType> = new Set([
  "int",
  "long",
  "real",
  "decimal",
  "datetime",
  "timespan",
]);
/** Functions whose result changes between calls with the same arguments: never folded. */
const VOLATILE = new Set(["rand", "new_guid"]);

function constant(value: Value): Compiled {
  return { eval: () => value, constant: true };
}

/** Fold a closure whose inputs are all constant into its value. */
function maybeFold(eval_: Eval, inputs: readonly Compiled[]): Compiled {
  if (inputs.every((i) => i.constant)) return constant(eval_(NO_ROW));
  return { eval: eval_, constant: false };
}

/**
 * Compile a scalar expression.
 *
 * @param expr the bound expression
 * @param env the layout and scope it runs in
 * @returns the closure; throws {@link EvalStop} for constructs the evaluator does not run
 */
export function compileScalar(expr: ExpressionNode, env: ScalarEnv): Compiled {
  env.ctx.checkAbort(expr.span);
  switch (expr.kind) {
    case "Literal":
      return constant(expr.value as Value);
    case "NameReference":
      return compileName(expr, env);
    case "Parenthesized":
      return compileScalar(expr.expression, env);
    case "NamedExpression":
      return compileScalar(expr.expression, env);
    case "Unary": {
      const operand = compileScalar(expr.operand, env);
      if (expr.operator === "+") return operand;
      const f = operand.eval;
      return maybeFold((r) => {
        const v = f(r);
        return typeof v === "number" ? -v : null;
      }, [operand]);
    }
    case "Binary":
      return compileBinary(expr, env);
    case "In":
      return compileIn(expr, env);
    case "Between":
      return compileBetween(expr, env);
    case "FunctionCall":
      return compileCall(expr, env);
    case "MemberAccess": {
      const target = expr.target;
      if (target.kind === "NameReference" && (target.name === "$left" || target.name === "$right")) {
        return compileSide(target.name, expr.member.name, env, expr.span);
      }
      const t = compileScalar(target, env);
      const name = expr.member.name;
      const f = t.eval;
      return maybeFold((r) => getProperty(f(r), name), [t]);
    }
    case "ElementAccess": {
      const t = compileScalar(expr.target, env);
      const i = compileScalar(expr.index, env);
      const ft = t.eval;
      const fi = i.eval;
      return maybeFold((r) => getIndex(ft(r), fi(r)), [t, i]);
    }
    default:
      throw new EvalStop(evalDiagnostic("unsupportedExpression", expr.span, expr.kind));
  }
}

function compileSide(side: string, name: string, env: ScalarEnv, span: ExpressionNode["span"]): Compiled {
  const sides = env.sides;
  if (sides === undefined) throw new EvalStop(evalDiagnostic("unsupportedExpression", span, side));
  const layout = side === "$left" ? sides.left : sides.right;
  const at = layout.index.get(name);
  if (at === undefined) return constant(null);
  const offset = side === "$left" ? at : sides.left.columns.length + at;
  return { eval: (r) => r[offset], constant: false };
}

function compileName(expr: NameReferenceNode, env: ScalarEnv): Compiled {
  const at = env.layout.index.get(expr.name);
  if (at !== undefined) return { eval: (r) => r[at], constant: false };
  const binding = env.scope.lookup(expr.name);
  if (binding?.kind === "scalar") return { eval: binding.eval, constant: binding.constant };
  if (binding?.kind === "function" && binding.definition.parameters.length === 0) {
    return compileLetCall({ ...callOf(expr) }, env);
  }
  // A column the binder could not see (an open schema such as a custom table): Kusto's column_ifexists null.
  return constant(null);
}

function callOf(expr: NameReferenceNode): FunctionCallNode {
  return {
    kind: "FunctionCall",
    name: { kind: "Name", name: expr.name, bracketed: expr.bracketed, span: expr.span },
    arguments: [],
    span: expr.span,
  };
}

const COMPARISONS = new Set(["<", "<=", ">", ">="]);
const ARITHMETIC = new Set(["+", "-", "*", "/", "%"]);

function compileBinary(expr: BinaryNode, env: ScalarEnv): Compiled {
  const op = expr.operator;
  const left = compileScalar(expr.left, env);
  const right = compileScalar(expr.right, env);
  const l = left.eval;
  const rr = right.eval;
  if (op === "and") {
    return maybeFold((r) => {
      const a = l(r);
      if (a === false) return false;
      const b = rr(r);
      if (b === false) return false;
      return a === true && b === true ? true : null;
    }, [left, right]);
  }
  if (op === "or") {
    return maybeFold((r) => {
      const a = l(r);
      if (a === true) return true;
      const b = rr(r);
      if (b === true) return true;
      return a === false && b === false ? false : null;
    }, [left, right]);
  }
  const lt = env.ctx.typeOf(expr.left);
  const rt = env.ctx.typeOf(expr.right);
  if (COMPARISONS.has(op) || ARITHMETIC.has(op)) {
    // The binder lets a string meet a number here; Kusto rejects it, and ordering them would be a wrong answer.
    if (
      (lt === "string" && NUMERIC_TYPES.has(rt)) || (rt === "string" && NUMERIC_TYPES.has(lt))
    ) {
      throw new EvalStop(evalDiagnostic("operatorTypes", expr.span, op, lt, rt));
    }
    return maybeFold(numericOperator(op as BinaryOperator, l, rr, lt, rt, right), [left, right]);
  }
  if (op === "==" || op === "!=" || op === "<>") {
    const negate = op !== "==";
    if (right.constant) {
      const c = rr(NO_ROW);
      if (c !== null && typeof c !== "object") {
        return maybeFold(
          negate
            ? (r) => {
              const v = l(r);
              return v === null ? null : v !== c;
            }
            : (r) => {
              const v = l(r);
              return v === null ? null : v === c;
            },
          [left],
        );
      }
    }
    return maybeFold((r) => {
      const e = kqlEquals(l(r), rr(r));
      return e === null ? null : negate ? !e : e;
    }, [left, right]);
  }
  const name = op === ":"
    ? "has"
    : op === "containscs"
    ? "contains_cs"
    : op === "!containscs"
    ? "!contains_cs"
    : op;
  if (right.constant) {
    const matcher = compileStringMatcher(name, rr(NO_ROW));
    if (matcher !== undefined) return maybeFold((r) => matcher(l(r)), [left]);
  }
  const fn = STRING_OPERATORS[name];
  if (fn === undefined) throw new EvalStop(evalDiagnostic("unsupportedExpression", expr.span, op));
  return maybeFold((r) => fn(l(r), rr(r)), [left, right]);
}

/** Comparisons and arithmetic, with a direct path for plain numbers (the common case in filters). */
function numericOperator(
  op: BinaryOperator,
  l: Eval,
  rr: Eval,
  lt: ScalarType,
  rt: ScalarType,
  right: Compiled,
): Eval {
  const types = { left: lt, right: rt };
  const plain = NUMERIC_TYPES.has(lt) && NUMERIC_TYPES.has(rt) && lt !== "decimal" && rt !== "decimal";
  if (plain && COMPARISONS.has(op) && right.constant) {
    const c = rr(NO_ROW);
    if (typeof c === "number" && c === c) {
      switch (op) {
        case "<":
          return (r) => {
            const v = l(r) as number | null;
            return v === null ? null : v < c;
          };
        case "<=":
          return (r) => {
            const v = l(r) as number | null;
            return v === null ? null : v <= c;
          };
        case ">":
          return (r) => {
            const v = l(r) as number | null;
            return v === null ? null : v > c;
          };
        case ">=":
          return (r) => {
            const v = l(r) as number | null;
            return v === null ? null : v >= c;
          };
      }
    }
  }
  if (plain && (op === "+" || op === "-")) {
    return op === "+"
      ? (r) => {
        const a = l(r);
        const b = rr(r);
        return a === null || b === null ? null : (a as number) + (b as number);
      }
      : (r) => {
        const a = l(r);
        const b = rr(r);
        return a === null || b === null ? null : (a as number) - (b as number);
      };
  }
  return (r) => binaryOperation(op, l(r), rr(r), types);
}

function compileBetween(expr: BetweenNode, env: ScalarEnv): Compiled {
  const value = compileScalar(expr.left, env);
  const low = compileScalar(expr.low, env);
  const high = compileScalar(expr.high, env);
  // `datetime between (start .. timespan)`: the upper bound is start + timespan.
  const relative = env.ctx.typeOf(expr.low) === "datetime" && env.ctx.typeOf(expr.high) === "timespan";
  const fv = value.eval;
  const fl = low.eval;
  const fh = high.eval;
  const negated = expr.negated;
  return maybeFold((r) => {
    const lo = fl(r);
    let hi = fh(r);
    if (relative && typeof lo === "number" && typeof hi === "number") hi = lo + hi;
    const b = between(fv(r), lo, hi);
    return b === null ? null : negated ? !b : b;
  }, [value, low, high]);
}

function compileIn(expr: InNode, env: ScalarEnv): Compiled {
  const left = compileScalar(expr.left, env);
  const parts: Compiled[] = [];
  for (const value of expr.values) {
    if (env.ctx.info.tables.has(value)) {
      const table = env.ctx.evaluateTable(value, env.scope);
      parts.push(constant(table.rows.map((row) => row[0] ?? null)));
    } else parts.push(compileScalar(value, env));
  }
  const l = left.eval;
  if (parts.every((p) => p.constant)) {
    const list = parts.map((p) => p.eval(NO_ROW));
    const matcher = compileStringMatcher(expr.operator, list);
    if (matcher !== undefined) return maybeFold((r) => matcher(l(r)), [left]);
  }
  const fn = STRING_OPERATORS[expr.operator];
  if (fn === undefined) throw new EvalStop(evalDiagnostic("unsupportedExpression", expr.span, expr.operator));
  const evals = parts.map((p) => p.eval);
  return maybeFold((r) => fn(l(r), evals.map((e) => e(r))), [left, ...parts]);
}

function compileCall(call: FunctionCallNode, env: ScalarEnv): Compiled {
  const name = call.name.name;
  if (env.ctx.info.calls.has(call) || env.scope.lookup(name)?.kind === "function") {
    return compileLetCall(call, env);
  }
  const symbol = REGISTRY.get(name);
  if (symbol?.kind === "aggregate") {
    if (env.aggregate === undefined) {
      throw new EvalStop(evalDiagnostic("unsupportedFunction", call.name.span, name));
    }
    return { eval: env.aggregate(call), constant: false };
  }
  if (ROW_FUNCTIONS.has(name)) {
    if (env.cursor === undefined) {
      throw new EvalStop(evalDiagnostic("unsupportedFunction", call.name.span, name));
    }
    const args = call.arguments.map((a) => compileScalar(a, env).eval);
    return { eval: compileRowFunction(name, args, env.cursor), constant: false };
  }
  switch (name) {
    case "toscalar": {
      const table = env.ctx.evaluateTable(call.arguments[0], env.scope);
      return constant(table.rows[0]?.[0] ?? null);
    }
    case "column_ifexists":
    case "columnifexists": {
      const first = call.arguments[0];
      const at = first?.kind === "Literal" && typeof first.value === "string"
        ? env.layout.index.get(first.value)
        : undefined;
      if (at !== undefined) return { eval: (r) => r[at], constant: false };
      return compileScalar(call.arguments[1], env);
    }
    case "pack_all": {
      const columns = env.layout.columns;
      const skipNulls = call.arguments.length > 0;
      const ignore = skipNulls ? compileScalar(call.arguments[0], env).eval(NO_ROW) === true : false;
      return {
        eval: (r) => {
          const bag: Record<string, Value> = {};
          for (let i = 0; i < columns.length; i++) {
            const v = r[i];
            if (ignore && (v === null || v === "")) continue;
            bag[columns[i].name] = v;
          }
          return bag;
        },
        constant: false,
      };
    }
    case "materialize":
    case "table":
      throw new EvalStop(evalDiagnostic("unsupportedFunction", call.name.span, name));
  }
  const fast = fastCall(call, env);
  if (fast !== undefined) return fast;
  const fn: ScalarFunction | undefined = SCALAR_FUNCTIONS[name];
  if (fn === undefined) throw new EvalStop(evalDiagnostic("unsupportedFunction", call.name.span, name));
  const args = call.arguments.map((a) => a.kind === "TypeOf" ? constant(a.type.name) : compileScalar(a, env));
  const argTypes = call.arguments.map((a) =>
    a.kind === "NamedExpression" ? env.ctx.typeOf(a.expression) : env.ctx.typeOf(a)
  );
  const context = { now: env.ctx.now, argTypes, random: env.ctx.random };
  const evals = args.map((a) => a.eval);
  const invoke = fn.invoke;
  let eval_: Eval;
  switch (evals.length) {
    case 0:
      eval_ = () => invoke([], context);
      break;
    case 1: {
      const [a] = evals;
      eval_ = (r) => invoke([a(r)], context);
      break;
    }
    case 2: {
      const [a, b] = evals;
      eval_ = (r) => invoke([a(r), b(r)], context);
      break;
    }
    default:
      eval_ = (r) => invoke(evals.map((e) => e(r)), context);
  }
  if (VOLATILE.has(name)) return { eval: eval_, constant: false };
  return maybeFold(eval_, args);
}

/**
 * Direct closures for the hottest calls of detection filters (`bin` by a constant, `tolower`/`toupper` of a
 * string), skipping the generic argument array. They compute what query/functions computes for these types;
 * fast_call_test.ts checks them against the library.
 */
function fastCall(call: FunctionCallNode, env: ScalarEnv): Compiled | undefined {
  const name = call.name.name;
  const args = call.arguments;
  if ((name === "bin" || name === "floor") && args.length === 2) {
    const type = env.ctx.typeOf(args[0]);
    if (!["long", "int", "real", "datetime", "timespan"].includes(type)) return undefined;
    const size = compileScalar(args[1], env);
    if (!size.constant) return undefined;
    const step = size.eval(NO_ROW);
    if (typeof step !== "number" || !(step > 0)) return undefined;
    const value = compileScalar(args[0], env);
    const f = value.eval;
    // Datetimes are binned from the start of the datetime range, as query/functions does.
    const origin = type === "datetime" ? MIN_DATETIME : 0;
    return maybeFold((r) => {
      const v = f(r);
      return typeof v === "number" ? Math.floor((v - origin) / step) * step + origin : null;
    }, [value]);
  }
  if (
    (name === "tolower" || name === "toupper") && args.length === 1 && env.ctx.typeOf(args[0]) === "string"
  ) {
    const value = compileScalar(args[0], env);
    const f = value.eval;
    const lower = name === "tolower";
    return maybeFold((r) => {
      const v = f(r);
      if (typeof v !== "string") return "";
      return lower ? v.toLowerCase() : v.toUpperCase();
    }, [value]);
  }
  return undefined;
}

/** A call of a `let` function: its body is compiled in place, parameters bound to the argument closures. */
function compileLetCall(call: FunctionCallNode, env: ScalarEnv): Compiled {
  const binding = env.scope.lookup(call.name.name);
  if (binding?.kind !== "function") {
    throw new EvalStop(evalDiagnostic("unsupportedFunction", call.name.span, call.name.name));
  }
  const definition = binding.definition;
  const body = new EvalScope(binding.scope);
  const positional = call.arguments.filter((a) => a.kind !== "NamedExpression");
  const named = new Map<string, ExpressionNode>();
  for (const a of call.arguments) if (a.kind === "NamedExpression") named.set(a.names[0].name, a.expression);
  let next = 0;
  for (const param of definition.parameters) {
    const pname = param.name.name;
    const arg = named.get(pname) ?? (next < positional.length ? positional[next++] : undefined);
    if (param.type.kind === "TabularType") {
      if (arg === undefined) continue;
      const scope = env.scope;
      let cached: ReturnType<EvalContext["evaluateTable"]> | undefined;
      body.define(pname, {
        kind: "tabular",
        table: () => cached ??= env.ctx.evaluateTable(arg, scope),
      });
      continue;
    }
    const source = arg ?? param.defaultValue;
    const compiled = source === undefined
      ? constant(null)
      : compileScalar(source, arg === undefined ? { ...env, scope: binding.scope } : env);
    body.define(pname, {
      kind: "scalar",
      eval: compiled.eval,
      type: env.ctx.typeOf(source ?? call),
      constant: compiled.constant,
    });
  }
  let result: Compiled = constant(null);
  for (const statement of definition.body) {
    if (statement.kind === "LetStatement") {
      const value = statement.value;
      if (value.kind === "FunctionDefinition") {
        body.define(statement.name.name, { kind: "function", definition: value, scope: body });
      } else if (env.ctx.info.tables.has(value)) {
        let cached: ReturnType<EvalContext["evaluateTable"]> | undefined;
        const scope = body;
        body.define(statement.name.name, {
          kind: "tabular",
          table: () => cached ??= env.ctx.evaluateTable(value, scope),
        });
      } else {
        const c = compileScalar(value, { ...env, scope: body });
        body.define(statement.name.name, {
          kind: "scalar",
          eval: c.eval,
          type: env.ctx.typeOf(value),
          constant: c.constant,
        });
      }
    } else if (statement.kind === "ExpressionStatement") {
      if (env.ctx.info.tables.has(statement.expression)) {
        throw new EvalStop(evalDiagnostic("unsupportedExpression", call.span, "tabular function in a row"));
      }
      result = compileScalar(statement.expression, { ...env, scope: body });
    }
  }
  return result;
}
