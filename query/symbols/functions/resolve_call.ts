import type { ScalarType } from "../types.ts";
import type { FunctionSymbol, ParameterType, ReturnRule, SignatureSymbol } from "./function_symbol.ts";

/** The outcome of matching call arguments against a function's signatures. */
export type CallResolution =
  | { readonly ok: true; readonly type: ScalarType; readonly signature: SignatureSymbol }
  | { readonly ok: false; readonly problem: CallProblem };

/** Why no signature matched: too few/many arguments, or one argument of the wrong type. */
export type CallProblem =
  | { readonly kind: "arity"; readonly min: number; readonly max: number }
  | {
    readonly kind: "argumentType";
    readonly index: number;
    readonly expected: ParameterType;
    readonly actual: ScalarType;
  };

const NUMERIC: readonly ScalarType[] = ["int", "long", "real", "decimal"];

/**
 * Whether a value of type `actual` can be passed where `expected` is declared. Kusto widens int → long →
 * real → decimal implicitly, and a `dynamic` value is checked at run time, so it is accepted everywhere.
 *
 * @example
 * ```ts
 * import { accepts } from "./resolve_call.ts";
 * accepts("real", "int"); // true
 * accepts("string", "datetime"); // false
 * ```
 */
export function accepts(expected: ParameterType, actual: ScalarType): boolean {
  if (expected === "any" || actual === "dynamic" || expected === actual) return true;
  switch (expected) {
    case "number":
      return NUMERIC.includes(actual);
    case "summable":
      return NUMERIC.includes(actual) || actual === "datetime" || actual === "timespan";
    case "long":
    case "int":
    case "real":
    case "decimal":
      return NUMERIC.includes(actual);
    case "string":
      // Kusto converts guids to strings implicitly for string functions.
      return actual === "guid";
    case "bool":
      return false;
    default:
      return false;
  }
}

/**
 * Find the signature a call matches and the type it returns. Signatures are tried in order; the problem of
 * the signature that got furthest is reported when none matches.
 *
 * @param fn the function
 * @param args the argument types, in order
 * @returns the matched signature and result type, or why the call is invalid
 * @example
 * ```ts
 * import { FunctionRegistry } from "./function_registry.ts";
 * import { resolveCall } from "./resolve_call.ts";
 * const bin = FunctionRegistry.builtin().get("bin")!;
 * resolveCall(bin, ["datetime", "timespan"]); // { ok: true, type: "datetime", ... }
 * ```
 */
export function resolveCall(fn: FunctionSymbol, args: readonly ScalarType[]): CallResolution {
  let best: CallProblem | undefined;
  let bestScore = -1;
  for (const signature of fn.signatures) {
    const { min, max } = arity(signature);
    if (args.length < min || args.length > max) {
      if (bestScore < 0) best = { kind: "arity", min: arityMin(fn), max: arityMax(fn) };
      continue;
    }
    const mismatch = args.findIndex((type, i) => !accepts(parameterAt(signature, i).type, type));
    if (mismatch < 0) return { ok: true, type: returnType(signature.returns, args), signature };
    if (mismatch > bestScore) {
      bestScore = mismatch;
      best = {
        kind: "argumentType",
        index: mismatch,
        expected: parameterAt(signature, mismatch).type,
        actual: args[mismatch],
      };
    }
  }
  return { ok: false, problem: best ?? { kind: "arity", min: 0, max: 0 } };
}

function parameterAt(signature: SignatureSymbol, index: number) {
  const params = signature.parameters;
  return index < params.length ? params[index] : params[params.length - 1];
}

function arity(signature: SignatureSymbol): { min: number; max: number } {
  const params = signature.parameters;
  const min = params.filter((p) => !p.optional).length;
  const max = params.some((p) => p.variadic) ? Infinity : params.length;
  return { min, max };
}

function arityMin(fn: FunctionSymbol): number {
  return Math.min(...fn.signatures.map((s) => arity(s).min));
}

function arityMax(fn: FunctionSymbol): number {
  return Math.max(...fn.signatures.map((s) => arity(s).max));
}

/**
 * Apply a return rule to argument types.
 *
 * @example
 * ```ts
 * import { returnType } from "./resolve_call.ts";
 * returnType("$sum", ["int"]); // "long"
 * returnType("$common", ["string", "string"]); // "string"
 * ```
 */
export function returnType(rule: ReturnRule, args: readonly ScalarType[]): ScalarType {
  if (!rule.startsWith("$")) return rule as ScalarType;
  switch (rule) {
    case "$num":
      return widestNumeric(args);
    case "$sum": {
      const t = args[0] ?? "long";
      return t === "int" ? "long" : t;
    }
    case "$last":
      return args[args.length - 1] ?? "dynamic";
    case "$common":
      return commonType(args);
    case "$tail":
      return commonType(args.slice(1));
    default:
      return args[Number(rule.slice(1))] ?? "dynamic";
  }
}

/** The widest numeric type among the arguments (`long` when there are none). */
export function widestNumeric(types: readonly ScalarType[]): ScalarType {
  let best = -1;
  for (const t of types) best = Math.max(best, NUMERIC.indexOf(t));
  return best < 0 ? "long" : NUMERIC[best];
}

/**
 * The type several values share: equal types stay, numeric types widen, anything else is `dynamic`.
 * A leading `bool` condition (as in `iff(c, a, b)`) is the caller's business: pass only the values.
 */
export function commonType(types: readonly ScalarType[]): ScalarType {
  if (types.length === 0) return "dynamic";
  if (types.every((t) => t === types[0])) return types[0];
  if (types.every((t) => NUMERIC.includes(t))) return widestNumeric(types);
  return "dynamic";
}
