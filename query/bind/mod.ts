/**
 * The KQL binder: resolves names against the table catalog and the function registry, types every
 * expression, gives every operator its output schema (with Kusto's column naming) and reports KQL2xxx
 * diagnostics. Also the simple incremental/batch classification used by `kql explain` and `rules validate`.
 *
 * @example
 * ```ts
 * import { parseQuery } from "../parse/mod.ts";
 * import { bindQuery } from "./mod.ts";
 * const { diagnostics } = bindQuery(parseQuery("SigninLogs | where Acount == 'x'").query);
 * diagnostics[0].message; // "Unknown column 'Acount'"
 * ```
 * @module
 */
export { type BindOptions, bindQuery, type BindResult, type BoundInfo, type BoundResult } from "./binder.ts";
export type { CallResult } from "./context.ts";
export type { TableType } from "./table_type.ts";
export { classifyMode, MERGEABLE_AGGREGATES, type ModeDecision } from "./classify_mode.ts";
export { analyzeQuery, type QueryAnalysis } from "./analyze_query.ts";
export { type ExpandedQuery, expandFunctions } from "./expand_functions.ts";
export { checkFunction } from "./check_function.ts";
export { explainPlan, type PlanStep, type QueryPlan } from "./explain_plan.ts";
