/**
 * `compileToSql`: a whole KQL query to one DuckDB SELECT over the tables of the storage convention, or the reason
 * it must run in memory instead. Never throws on user input.
 */
import { bindQuery, expandFunctions } from "../bind/mod.ts";
import type { KqlDiagnostic } from "../diagnostics/diagnostic.ts";
import { queryParameterValue } from "../eval/mod.ts";
import { parseQuery } from "../parse/mod.ts";
import type { Catalog } from "../symbols/mod.ts";
import { type ColumnSchema, toScalarType } from "../symbols/types.ts";
import type { StatementNode } from "../syntax/mod.ts";
import { compileScalarSql, convertTo } from "./compile_scalar_sql.ts";
import { compileStatements } from "./compile_tabular_sql.ts";
import { quoteIdent, sqlLiteral } from "./duckdb_types.ts";
import { ORDER_SQL, SqlContext, SqlFallback, SqlScope, type UdfSpec } from "./sql_context.ts";

/** Options of {@link compileToSql}. */
export interface CompileOptions {
  /** Tables and stored functions. */
  readonly catalog: Catalog;
  /** The query's `now()`, microseconds since the epoch. */
  readonly now: number;
  /** Values of `declare query_parameters`, by name (KQL literal text or JSON values). */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** Whether a table exists in the database (absent tables read as empty); all exist by default. */
  readonly hasTable?: (name: string) => boolean;
  /** Read only rows with `TimeGenerated` in `[start, end)` (microseconds) from tables that have the column. */
  readonly timeRange?: { readonly start: number; readonly end: number };
  /** Return datetime columns as BIGINT microseconds (exact when read back from Arrow). */
  readonly datetimeAsMicros?: boolean;
  /** Return at most this many rows. */
  readonly limit?: number;
}

/** The SQL of a query. Result columns are `c0`, `c1`, ... in the order of `columns`. */
export interface CompiledSql {
  readonly ok: true;
  readonly sql: string;
  readonly columns: readonly ColumnSchema[];
  /** The JavaScript functions the SQL calls; the runner registers them on the connection. */
  readonly udfs: readonly UdfSpec[];
  /** Tables the query reads. */
  readonly sources: readonly string[];
  /** Chart metadata of a final `render`. */
  readonly chart?: { readonly chart: string; readonly properties: Readonly<Record<string, unknown>> };
}

/** Why a query has no SQL: errors in the query itself, or a construct the compiler cannot express. */
export type NotCompiled =
  | { readonly ok: false; readonly kind: "invalid"; readonly diagnostics: readonly KqlDiagnostic[] }
  | {
    readonly ok: false;
    readonly kind: "fallback";
    readonly reason: string;
    readonly sources: readonly string[];
  };

/**
 * Compile a KQL query to DuckDB SQL.
 *
 * @param text the KQL query
 * @param options catalog, `now`, query parameters
 * @returns the SQL with its columns and UDFs, or why not
 * @example
 * ```ts
 * import { Catalog } from "../symbols/mod.ts";
 * import { compileToSql } from "./compile_to_sql.ts";
 * const out = compileToSql("SecurityEvent | where EventID == 4625 | count", { catalog: Catalog.builtin(), now: 0 });
 * out.ok; // true
 * ```
 */
export function compileToSql(text: string, options: CompileOptions): CompiledSql | NotCompiled {
  const parsed = parseQuery(text);
  const parseErrors = parsed.diagnostics.filter((d) => d.severity === "error");
  if (parseErrors.length > 0) return { ok: false, kind: "invalid", diagnostics: parseErrors };
  const expanded = expandFunctions(parsed.query, { text, catalog: options.catalog });
  const bound = bindQuery(expanded.query, { catalog: options.catalog });
  const errors = [...expanded.diagnostics, ...bound.diagnostics.map(expanded.relocate)]
    .filter((d) => d.severity === "error");
  if (errors.length > 0) return { ok: false, kind: "invalid", diagnostics: errors };
  const sources = [...bound.info.sources];
  const ctx = new SqlContext({
    info: bound.info,
    now: options.now,
    hasTable: options.hasTable,
    timeRange: options.timeRange,
  });
  try {
    const scope = new SqlScope();
    const statements = declareParameters(expanded.query.statements, scope, ctx, options.parameters ?? {});
    const result = compileStatements(statements, { ctx, scope });
    if (result === undefined) throw new SqlFallback("a query without a result");
    let body: string;
    let columns: readonly ColumnSchema[];
    let ordered = false;
    if (result.kind === "scalar") {
      body = `SELECT ${result.sql} AS ${quoteIdent("print_0")}`;
      columns = [{ name: "print_0", type: result.type }];
    } else {
      body = result.rel.sql;
      columns = result.rel.columns;
      ordered = result.rel.ordered;
    }
    const list = columns.map((c, i) => {
      const ref = `q.${quoteIdent(c.name)}`;
      return `${options.datetimeAsMicros && c.type === "datetime" ? `epoch_us(${ref})` : ref} AS c${i}`;
    }).join(", ");
    const limit = options.limit === undefined ? "" : ` LIMIT ${Math.max(0, Math.floor(options.limit))}`;
    const sql = `SELECT ${list || "1 AS c"} FROM (${body}) AS q${
      ordered ? ` ORDER BY q.${ORDER_SQL}` : ""
    }${limit}`;
    return {
      ok: true,
      sql,
      columns,
      udfs: [...ctx.udfs.values()],
      sources,
      ...(ctx.render === undefined ? {} : { chart: ctx.render }),
    };
  } catch (error) {
    if (error instanceof SqlFallback) return { ok: false, kind: "fallback", reason: error.message, sources };
    // A bug in the compiler must not become an exception for the caller: the in-memory engine answers instead.
    return { ok: false, kind: "fallback", reason: `internal compiler error: ${String(error)}`, sources };
  }
}

/** Bind `declare query_parameters` names to the given values (or defaults) as SQL literals. */
function declareParameters(
  statements: readonly StatementNode[],
  scope: SqlScope,
  ctx: SqlContext,
  given: Readonly<Record<string, unknown>>,
): StatementNode[] {
  const rest: StatementNode[] = [];
  for (const statement of statements) {
    if (statement.kind !== "DeclareQueryParametersStatement") {
      rest.push(statement);
      continue;
    }
    for (const p of statement.parameters) {
      if (p.type.kind !== "ScalarType") throw new SqlFallback("a tabular query parameter", p.span);
      const type = toScalarType(p.type.name) ?? "dynamic";
      let sql: string | undefined;
      if (Object.hasOwn(given, p.name.name)) {
        const value = queryParameterValue(given[p.name.name], type);
        // The in-memory engine reports the bad value with its diagnostic.
        if (value === undefined) {
          throw new SqlFallback(`query parameter '${p.name.name}' is not a valid ${type}`);
        }
        sql = sqlLiteral(value, type);
      } else if (p.defaultValue !== undefined) {
        const value = compileScalarSql(p.defaultValue, { ctx, scope, row: { columns: new Map() } });
        sql = convertTo(value, ctx.typeOf(p.defaultValue), type);
      } else sql = sqlLiteral(null, type);
      if (sql === undefined) throw new SqlFallback(`query parameter '${p.name.name}'`, p.span);
      scope.define(p.name.name, { kind: "scalar", sql, type });
    }
  }
  return rest;
}
