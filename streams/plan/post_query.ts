/**
 * What runs at each instant after the leaves: the rule query with every leaf replaced by a table of the leaf's
 * window result (`['__leaf_0']`...), bound once and run per instant with `now()` = the instant. Its input is
 * the leaves' small window tables, never the window's events.
 */
import { bindQuery, type BoundInfo } from "../../query/bind/binder.ts";
import type { PlanLeaf } from "../../query/bind/classify_mode.ts";
import type { KqlDiagnostic } from "../../query/diagnostics/diagnostic.ts";
import { evalDiagnostic, EvalStop } from "../../query/eval/eval_codes.ts";
import { EvalContext, EvalScope } from "../../query/eval/eval_context.ts";
import { evaluateTable, runStatements } from "../../query/eval/evaluate_tabular.ts";
import type { Table } from "../../query/eval/push_operator.ts";
import type { QueryResult } from "../../query/eval/run_query.ts";
import type { Catalog, ColumnSchema } from "../../query/symbols/mod.ts";
import type { NameReferenceNode, QueryNode } from "../../query/syntax/mod.ts";

/** The name a leaf's table gets in the rewritten query. */
export function leafTableName(index: number): string {
  return `__leaf_${index}`;
}

/** A bound rewritten query. */
export interface PostQuery {
  /** The rewritten query's bound information. */
  readonly info: BoundInfo;
  /** Run over the leaves' window tables (by leaf table name). */
  run(tables: ReadonlyMap<string, Table>, now: number): QueryResult;
}

/**
 * Replace the leaves of a query by references to their tables.
 *
 * @param query the (expanded) rule query
 * @param leaves its leaves
 * @returns a new tree; the original is not changed
 */
export function replaceLeaves(query: QueryNode, leaves: readonly PlanLeaf[]): QueryNode {
  const bySource = new Map(leaves.map((l, i) => [l.source, { leaf: l, index: i }]));
  const copy = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(copy);
    if (value === null || typeof value !== "object") return value;
    const node = value as { kind?: string; source?: unknown; operators?: unknown[] };
    if (node.kind === "Pipe") {
      const hit = bySource.get(node.source as NameReferenceNode);
      if (hit !== undefined) {
        const { leaf, index } = hit;
        const ref: NameReferenceNode = {
          kind: "NameReference",
          name: leafTableName(index),
          bracketed: true,
          span: leaf.span,
        };
        const used = leaf.operators.length + (leaf.summarize === undefined ? 0 : 1);
        const rest = node.operators!.slice(used);
        return rest.length === 0 ? ref : { ...node, source: ref, operators: rest.map(copy) };
      }
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = k === "span" ? v : copy(v);
    return out;
  };
  return copy(query) as QueryNode;
}

/**
 * Bind the rewritten query once.
 *
 * @param query the rewritten query
 * @param catalog the rule catalog plus the leaf tables
 * @returns the runnable query, or the binding errors
 */
export function preparePostQuery(
  query: QueryNode,
  catalog: Catalog,
): PostQuery | { errors: KqlDiagnostic[] } {
  const bound = bindQuery(query, { catalog });
  const errors = bound.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) return { errors };
  const statements = query.statements;
  const last = statements[statements.length - 1];
  // The whole query is one leaf: its window table is the result.
  const direct = last?.kind === "ExpressionStatement" && last.expression.kind === "NameReference" &&
      last.expression.name.startsWith("__leaf_")
    ? last.expression.name
    : undefined;
  return {
    info: bound.info,
    run(tables, now) {
      if (direct !== undefined) {
        const t = tables.get(direct)!;
        return { columns: t.columns as ColumnSchema[], rows: t.rows, diagnostics: [] };
      }
      const ctx = new EvalContext({
        info: bound.info,
        tables,
        now,
        random: Math.random,
        limits: { maxRows: 1_000_000 },
        catalog,
      });
      ctx.evaluateTable = (expr, scope) => evaluateTable(ctx, expr, scope);
      try {
        const result = runStatements(ctx, statements, new EvalScope());
        if (result?.kind !== "table") {
          return { columns: [], rows: [], diagnostics: [evalDiagnostic("notTabular", query.span)] };
        }
        ctx.checkRows(result.table.rows.length, query.span);
        return { columns: result.table.columns, rows: result.table.rows, diagnostics: [] };
      } catch (error) {
        if (error instanceof EvalStop) return { columns: [], rows: [], diagnostics: [error.diagnostic] };
        const message = error instanceof Error ? error.message : String(error);
        return {
          columns: [],
          rows: [],
          diagnostics: [evalDiagnostic("runtime", query.span, `internal error: ${message}`)],
        };
      }
    },
  };
}
