/**
 * The `union` a plan leaf can start with: `union T1, T2` of catalog tables, or a union whose branches are each a
 * catalog table followed by per-event operators (`union (SigninLogs | where ... | project ...), AuditLogs`).
 * The leaf then runs each branch's operators on its table's events, lays the rows out as the union does, and
 * runs the operators after the union (and its summarize, per pane) on them: the union's rows are the branches'
 * rows in branch order, as the planner's union leaf keeps them (streams/plan/incremental_plan.ts).
 */
import type { ExpressionNode, QueryOperatorNode, SyntaxNode } from "../syntax/mod.ts";
import type { TimeFilter } from "./time_bounds.ts";
import { parameterValue } from "./bind_join.ts";
import type { BoundInfo } from "./binder.ts";

/** A union leaf's tables, in union order. */
export interface UnionSource {
  readonly tables: readonly string[];
  readonly withSource?: string;
  /** Per branch (same order as `tables`), the per-event operators between its table and the union. */
  readonly branches?: readonly (readonly QueryOperatorNode[])[];
  /**
   * Per branch, the event-time bounds of its `where` operators (time_bounds.ts); every branch bounds the event
   * time alike, so the leaf's window applies them to all.
   */
  readonly branchTimeFilters?: readonly (readonly TimeFilter[])[];
}

/** Why a branch operator cannot run per event, or its event-time bounds. */
export type BranchOperatorCheck = (
  op: QueryOperatorNode,
  context: { input: ExpressionNode | QueryOperatorNode; eventTime: boolean },
) => { problem?: string; filters?: readonly TimeFilter[]; changesEventTime?: boolean };

/**
 * Read a union node as the start of a leaf.
 *
 * @param node the union
 * @param options bound information; `perEvent` says why a branch operator cannot run per event
 * @returns the tables (and branch operators), or why not
 */
export function unionSource(
  node: SyntaxNode,
  options: { info: BoundInfo; perEvent: BranchOperatorCheck },
): UnionSource | string {
  if (node.kind !== "Union") return "not a union";
  const { info } = options;
  const isTable = (e: ExpressionNode) =>
    e.kind === "NameReference" && info.sources.has(e.name) && !info.letTargets.has(e);
  for (const p of node.parameters) {
    const outer = p.name === "kind" && parameterValue(node.parameters, "kind") === "outer";
    if (p.name !== "withsource" && p.name !== "isfuzzy" && !outer) return `union parameter '${p.name}'`;
  }
  if (parameterValue(node.parameters, "isfuzzy") === "false") return "union parameter 'isfuzzy'";
  const tables: string[] = [];
  const branches: QueryOperatorNode[][] = [];
  const filters: TimeFilter[][] = [];
  for (let t of node.tables) {
    while (t.kind === "Parenthesized") t = t.expression;
    if (isTable(t)) {
      tables.push((t as { name: string }).name);
      branches.push([]);
      filters.push([]);
      continue;
    }
    if (t.kind !== "Pipe" || !isTable(t.source)) return "a union branch is not a table";
    const found: TimeFilter[] = [];
    let eventTime = true;
    let input: ExpressionNode | QueryOperatorNode = t.source;
    for (const op of t.operators) {
      const check = options.perEvent(op, { input, eventTime });
      if (check.problem !== undefined) return `a union branch: ${check.problem}`;
      found.push(...(check.filters ?? []));
      if (check.changesEventTime) eventTime = false;
      input = op;
    }
    tables.push((t.source as { name: string }).name);
    branches.push([...t.operators]);
    filters.push(found);
  }
  const boundsKey = (fs: readonly TimeFilter[]) =>
    JSON.stringify(fs.flatMap((f) => f.bounds).map((b) => [b.side, b.offset, b.inclusive]).sort());
  if (filters.some((fs) => boundsKey(fs) !== boundsKey(filters[0]))) {
    return "the union branches bound the event time differently";
  }
  const withSource = parameterValue(node.parameters, "withsource");
  if (branches.every((b) => b.length === 0)) {
    return withSource === undefined ? { tables } : { tables, withSource };
  }
  // Kusto names a subquery branch in the source column by its position, not its table: not followed here.
  if (withSource !== undefined) return "union withsource over subqueries";
  return filters[0].length === 0 ? { tables, branches } : { tables, branches, branchTimeFilters: filters };
}

/** The table references of a union's branches (the leaf reads them all). */
export function unionTableReferences(node: SyntaxNode): SyntaxNode[] {
  if (node.kind !== "Union") return [];
  return node.tables.map((t) => {
    while (t.kind === "Parenthesized") t = t.expression;
    return t.kind === "Pipe" ? t.source : t;
  });
}
