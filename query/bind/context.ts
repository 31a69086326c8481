import type { KqlDiagnostic } from "../diagnostics/diagnostic.ts";
import type { ExpressionNode, FunctionCallNode, QueryOperatorNode } from "../syntax/mod.ts";
import type { Catalog } from "../symbols/mod.ts";
import type { FunctionRegistry } from "../symbols/mod.ts";
import type { ScalarType } from "../symbols/mod.ts";
import type { Scope } from "./scope.ts";
import type { TableType } from "./table_type.ts";

/** Where a scalar expression is bound: the row's columns, the names in scope and what is allowed there. */
export interface RowContext {
  readonly table: TableType;
  readonly scope: Scope;
  /** Aggregate functions are allowed (summarize aggregates, make-series, top-nested). */
  readonly aggregates: boolean;
  /** The two sides of a join, for `$left.X` / `$right.X` in `on` conditions. */
  readonly left?: TableType;
  readonly right?: TableType;
  /** The operator keyword, for messages. */
  readonly operator?: string;
}

/** The result of calling a `let` function: a table or a scalar. */
export type CallResult = { readonly kind: "tabular"; readonly table: TableType } | {
  readonly kind: "scalar";
  readonly type: ScalarType;
};

/**
 * What the per-operator binders need from the binder. Kept as an interface so that operator files do not
 * import the binder (dependencies point one way).
 */
export interface BindContext {
  readonly catalog: Catalog;
  readonly functions: FunctionRegistry;
  /** Report a diagnostic. */
  report(diagnostic: KqlDiagnostic): void;
  /** Bind a scalar expression in a row context and record its type. */
  scalar(expr: ExpressionNode, row: RowContext): ScalarType;
  /** Bind a tabular expression and record its schema. */
  tabular(expr: ExpressionNode, scope: Scope): TableType;
  /** Whether an expression denotes a table (rather than a scalar) in this scope and row. */
  isTabular(expr: ExpressionNode, scope: Scope, row?: TableType): boolean;
  /** Apply query operators to an input table. */
  operators(input: TableType, operators: readonly QueryOperatorNode[], scope: Scope): TableType;
  /** Call a let-defined function, `input` being the piped table for `invoke`; `undefined` if not a let function. */
  callLetFunction(call: FunctionCallNode, scope: Scope, row: RowContext | undefined, input?: TableType):
    | CallResult
    | undefined;
}
