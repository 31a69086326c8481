import type { ScalarType } from "../symbols/types.ts";
import type { Value } from "../values/value.ts";
import { toKqlString } from "../values/to_string.ts";

/**
 * What a scalar function may know beyond its arguments. The evaluator builds one per call site: `argTypes` come
 * from the binder (run-time values do not say whether a number is a datetime or a long), `now` is the query's
 * fixed "current time" (a detection window's end, for rules), `random` is injected so results can be reproduced.
 */
export interface CallContext {
  /** The query's `now()`, microseconds since the Unix epoch. */
  readonly now: number;
  /** The static types of the arguments, as bound. */
  readonly argTypes: readonly ScalarType[];
  /** A source of uniform numbers in [0, 1). */
  readonly random: () => number;
}

/** How a function's result type follows from its argument types. */
export type ReturnType = ScalarType | ((argTypes: readonly ScalarType[]) => ScalarType);

/**
 * One scalar function, declared as data: its arity, result type and implementation over already-evaluated
 * argument values. Implementations never throw on user input; they return null where Kusto does.
 */
export interface ScalarFunction {
  readonly minArgs: number;
  /** `Infinity` for variadic functions. */
  readonly maxArgs: number;
  readonly returns: ReturnType;
  readonly invoke: (args: readonly Value[], context: CallContext) => Value;
}

/** Scalar functions by lower-case KQL name. */
export type ScalarFunctionTable = Readonly<Record<string, ScalarFunction>>;

/** The result type of the first argument (for `bin`, `min_of`, `coalesce`, ...). */
export const SAME_AS_FIRST = (argTypes: readonly ScalarType[]): ScalarType => argTypes[0] ?? "dynamic";

/**
 * Declares a function. `strict` (the default) returns null as soon as an argument is null, which is Kusto's null
 * propagation for most functions; functions with their own null rules pass `strict: false`.
 */
export function define(
  arity: readonly [number, number],
  returns: ReturnType,
  invoke: (args: readonly Value[], context: CallContext) => Value,
  options: { readonly strict?: boolean } = {},
): ScalarFunction {
  const [minArgs, maxArgs] = arity;
  if (options.strict === false) return { minArgs, maxArgs, returns, invoke };
  return {
    minArgs,
    maxArgs,
    returns,
    invoke: (args, context) => {
      for (let i = 0; i < args.length; i++) if (args[i] === null) return null;
      return invoke(args, context);
    },
  };
}

/**
 * The text of an argument as string functions see it: strings as they are, null as `""` (Kusto strings are never
 * null), other values through `tostring` of their bound type.
 */
export function textOf(value: Value, type: ScalarType | undefined): string {
  if (typeof value === "string") return value;
  if (value === null) return "";
  return toKqlString(value, type);
}
