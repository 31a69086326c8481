/**
 * What an operator compiler receives besides its node: the query context and the scope, plus helpers shared by
 * the operator files (compiling expressions against an input layout, buffering for row functions).
 */
import type { ExpressionNode } from "../syntax/ast.ts";
import type { ColumnSchema } from "../symbols/types.ts";
import { type EvalContext, type EvalScope, type Layout, layoutOf } from "./eval_context.ts";
import { type Compiled, compileScalar, type ScalarEnv } from "./compile_scalar.ts";
import type { Downstream, PushOperator, Row } from "./push_operator.ts";
import { ROW_FUNCTIONS, type RowCursor } from "./row_functions.ts";

/** The query context and the scope an operator is compiled in. */
export interface PipeEnv {
  readonly ctx: EvalContext;
  readonly scope: EvalScope;
}

/** Where an operator is compiled: its input schema, the factory of what follows, the query context and scope. */
export interface OperatorSite {
  readonly input: readonly ColumnSchema[];
  readonly next: Downstream;
  readonly env: PipeEnv;
}

/** A scalar environment for an input layout. */
export function scalarEnv(env: PipeEnv, layout: Layout, cursor?: RowCursor): ScalarEnv {
  return { ctx: env.ctx, scope: env.scope, layout, cursor };
}

/** Whether an expression calls a row function (then its operator must see all rows in order). */
export function usesRowFunctions(expr: ExpressionNode): boolean {
  let found = false;
  const visit = (node: unknown): void => {
    if (found || node === null || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    const n = node as { kind?: string; name?: { name?: string } };
    if (n.kind === "FunctionCall" && ROW_FUNCTIONS.has(n.name?.name ?? "")) {
      found = true;
      return;
    }
    for (const [key, value] of Object.entries(node)) if (key !== "span") visit(value);
  };
  visit(expr);
  return found;
}

/**
 * A row-by-row operator. Without row functions it streams; with them it keeps every row and runs them in
 * order at `finish()`, moving the cursor the row functions read.
 */
export function rowOperator(
  env: PipeEnv,
  ordered: boolean,
  cursor: RowCursor,
  map: (row: Row, out: Row[]) => void,
  downstream: PushOperator,
  span: ExpressionNode["span"],
): PushOperator {
  if (!ordered) {
    return {
      push(rows) {
        env.ctx.checkAbort(span);
        const out: Row[] = [];
        for (let i = 0; i < rows.length; i++) map(rows[i], out);
        if (out.length > 0) downstream.push(out);
      },
      finish: () => downstream.finish(),
    };
  }
  const all: Row[] = [];
  return {
    push(rows) {
      env.ctx.checkAbort(span);
      for (const r of rows) all.push(r);
    },
    finish() {
      cursor.rows = all;
      const out: Row[] = [];
      for (let i = 0; i < all.length; i++) {
        cursor.index = i;
        map(all[i], out);
      }
      if (out.length > 0) downstream.push(out);
      downstream.finish();
    },
  };
}

/** Compile an expression against a column list. */
export function compileAgainst(
  expr: ExpressionNode,
  env: PipeEnv,
  columns: readonly ColumnSchema[],
  cursor?: RowCursor,
): Compiled {
  return compileScalar(expr, scalarEnv(env, layoutOf(columns), cursor));
}

/** Collects rows into an array (the end of a pipeline, or a blocking operator's input). */
export class Collector implements PushOperator {
  readonly rows: Row[] = [];
  #done = false;
  readonly #onFinish: (() => void) | undefined;
  readonly #check: ((count: number) => void) | undefined;

  constructor(options: { onFinish?: () => void; check?: (count: number) => void } = {}) {
    this.#onFinish = options.onFinish;
    this.#check = options.check;
  }

  push(rows: readonly Row[]): void {
    for (const r of rows) this.rows.push(r);
    this.#check?.(this.rows.length);
  }

  finish(): void {
    if (this.#done) return;
    this.#done = true;
    this.#onFinish?.();
  }
}
