/**
 * The KQL parser: query text to the syntax tree of `query/syntax/` plus KQL1xxx diagnostics. It never throws;
 * missing pieces become error nodes, so later phases always get a complete tree.
 *
 * @example
 * ```ts
 * import { parseQuery } from "./mod.ts";
 * const { query, diagnostics } = parseQuery("SecurityEvent | where EventID == 4625 | summarize count() by Account");
 * console.log(query.statements[0].kind, diagnostics.length); // ExpressionStatement 0
 * ```
 *
 * @module
 */
export { parseQuery, type ParseResult } from "./parse_query.ts";
export { datetimeMicros, guidValue, timespanMicros } from "./literal_values.ts";
