/**
 * KQL to DuckDB SQL: the bound query compiled to one SELECT over the tables of the storage convention
 * ({@linkcode createTableSql}), with Kusto's meaning (case rules of the string operators, `has` term matching,
 * nulls, datetime/timespan arithmetic, join kinds, summarize naming). Functions without a faithful SQL spelling
 * call the shared function library through the JavaScript UDFs listed in the result; anything else is a
 * fallback with its reason, for the in-memory engine to answer.
 *
 * @example
 * ```ts
 * import { Catalog } from "../symbols/mod.ts";
 * import { compileToSql } from "./mod.ts";
 * const out = compileToSql("SigninLogs | summarize count() by Location", { catalog: Catalog.builtin(), now: 0 });
 * if (out.ok) out.columns.map((c) => c.name); // ["Location", "count_"]
 * ```
 * @module
 */
export { type CompiledSql, type CompileOptions, compileToSql, type NotCompiled } from "./compile_to_sql.ts";
export type { UdfSpec } from "./sql_context.ts";
export {
  createTableSql,
  type DuckDbType,
  duckDbType,
  quoteIdent,
  sqlLiteral,
  sqlString,
} from "./duckdb_types.ts";
export { tableScanSql } from "./compile_tabular_sql.ts";
