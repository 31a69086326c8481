/**
 * The KQL function library both back ends share: scalar functions and aggregates declared as data, keyed by
 * lower-case KQL name, with Kusto's semantics over the run-time values of query/values (datetimes and timespans
 * in microseconds, dynamic as JSON, null as `null`).
 *
 * - {@link SCALAR_FUNCTIONS}: `name → { minArgs, maxArgs, returns, invoke(args, context) }`; `context` carries the
 *   query's `now`, the bound argument types and a random source.
 * - {@link STRING_OPERATORS} and the predicate functions (`has`, `contains`, `in~`, …) for the string operators;
 *   {@link compileStringMatcher} for the common case of a constant right operand (no per-row allocation).
 * - {@link AGGREGATE_FUNCTIONS}: mergeable partial states `{ init, add, merge, result, save, load }`.
 *
 * @example
 * ```ts
 * import { AGGREGATE_FUNCTIONS, SCALAR_FUNCTIONS } from "./mod.ts";
 *
 * const context = { now: 0, argTypes: ["string", "string"] as const, random: Math.random };
 * SCALAR_FUNCTIONS.strcat.invoke(["a", "b"], context); // "ab"
 *
 * const dcount = AGGREGATE_FUNCTIONS.dcount;
 * let state = dcount.init([]);
 * for (const user of ["alice", "bob", "alice"]) state = dcount.add(state, [user]);
 * dcount.result(state); // 2
 * ```
 *
 * @module
 */
export type { CallContext, ReturnType, ScalarFunction, ScalarFunctionTable } from "./scalar_function.ts";
export { SCALAR_FUNCTIONS } from "./scalar_functions.ts";
export type {
  AggregateFunction,
  AggregateFunctionTable,
  AggregateState,
  Json,
  PositionalAggregate,
} from "./aggregate_function.ts";
export { AGGREGATE_FUNCTIONS } from "./aggregate_functions.ts";
export type { StringOperator } from "./string_predicates.ts";
export {
  between,
  contains,
  containsCs,
  endsWith,
  endsWithCs,
  has,
  hasAll,
  hasAny,
  hasCs,
  hasPrefix,
  hasPrefixCs,
  hasSuffix,
  hasSuffixCs,
  inList,
  inListIgnoreCase,
  matchesRegex,
  startsWith,
  startsWithCs,
  STRING_OPERATORS,
} from "./string_predicates.ts";
export type { StringMatcher } from "./string_matcher.ts";
export { compileStringMatcher } from "./string_matcher.ts";
export type { RegexResult } from "./regex.ts";
export { compileRegex, translateRe2 } from "./regex.ts";
export type { HllJson } from "./hyperloglog.ts";
export { HLL_PRECISIONS } from "./hyperloglog.ts";
