/**
 * The state of one compilation: bound information, the query's `now`, the JavaScript functions the SQL calls,
 * the names in scope, and the way out when a construct has no faithful SQL (a {@linkcode SqlFallback}, caught by
 * `compileToSql` and turned into a fallback result, never into SQL with another meaning).
 */
import type { BoundInfo } from "../bind/mod.ts";
import type { Span } from "../diagnostics/diagnostic.ts";
import type { FunctionDefinitionNode } from "../syntax/mod.ts";
import type { ColumnSchema, ScalarType } from "../symbols/types.ts";
import { quoteIdent } from "./duckdb_types.ts";

/** A JavaScript scalar function that the SQL calls, registered on the connection by the runner. */
export interface UdfSpec {
  /** Its SQL name (ASCII letters, digits and `_`). */
  readonly name: string;
  /**
   * What it computes: a library function, a binary operator, a dynamic path, or for `mv-expand` the number of
   * elements a value expands to and element k of it (converted to the return type).
   */
  readonly call:
    | { readonly kind: "function"; readonly name: string }
    | { readonly kind: "operator"; readonly operator: string }
    | { readonly kind: "path" }
    | { readonly kind: "mv_count" | "mv_element"; readonly bagexpansion: "bag" | "array" };
  /** The Kusto types of its arguments (as bound). */
  readonly argTypes: readonly ScalarType[];
  readonly returns: ScalarType;
}

/** Thrown inside the compiler when a construct cannot be expressed; the whole query then falls back. */
export class SqlFallback extends Error {
  readonly span: Span | undefined;
  constructor(reason: string, span?: Span) {
    super(reason);
    this.name = "SqlFallback";
    this.span = span;
  }
}

/** A relation: a SELECT (or table reference) with its columns; `ordered` when it carries the row-order column. */
export interface Rel {
  readonly sql: string;
  readonly columns: readonly ColumnSchema[];
  readonly ordered: boolean;
  /** Column names no two rows share all values of (after `summarize by`/`distinct`); [] = at most one row. */
  readonly uniqueOn?: readonly string[];
}

/** The hidden column that carries row order from `sort`/`top` to the final `ORDER BY`. */
export const ORDER_COLUMN = "kql$ord";
/** The quoted order column. */
export const ORDER_SQL = quoteIdent(ORDER_COLUMN);

/** What a name in scope stands for. */
export type SqlBinding =
  | { readonly kind: "scalar"; readonly sql: string; readonly type: ScalarType }
  | { readonly kind: "table"; readonly rel: () => Rel }
  | { readonly kind: "function"; readonly definition: FunctionDefinitionNode; readonly scope: SqlScope };

/** Names in scope (lets, function parameters, query parameters), innermost first. */
export class SqlScope {
  readonly #names = new Map<string, SqlBinding>();
  readonly #parent: SqlScope | undefined;
  constructor(parent?: SqlScope) {
    this.#parent = parent;
  }
  define(name: string, binding: SqlBinding): void {
    this.#names.set(name, binding);
  }
  lookup(name: string): SqlBinding | undefined {
    return this.#names.get(name) ?? this.#parent?.lookup(name);
  }
}

/** The compilation state shared by the scalar and tabular compilers. */
export class SqlContext {
  readonly info: BoundInfo;
  readonly now: number;
  /** Tables that exist in the database; others read as empty tables of their catalog schema. */
  readonly hasTable: (name: string) => boolean;
  /** Only rows with `TimeGenerated` in `[start, end)` microseconds are read from tables. */
  readonly timeRange: { readonly start: number; readonly end: number } | undefined;
  readonly udfs = new Map<string, UdfSpec>();
  /** Chart metadata of a final `render`. */
  render: { chart: string; properties: Record<string, unknown> } | undefined;
  #alias = 0;

  constructor(options: {
    info: BoundInfo;
    now: number;
    hasTable?: (name: string) => boolean;
    timeRange?: { readonly start: number; readonly end: number };
  }) {
    this.info = options.info;
    this.timeRange = options.timeRange;
    // A literal needs whole microseconds; the value model has no finer time.
    this.now = Number.isFinite(options.now) ? Math.trunc(options.now) : 0;
    this.hasTable = options.hasTable ?? (() => true);
  }

  /** A fresh table alias. */
  alias(): string {
    return `t${++this.#alias}`;
  }

  /** The bound type of an expression; falls back when the binder did not type it. */
  typeOf(expr: { span: Span }): ScalarType {
    const type = this.info.types.get(expr as never);
    if (type === undefined) throw new SqlFallback("an expression the binder did not type", expr.span);
    return type;
  }

  /** Record a UDF the SQL calls and return its name. */
  udf(spec: Omit<UdfSpec, "name">): string {
    const callName = spec.call.kind === "function"
      ? spec.call.name
      : spec.call.kind === "operator"
      ? `op_${[...spec.call.operator].map((c) => /[a-z0-9_]/.test(c) ? c : `x${c.charCodeAt(0)}`).join("")}`
      : spec.call.kind === "path"
      ? "path"
      : `${spec.call.kind}_${spec.call.bagexpansion}`;
    if (!/^[a-z0-9_]+$/.test(callName)) throw new SqlFallback(`function '${callName}'`);
    const name = `kql_${callName}__${spec.argTypes.join("_")}__${spec.returns}`;
    this.udfs.set(name, { ...spec, name });
    return name;
  }
}
