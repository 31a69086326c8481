import type { ExpressionNode, FunctionDefinitionNode } from "../syntax/mod.ts";
import type { ScalarType } from "../symbols/mod.ts";
import type { TableType } from "./table_type.ts";

/**
 * What a `let` name (or function parameter) stands for. A scalar parameter given a string literal keeps it
 * as `value`, so `table(tableName)` in a function body can resolve the table at each call.
 */
export type ScopeSymbol =
  | { readonly kind: "scalar"; readonly type: ScalarType; readonly value?: string }
  | { readonly kind: "tabular"; readonly table: TableType; readonly expression?: ExpressionNode }
  | { readonly kind: "function"; readonly definition: FunctionDefinitionNode; readonly scope: Scope };

/**
 * Names visible at one point of a query: `let` statements, function parameters and query parameters.
 * Scopes chain to their parent; a function body's scope chains to the scope where the function was defined
 * (lexical scoping, as in Kusto).
 */
export class Scope {
  readonly #symbols = new Map<string, ScopeSymbol>();
  readonly #parent: Scope | undefined;

  /** A scope inside `parent` (or a root scope). */
  constructor(parent?: Scope) {
    this.#parent = parent;
  }

  /** Define or shadow a name in this scope. */
  define(name: string, symbol: ScopeSymbol): void {
    this.#symbols.set(name, symbol);
  }

  /** The innermost symbol of that name. */
  lookup(name: string): ScopeSymbol | undefined {
    return this.#symbols.get(name) ?? this.#parent?.lookup(name);
  }
}
