/**
 * The one walk over a syntax tree that the planner's passes share: every node below a node, parents first.
 */
import type { SyntaxNode } from "./ast.ts";

/**
 * Visit every node below `node` (not `node` itself), depth first, parents before their children.
 *
 * @param node where to start
 * @param visit called once per node below it
 */
export function forEachDescendant(node: SyntaxNode, visit: (child: SyntaxNode) => void): void {
  for (const value of Object.values(node)) {
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      if (item !== null && typeof item === "object" && "kind" in item && "span" in item) {
        visit(item as SyntaxNode);
        forEachDescendant(item as SyntaxNode, visit);
      }
    }
  }
}
