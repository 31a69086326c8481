/**
 * KQL for the SIEM: parse, bind and classify queries against the Sentinel table catalog and the built-in
 * function registry. Back ends (streaming evaluator, DuckDB SQL) build on the bound tree.
 *
 * @example
 * ```ts
 * import { analyzeQuery, toPublicError } from "./mod.ts";
 * const text = "SigninLogs | where ResultType != '0' | summarize count() by UserPrincipalName";
 * const analysis = analyzeQuery(text);
 * analysis.diagnostics.map((d) => toPublicError(text, d)); // []
 * analysis.mode.mode; // "incremental"
 * ```
 * @module
 */
export { parseQuery, type ParseResult } from "./parse/mod.ts";
export {
  analyzeQuery,
  type BindOptions,
  bindQuery,
  type BindResult,
  type BoundInfo,
  checkFunction,
  classifyMode,
  type ExpandedQuery,
  expandFunctions,
  explainPlan,
  type ModeDecision,
  type PlanStep,
  type QueryAnalysis,
  type QueryPlan,
  type TableType,
} from "./bind/mod.ts";
export * from "./symbols/mod.ts";
export {
  type DiagnosticOrigin,
  type KqlDiagnostic,
  type LineColumn,
  lineColumnAt,
  type Span,
  toPublicError,
} from "./diagnostics/diagnostic.ts";
export { BIND_CODES, bindDiagnostic } from "./diagnostics/bind_codes.ts";
