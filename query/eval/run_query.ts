/**
 * `runQuery`: parse, bind and run a whole query over in-memory tables, returning the result table (with the
 * binder's column names and types) or the diagnostics that stopped it. Never throws on user input.
 */
import { bindQuery, expandFunctions } from "../bind/mod.ts";
import type { KqlDiagnostic } from "../diagnostics/diagnostic.ts";
import { parseQuery } from "../parse/mod.ts";
import { Catalog } from "../symbols/mod.ts";
import type { ColumnSchema } from "../symbols/types.ts";
import type { Value } from "../values/mod.ts";
import { evalDiagnostic, EvalStop } from "./eval_codes.ts";
import { EvalContext, type EvalLimits, EvalScope } from "./eval_context.ts";
import { evaluateTable, type RenderInfo, runStatements } from "./evaluate_tabular.ts";
import type { Row, Table } from "./push_operator.ts";

/** Options of {@link runQuery}. */
export interface RunOptions {
  /** The tables, by name (rows as arrays in the column order given). */
  readonly tables?: ReadonlyMap<string, Table> | Readonly<Record<string, Table>>;
  /** The query's `now()`, microseconds since the epoch (default: the wall clock at the call). */
  readonly now?: number;
  /** Row cap and cancellation. */
  readonly limits?: EvalLimits;
  /** Random source for `rand()` and friends (default `Math.random`). */
  readonly random?: () => number;
  /**
   * The catalog for binding (default: the built-in tables): its stored functions are callable, and the
   * tables given above are added to it.
   */
  readonly catalog?: Catalog;
  /** Values of `declare query_parameters`, by name: KQL literal text (as REST clients send them) or JSON values. */
  readonly parameters?: Readonly<Record<string, unknown>>;
}

/** The result of a query: columns and rows, or the diagnostics that stopped it (then columns and rows are empty). */
export interface QueryResult {
  readonly columns: readonly ColumnSchema[];
  readonly rows: readonly Row[];
  readonly diagnostics: readonly KqlDiagnostic[];
  /** Set when the query ends with `render`. */
  readonly chart?: RenderInfo;
}

/**
 * The catalog the binder sees: the base catalog (the built-in tables by default, with its stored
 * functions), overridden and extended by the tables given.
 */
export function catalogFor(tables: ReadonlyMap<string, Table>, base?: Catalog): Catalog {
  const given = [...tables].map(([name, t]) => ({ name, columns: t.columns }));
  return (base ?? Catalog.builtin()).withSchemas(given);
}

/** Parse, expand stored functions and bind; the diagnostics that stop the run when any. */
export function frontEnd(text: string, catalog: Catalog) {
  const parsed = parseQuery(text);
  const parseErrors = parsed.diagnostics.filter((d) => d.severity === "error");
  if (parseErrors.length > 0) return { diagnostics: parseErrors };
  const expanded = expandFunctions(parsed.query, { text, catalog });
  const bound = bindQuery(expanded.query, { catalog });
  const errors = [...expanded.diagnostics, ...bound.diagnostics.map(expanded.relocate)]
    .filter((d) => d.severity === "error");
  if (errors.length > 0) return { diagnostics: errors };
  return { query: expanded.query, bound, relocate: expanded.relocate };
}

function tableMap(tables: RunOptions["tables"]): ReadonlyMap<string, Table> {
  if (tables === undefined) return new Map();
  if (tables instanceof Map) return tables;
  return new Map(Object.entries(tables as Record<string, Table>));
}

function failed(diagnostics: readonly KqlDiagnostic[]): QueryResult {
  return { columns: [], rows: [], diagnostics };
}

/**
 * Run a query over in-memory tables.
 *
 * @param text the KQL query
 * @param options tables, `now`, limits
 * @returns the result, or diagnostics (syntax, binding, unsupported, row cap, cancelled)
 * @example
 * ```ts
 * import { runQuery } from "./run_query.ts";
 * const result = runQuery("range x from 1 to 3 step 1 | summarize total = sum(x)");
 * result.rows; // [[6]]
 * ```
 */
export function runQuery(text: string, options: RunOptions = {}): QueryResult {
  const tables = tableMap(options.tables);
  const catalog = catalogFor(tables, options.catalog);
  const front = frontEnd(text, catalog);
  if (front.query === undefined) return failed(front.diagnostics);
  const { query, bound, relocate } = front;
  const ctx = new EvalContext({
    info: bound.info,
    tables,
    now: options.now ?? Date.now() * 1000,
    random: options.random ?? Math.random,
    limits: options.limits ?? {},
    catalog,
    parameters: options.parameters,
  });
  ctx.evaluateTable = (expr, scope) => evaluateTable(ctx, expr, scope);
  try {
    const result = runStatements(ctx, query.statements, new EvalScope());
    if (result === undefined) return failed([evalDiagnostic("notTabular", query.span)]);
    if (result.kind === "scalar") {
      const value: Value = result.value;
      return { columns: [{ name: "print_0", type: result.type }], rows: [[value]], diagnostics: [] };
    }
    ctx.checkRows(result.table.rows.length, query.span);
    const columns = result.table.columns;
    return {
      columns,
      rows: result.table.rows,
      diagnostics: [],
      ...(ctx.render === undefined ? {} : { chart: ctx.render }),
    };
  } catch (error) {
    if (error instanceof EvalStop) return failed([relocate(error.diagnostic)]);
    // Anything else is a bug in the evaluator; it still must not escape as an exception to the caller.
    const message = error instanceof Error ? error.message : String(error);
    return failed([evalDiagnostic("runtime", query.span, `internal error: ${message}`)]);
  }
}
