/**
 * `streamQuery`: compile `Source | operators` once and feed the source's rows one batch at a time, the shape
 * the streaming side needs (`push(rows)`, `finish()`). The result is the same as `runQuery` over all the rows.
 */
import type { KqlDiagnostic } from "../diagnostics/diagnostic.ts";
import type { ExpressionNode } from "../syntax/ast.ts";
import type { ColumnSchema } from "../symbols/types.ts";
import { evalDiagnostic, EvalStop } from "./eval_codes.ts";
import { EvalContext, type EvalLimits, EvalScope } from "./eval_context.ts";
import { compilePipeline, evaluateTable, runStatements } from "./evaluate_tabular.ts";
import { Collector } from "./pipe_env.ts";
import type { PushOperator, Row, Table } from "./push_operator.ts";
import { catalogFor, frontEnd, type QueryResult } from "./run_query.ts";
import type { Catalog } from "../symbols/mod.ts";

/** A compiled streaming query. */
export interface QueryStream {
  /** The table whose rows are pushed. */
  readonly source: string;
  /** Feed rows of the source (in its column order). */
  push(rows: readonly Row[]): void;
  /** End of input: the result, or the diagnostic that stopped the run. */
  finish(): QueryResult;
}

/** Options of {@link streamQuery}. */
export interface StreamOptions {
  /** The schema of every table the query reads; the source table's rows come through `push`. */
  readonly tables: ReadonlyMap<string, Table>;
  readonly now?: number;
  readonly limits?: EvalLimits;
  readonly random?: () => number;
  /** The base catalog, for its stored functions (default: the built-in tables). */
  readonly catalog?: Catalog;
}

/**
 * Compile a query of the form `[let ...;] Source | operators` for batch-by-batch input.
 *
 * @returns the stream, or diagnostics when the query does not compile or has another shape
 * @example
 * ```ts
 * import { streamQuery } from "./stream_query.ts";
 * const T = { columns: [{ name: "x", type: "long" as const }], rows: [] };
 * const s = streamQuery("T | where x > 1 | count", { tables: new Map([["T", T]]) });
 * if ("push" in s) {
 *   s.push([[1], [2]]);
 *   s.push([[3]]);
 *   s.finish().rows; // [[2]]
 * }
 * ```
 */
export function streamQuery(
  text: string,
  options: StreamOptions,
): QueryStream | { diagnostics: KqlDiagnostic[] } {
  const catalog = catalogFor(options.tables, options.catalog);
  const front = frontEnd(text, catalog);
  if (front.query === undefined) return { diagnostics: [...front.diagnostics] };
  const { query, bound } = front;
  const statements = query.statements;
  const last = statements[statements.length - 1];
  const body: ExpressionNode | undefined = last?.kind === "ExpressionStatement" ? last.expression : undefined;
  if (
    body?.kind !== "Pipe" || body.source.kind !== "NameReference" || !options.tables.has(body.source.name)
  ) {
    return {
      diagnostics: [evalDiagnostic("unsupportedExpression", query.span, "not 'Table | operators'")],
    };
  }
  const source = body.source.name;
  const ctx = new EvalContext({
    info: bound.info,
    tables: options.tables,
    now: options.now ?? Date.now() * 1000,
    random: options.random ?? Math.random,
    limits: options.limits ?? {},
    catalog,
  });
  ctx.evaluateTable = (expr, scope) => evaluateTable(ctx, expr, scope);
  const scope = new EvalScope();
  let columns: readonly ColumnSchema[] = [];
  const collector = new Collector({ check: (n) => ctx.checkRows(n, body.span) });
  let head: PushOperator;
  try {
    runStatements(ctx, statements.slice(0, -1), scope);
    head = compilePipeline(body.operators, options.tables.get(source)!.columns, (c) => {
      columns = c;
      return collector;
    }, { ctx, scope });
  } catch (error) {
    if (error instanceof EvalStop) return { diagnostics: [error.diagnostic] };
    throw error;
  }
  let stopped: KqlDiagnostic | undefined;
  const guard = (f: () => void) => {
    if (stopped !== undefined) return;
    try {
      f();
    } catch (error) {
      if (error instanceof EvalStop) stopped = error.diagnostic;
      else throw error;
    }
  };
  return {
    source,
    push: (rows) => guard(() => head.push(rows)),
    finish() {
      guard(() => head.finish());
      if (stopped !== undefined) return { columns: [], rows: [], diagnostics: [stopped] };
      return { columns, rows: collector.rows, diagnostics: [] };
    },
  };
}
