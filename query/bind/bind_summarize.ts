/**
 * Aggregating operators: `summarize`, `make-series`, `top-nested`, with Kusto's output column naming
 * (`count_`, `dcount_Account`, `min_TimeGenerated`, `arg_max` and `take_any` expansion, `percentile_X_95`).
 */
import type {
  ExpressionNode,
  FunctionCallNode,
  MakeSeriesOperatorNode,
  SummarizeOperatorNode,
} from "../syntax/mod.ts";
import type { ColumnSchema, ScalarType } from "../symbols/mod.ts";
import type { BindContext, RowContext } from "./context.ts";
import { expressionName } from "./expression_name.ts";
import type { Scope } from "./scope.ts";
import { column, nextColumnName, tableOf, type TableType, uniqueName } from "./table_type.ts";

/** Collects output columns, giving each a unique name. */
class OutputColumns {
  readonly columns: ColumnSchema[] = [];
  readonly #taken = new Set<string>();

  add(name: string | undefined, type: ScalarType): void {
    const unique = uniqueName(name ?? nextColumnName(this.#taken), this.#taken);
    this.#taken.add(unique);
    this.columns.push(column(unique, type));
  }

  has(name: string): boolean {
    return this.#taken.has(name);
  }
}

/** Bind the `by` keys of summarize / make-series into output columns. */
function bindKeys(
  ctx: BindContext,
  keys: readonly ExpressionNode[],
  row: RowContext,
  out: OutputColumns,
): void {
  for (const key of keys) {
    if (key.kind === "NamedExpression") {
      const type = ctx.scalar(key.expression, row);
      for (const name of key.names) out.add(name.name, type);
      continue;
    }
    const type = ctx.scalar(key, row);
    out.add(expressionName(key, true), type);
  }
}

/** The aggregate call at the top of an aggregate expression, if any. */
function topAggregate(ctx: BindContext, expr: ExpressionNode): FunctionCallNode | undefined {
  if (expr.kind !== "FunctionCall") return undefined;
  return ctx.functions.get(expr.name.name)?.kind === "aggregate" ? expr : undefined;
}

/** `percentiles(X, 50, 99.9)` → `percentile_X_50`, `percentile_X_99_9`. */
function percentileName(base: string | undefined, arg: ExpressionNode): string {
  const text = arg.kind === "Literal" ? String(arg.value).replace(".", "_") : "";
  return `percentile_${base ?? ""}_${text}`;
}

/** Bind one summarize aggregate expression, expanding multi-column aggregates. */
function bindAggregate(
  ctx: BindContext,
  expr: ExpressionNode,
  row: RowContext,
  out: OutputColumns,
  names: readonly string[] | undefined,
): void {
  const inner = expr.kind === "NamedExpression" ? expr.expression : expr;
  const explicit = expr.kind === "NamedExpression" ? expr.names.map((n) => n.name) : names;
  const call = topAggregate(ctx, inner);
  const type = ctx.scalar(inner, row);
  if (call === undefined) {
    // A scalar over aggregates (`round(avg(x), 2)`): one column, named Column1... unless named.
    if (explicit !== undefined && explicit.length > 0) out.add(explicit[0], type);
    else out.add(undefined, type);
    return;
  }
  const fn = ctx.functions.get(call.name.name)!;
  const args = call.arguments;
  const argName = (i: number) => args[i] === undefined ? undefined : expressionName(args[i], true);
  const argType = (i: number): ScalarType => {
    const arg = args[i];
    if (arg === undefined || arg.kind === "Star") return "dynamic";
    return ctx.scalar(arg.kind === "NamedExpression" ? arg.expression : arg, { ...row, aggregates: false });
  };
  const name = fn.name;
  if (
    name === "arg_max" || name === "arg_min" || ((name === "take_any" || name === "any") && args.length !== 1)
  ) {
    const first = name === "arg_max" || name === "arg_min" ? 1 : 0;
    const produced: ColumnSchema[] = [];
    if (first === 1) produced.push(column(argName(0) ?? `${fn.resultPrefix}_`, argType(0)));
    for (let i = first; i < args.length; i++) {
      const arg = args[i];
      if (arg.kind === "Star") {
        for (const c of row.table.columns) {
          if (!out.has(c.name) && !produced.some((p) => p.name === c.name)) produced.push(c);
        }
      } else if (arg.kind === "NamedExpression") {
        produced.push(column(arg.names[0].name, argType(i)));
      } else {
        produced.push(column(argName(i) ?? nextColumnName(new Set(produced.map((p) => p.name))), argType(i)));
      }
    }
    produced.forEach((c, i) => out.add(explicit?.[i] ?? c.name, c.type));
    return;
  }
  if (name === "percentiles" && args.length > 2) {
    const base = argName(0);
    for (let i = 1; i < args.length; i++) {
      out.add(explicit?.[i - 1] ?? percentileName(base, args[i]), argType(0));
    }
    return;
  }
  if (explicit !== undefined && explicit.length > 0) {
    out.add(explicit[0], type);
    return;
  }
  if (name === "percentile" || name === "percentilew") {
    out.add(percentileName(argName(0), args[args.length - 1]), type);
    return;
  }
  const base = args.length === 0 ? "" : argName(0) ?? "";
  out.add(`${fn.resultPrefix}_${base}`, type);
}

/**
 * Bind `summarize`: output is the `by` keys, then the aggregates.
 *
 * @param ctx the binder
 * @param input the input table
 * @param op the operator
 * @param scope the names in scope
 * @returns the output table
 */
export function bindSummarize(
  ctx: BindContext,
  input: TableType,
  op: SummarizeOperatorNode,
  scope: Scope,
): TableType {
  const out = new OutputColumns();
  const keyRow: RowContext = { table: input, scope, aggregates: false, operator: "summarize" };
  bindKeys(ctx, op.by, keyRow, out);
  const aggRow: RowContext = { ...keyRow, aggregates: true };
  for (const aggregate of op.aggregates) bindAggregate(ctx, aggregate, aggRow, out, undefined);
  // The output columns are all known, except what `*` (arg_max(T, *), take_any(*)) brings from an open input.
  const star = op.aggregates.some((a) => {
    const call = a.kind === "NamedExpression" ? a.expression : a;
    return call.kind === "FunctionCall" && call.arguments.some((arg) => arg.kind === "Star");
  });
  return tableOf(out.columns, { open: input.open && star });
}

/**
 * Bind `make-series`: the `by` keys, then one dynamic array per aggregate, then the axis column.
 */
export function bindMakeSeries(
  ctx: BindContext,
  input: TableType,
  op: MakeSeriesOperatorNode,
  scope: Scope,
): TableType {
  const row: RowContext = { table: input, scope, aggregates: false, operator: "make-series" };
  const out = new OutputColumns();
  bindKeys(ctx, op.by, row, out);
  for (const aggregate of op.aggregates) {
    const inner = aggregate.expression;
    const named = inner.kind === "NamedExpression" ? inner.names.map((n) => n.name) : undefined;
    const scratch = new OutputColumns();
    bindAggregate(ctx, inner, { ...row, aggregates: true }, scratch, named);
    if (aggregate.defaultValue !== undefined) ctx.scalar(aggregate.defaultValue, row);
    for (const c of scratch.columns) out.add(c.name, "dynamic");
  }
  ctx.scalar(op.on, row);
  for (const part of [op.from, op.to, op.step, op.inRange]) if (part !== undefined) ctx.scalar(part, row);
  out.add(expressionName(op.on, true), "dynamic");
  return tableOf(out.columns);
}
