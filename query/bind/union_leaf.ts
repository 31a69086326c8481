/**
 * The `union` a plan leaf can start with: `union T1, T2` of catalog tables, or a union whose branches are each a
 * catalog table followed by per-event operators (`union (SigninLogs | where ... | project ...), AuditLogs`).
 * The leaf then runs each branch's operators on its table's events, lays the rows out as the union does, and
 * runs the operators after the union (and its summarize, per pane) on them: the union's rows are the branches'
 * rows in branch order, as the planner's union leaf keeps them (streams/plan/incremental_plan.ts).
 */
import type { ExpressionNode, QueryOperatorNode, SyntaxNode } from "../syntax/mod.ts";
import { parameterValue } from "./bind_join.ts";
import type { BoundInfo } from "./binder.ts";

/** A union leaf's tables, in union order. */
export interface UnionSource {
  readonly tables: readonly string[];
  readonly withSource?: string;
  /** Per branch (same order as `tables`), the per-event operators between its table and the union. */
  readonly branches?: readonly (readonly QueryOperatorNode[])[];
}

/**
 * Read a union node as the start of a leaf.
 *
 * @param node the union
 * @param options bound information; `perEvent` says why a branch operator cannot run per event
 * @returns the tables (and branch operators), or why not
 */
export function unionSource(
  node: SyntaxNode,
  options: { info: BoundInfo; perEvent: (op: QueryOperatorNode) => string | undefined },
): UnionSource | string {
  if (node.kind !== "Union") return "not a union";
  const { info } = options;
  const isTable = (e: ExpressionNode) =>
    e.kind === "NameReference" && info.sources.has(e.name) && !info.letTargets.has(e);
  for (const p of node.parameters) {
    if (p.name !== "withsource" && p.name !== "isfuzzy") return `union parameter '${p.name}'`;
  }
  if (parameterValue(node.parameters, "isfuzzy") === "false") return "union parameter 'isfuzzy'";
  const tables: string[] = [];
  const branches: QueryOperatorNode[][] = [];
  for (let t of node.tables) {
    while (t.kind === "Parenthesized") t = t.expression;
    if (isTable(t)) {
      tables.push((t as { name: string }).name);
      branches.push([]);
      continue;
    }
    if (t.kind !== "Pipe" || !isTable(t.source)) return "a union branch is not a table";
    for (const op of t.operators) {
      const problem = options.perEvent(op);
      if (problem !== undefined) return `a union branch: ${problem}`;
    }
    tables.push((t.source as { name: string }).name);
    branches.push([...t.operators]);
  }
  const withSource = parameterValue(node.parameters, "withsource");
  if (branches.every((b) => b.length === 0)) {
    return withSource === undefined ? { tables } : { tables, withSource };
  }
  // Kusto names a subquery branch in the source column by its position, not its table: not followed here.
  if (withSource !== undefined) return "union withsource over subqueries";
  return { tables, branches };
}

/** The table references of a union's branches (the leaf reads them all). */
export function unionTableReferences(node: SyntaxNode): SyntaxNode[] {
  if (node.kind !== "Union") return [];
  return node.tables.map((t) => {
    while (t.kind === "Parenthesized") t = t.expression;
    return t.kind === "Pipe" ? t.source : t;
  });
}
