/**
 * The in-memory KQL evaluator: bound queries compiled to closures over array rows (one layout per operator,
 * fixed at compile time), tabular operators as push operators fed batch by batch, and `runQuery` over
 * in-memory tables. Constructs it does not run give a KQL35xx diagnostic with the operator's span, never a
 * wrong answer; a row cap and an AbortSignal bound every run.
 *
 * @example
 * ```ts
 * import { runQuery } from "./mod.ts";
 * const SecurityEvent = {
 *   columns: [{ name: "Account", type: "string" as const }, { name: "EventID", type: "long" as const }],
 *   rows: [["alice", 4625], ["bob", 4624], ["alice", 4625]],
 * };
 * const result = runQuery("SecurityEvent | where EventID == 4625 | summarize count() by Account", {
 *   tables: { SecurityEvent },
 * });
 * result.columns; // [{ name: "Account", type: "string" }, { name: "count_", type: "long" }]
 * result.rows; // [["alice", 2]]
 * ```
 * @module
 */
export { catalogFor, type QueryResult, type RunOptions, runQuery } from "./run_query.ts";
export { type QueryStream, type StreamOptions, streamQuery } from "./stream_query.ts";
export { DEFAULT_MAX_ROWS, type EvalLimits } from "./eval_context.ts";
export { EVAL_CODES, evalDiagnostic } from "./eval_codes.ts";
export type { Downstream, PushOperator, Row, Table } from "./push_operator.ts";
export type { RenderInfo } from "./evaluate_tabular.ts";
export { toRestValue } from "./rest_value.ts";
export { mvExpandConform, mvExpandElements } from "./expand_operators.ts";
export { queryParameterValue } from "./query_parameters.ts";
