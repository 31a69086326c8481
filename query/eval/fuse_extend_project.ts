/**
 * A compile-time rewrite: `extend a = f(x) | project a, y` runs as one projection `project a = f(x), y`, so each
 * row is copied once instead of twice (the common shape of detection queries).
 */
import type { ExpressionNode, QueryOperatorNode } from "../syntax/ast.ts";
import { usesRowFunctions } from "./pipe_env.ts";

/** Every name an expression reads. */
function namesRead(expr: ExpressionNode): Set<string> {
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as { kind?: string; name?: unknown };
    if (n.kind === "NameReference" && typeof n.name === "string") names.add(n.name);
    for (const [key, value] of Object.entries(node)) if (key !== "span") visit(value);
  };
  visit(expr);
  return names;
}

/**
 * `extend a = f(x) | project a, y` as one projection `project a = f(x), y`: one row copy instead of two. Only
 * when the projection just picks columns, and no extend item reads a name the same extend assigns (then the
 * items can all be computed from the input row) nor uses row functions.
 */
export function fuseExtendProject(
  first: QueryOperatorNode,
  second: QueryOperatorNode | undefined,
): ExpressionNode[] | undefined {
  if (first.kind !== "Extend" || second?.kind !== "Project") return undefined;
  const assigned = new Map<string, ExpressionNode>();
  for (const e of first.expressions) {
    if (e.kind !== "NamedExpression" || e.names.length !== 1 || usesRowFunctions(e)) return undefined;
    assigned.set(e.names[0].name, e.expression);
  }
  for (const e of first.expressions) {
    for (const name of namesRead(e)) if (assigned.has(name)) return undefined;
  }
  const out: ExpressionNode[] = [];
  for (const p of second.expressions) {
    const ref = p.kind === "NamedExpression" && p.names.length === 1 ? p.expression : p;
    if (ref.kind !== "NameReference") return undefined;
    const source = assigned.get(ref.name);
    if (source === undefined) {
      out.push(p);
      continue;
    }
    const name = p.kind === "NamedExpression"
      ? p.names[0]
      : { kind: "Name" as const, name: ref.name, bracketed: false, span: ref.span };
    out.push({ kind: "NamedExpression", names: [name], expression: source, span: p.span });
  }
  return out;
}
