/**
 * What compiling and running one query needs: the bound information, the input tables, the query's `now`,
 * a random source, the resource limits, and the names in scope (`let` values, function parameters).
 */
import type { BoundInfo } from "../bind/mod.ts";
import type { Span } from "../diagnostics/diagnostic.ts";
import type { ExpressionNode, FunctionDefinitionNode } from "../syntax/ast.ts";
import type { ColumnSchema, ScalarType } from "../symbols/types.ts";
import { evalDiagnostic, EvalStop } from "./eval_codes.ts";
import type { Eval, Table } from "./push_operator.ts";
import type { Value } from "../values/mod.ts";
import type { Catalog } from "../symbols/mod.ts";

/** Resource limits of one run. */
export interface EvalLimits {
  /** Most rows any materialized table or the result may hold (default 1,000,000). */
  readonly maxRows?: number;
  /** Stops the run with a `Query cancelled` error when aborted. */
  readonly signal?: AbortSignal;
}

/** The default row cap. */
export const DEFAULT_MAX_ROWS = 1_000_000;

/** What a name in scope stands for at run time. */
export type Binding =
  | { readonly kind: "scalar"; readonly eval: Eval; readonly type: ScalarType; readonly constant: boolean }
  | { readonly kind: "tabular"; readonly table: () => Table }
  | { readonly kind: "function"; readonly definition: FunctionDefinitionNode; readonly scope: EvalScope };

/** Names visible at one point of a query, chained to the enclosing scope (lexical, as in Kusto). */
export class EvalScope {
  readonly #bindings = new Map<string, Binding>();
  readonly #parent: EvalScope | undefined;

  constructor(parent?: EvalScope) {
    this.#parent = parent;
  }

  define(name: string, binding: Binding): void {
    this.#bindings.set(name, binding);
  }

  lookup(name: string): Binding | undefined {
    return this.#bindings.get(name) ?? this.#parent?.lookup(name);
  }
}

/** How `evaluateTable` is reached from scalar code (`toscalar`, `in (subquery)`) without an import cycle. */
export type TableEvaluator = (expr: ExpressionNode, scope: EvalScope) => Table;

/** The state of one query run. */
export class EvalContext {
  readonly info: BoundInfo;
  readonly tables: ReadonlyMap<string, Table>;
  readonly now: number;
  readonly random: () => number;
  readonly maxRows: number;
  readonly signal: AbortSignal | undefined;
  /** Table schemas, for catalog tables the run has no rows for (named at run time, as with `table(name)`). */
  readonly catalog: Catalog | undefined;
  /** Values of `declare query_parameters` given with the request, by name (text or JSON values). */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** Set by the evaluator: runs a tabular expression to a materialized table. */
  evaluateTable: TableEvaluator = () => {
    throw new Error("No table evaluator installed");
  };
  /** `materialize(...)` results, by the expression they were computed from. */
  readonly materialized = new Map<ExpressionNode, Table>();
  /** Chart metadata of the last `render` operator run. */
  render: { readonly chart: string; readonly properties: Readonly<Record<string, Value>> } | undefined;

  constructor(options: {
    info: BoundInfo;
    tables: ReadonlyMap<string, Table>;
    now: number;
    random: () => number;
    limits: EvalLimits;
    catalog?: Catalog;
    parameters?: Readonly<Record<string, unknown>>;
  }) {
    this.catalog = options.catalog;
    this.parameters = options.parameters ?? {};
    this.info = options.info;
    this.tables = options.tables;
    this.now = options.now;
    this.random = options.random;
    this.maxRows = options.limits.maxRows ?? DEFAULT_MAX_ROWS;
    this.signal = options.limits.signal;
  }

  /** The bound type of an expression (`dynamic` when the binder did not type it). */
  typeOf(expr: ExpressionNode): ScalarType {
    return this.info.types.get(expr) ?? "dynamic";
  }

  /** Stop with a cancellation error if the signal fired. */
  checkAbort(span: Span): void {
    if (this.signal?.aborted) throw new EvalStop(evalDiagnostic("cancelled", span));
  }

  /** Stop with the row-cap error when a table grows past the cap. */
  checkRows(count: number, span: Span): void {
    if (count > this.maxRows) throw new EvalStop(evalDiagnostic("rowLimit", span, this.maxRows));
  }
}

/** A row layout: the columns and the position of each name. */
export interface Layout {
  readonly columns: readonly ColumnSchema[];
  readonly index: ReadonlyMap<string, number>;
}

/** The layout of a list of columns. */
export function layoutOf(columns: readonly ColumnSchema[]): Layout {
  const index = new Map<string, number>();
  columns.forEach((c, i) => {
    if (!index.has(c.name)) index.set(c.name, i);
  });
  return { columns, index };
}
