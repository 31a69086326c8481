/**
 * `mv-apply` (a subquery run over each row's expanded values) and `search` (run as a union of the tables with
 * a `$table` column, filtered by the search predicate).
 */
import { parameterValue } from "../bind/bind_join.ts";
import type {
  ExpressionNode,
  MvApplyOperatorNode,
  MvExpandOperatorNode,
  SearchOperatorNode,
} from "../syntax/ast.ts";
import { compileStringMatcher, type StringMatcher } from "../functions/mod.ts";
import type { ColumnSchema } from "../symbols/types.ts";
import { toKqlString, type Value } from "../values/mod.ts";
import { evalDiagnostic, EvalStop } from "./eval_codes.ts";
import { layoutOf } from "./eval_context.ts";
import { compileScalar } from "./compile_scalar.ts";
import { Collector, type OperatorSite, type PipeEnv, scalarEnv } from "./pipe_env.ts";
import type { Downstream, Eval, PushOperator, Row, Table } from "./push_operator.ts";

/** Compiles a pipeline; passed in by the caller to keep the import graph one-way. */
export type PipelineCompiler = (
  operators: readonly MvApplyOperatorNode["subquery"][number][],
  input: readonly ColumnSchema[],
  sink: Downstream,
  env: PipeEnv,
) => PushOperator;

/** `mv-apply items on (subquery)`: for each row, expand the items and run the subquery over the expansion. */
export function compileMvApply(
  op: MvApplyOperatorNode,
  site: OperatorSite & { readonly compilePipeline: PipelineCompiler },
): PushOperator {
  const { input, next, env, compilePipeline } = site;
  const expand: MvExpandOperatorNode = {
    kind: "MvExpand",
    parameters: op.parameters,
    items: op.items,
    limit: op.limit,
    span: op.span,
  };
  const operators = [expand, ...op.subquery];
  /** Runs the subquery over one row; the schema is known when the pipeline is compiled. */
  const runRow = (rows: readonly Row[]): Table => {
    let columns: readonly ColumnSchema[] = [];
    const collector = new Collector({ check: (n) => env.ctx.checkRows(n, op.span) });
    const head = compilePipeline(operators, input, (c) => {
      columns = c;
      return collector;
    }, env);
    if (rows.length > 0) head.push(rows);
    head.finish();
    return { columns, rows: collector.rows };
  };
  const schema = runRow([]).columns;
  const expanded = new Set(schema.slice(input.length).map((c) => c.name));
  for (const item of op.items) {
    const e = item.expression;
    if (e.kind === "NamedExpression") expanded.add(e.names[0].name);
    else if (e.kind === "NameReference") expanded.add(e.name);
  }
  const subNames = new Set(schema.map((c) => c.name));
  const kept = input.map((_, i) => i).filter((i) =>
    !expanded.has(input[i].name) && !subNames.has(input[i].name)
  );
  const columns = [...kept.map((i) => input[i]), ...schema];
  const downstream = next(columns);
  let produced = 0;
  return {
    push(rows) {
      env.ctx.checkAbort(op.span);
      const out: Row[] = [];
      for (const row of rows) {
        const sub = runRow([row]);
        const positions = schema.map((c) => sub.columns.findIndex((x) => x.name === c.name));
        for (const r of sub.rows) {
          out.push([
            ...kept.map((i) => row[i]),
            ...positions.map((p) => p < 0 ? null : r[p]),
          ]);
        }
      }
      produced += out.length;
      env.ctx.checkRows(produced, op.span);
      if (out.length > 0) downstream.push(out);
    },
    finish: () => downstream.finish(),
  };
}

/** A term matcher for a search string: `x` has, `x*` hasprefix, `*x` hassuffix, `*x*` contains. */
function termMatcher(text: string, caseSensitive: boolean): StringMatcher {
  const starts = text.startsWith("*");
  const ends = text.endsWith("*") && text.length > 1;
  const term = text.slice(starts ? 1 : 0, ends ? -1 : undefined);
  const base = starts && ends ? "contains" : ends ? "hasprefix" : starts ? "hassuffix" : "has";
  return compileStringMatcher(caseSensitive ? `${base}_cs` : base, term)!;
}

/** The search predicate: bare strings and `* has x` look at every column; other parts are ordinary. */
function compileSearchPredicate(
  expr: ExpressionNode,
  columns: readonly ColumnSchema[],
  env: PipeEnv,
  caseSensitive: boolean,
): Eval {
  const anyColumn = (matcher: StringMatcher): Eval => {
    const n = columns.length;
    return (r) => {
      for (let i = 0; i < n; i++) {
        const v = r[i];
        if (v === null || v === "") continue;
        if (matcher(typeof v === "string" ? v : toKqlString(v as Value, columns[i].type)) === true) {
          return true;
        }
      }
      return false;
    };
  };
  switch (expr.kind) {
    case "Parenthesized":
      return compileSearchPredicate(expr.expression, columns, env, caseSensitive);
    case "Literal":
      if (typeof expr.value === "string") return anyColumn(termMatcher(expr.value, caseSensitive));
      break;
    case "Binary": {
      if (expr.operator === "and" || expr.operator === "or") {
        const l = compileSearchPredicate(expr.left, columns, env, caseSensitive);
        const r = compileSearchPredicate(expr.right, columns, env, caseSensitive);
        return expr.operator === "and"
          ? (row) => l(row) === true && r(row) === true
          : (row) => l(row) === true || r(row) === true;
      }
      if (expr.left.kind === "Star" && expr.right.kind === "Literal") {
        const matcher = compileStringMatcher(expr.operator, expr.right.value as Value);
        if (matcher === undefined) break;
        return anyColumn(matcher);
      }
      if (expr.operator === ":" && expr.right.kind === "Literal" && typeof expr.right.value === "string") {
        const column = compileScalar(expr.left, scalarEnv(env, layoutOf(columns))).eval;
        const matcher = termMatcher(expr.right.value, caseSensitive);
        return (r) => {
          const v = column(r);
          return v !== null && matcher(typeof v === "string" ? v : toKqlString(v, "dynamic")) === true;
        };
      }
      break;
    }
  }
  return compileScalar(expr, scalarEnv(env, layoutOf(columns))).eval;
}

/** `search [kind=case_sensitive] [in (T, ...)] predicate` over the given union of tables. */
export function searchTable(
  op: SearchOperatorNode,
  union: Table,
  env: PipeEnv,
): Table {
  const kind = parameterValue(op.parameters, "kind");
  if (kind !== undefined && kind !== "case_sensitive" && kind !== "case_insensitive") {
    throw new EvalStop(evalDiagnostic("unsupportedOption", op.span, "search", `kind=${kind}`));
  }
  const predicate = compileSearchPredicate(op.predicate, union.columns, env, kind === "case_sensitive");
  return { columns: union.columns, rows: union.rows.filter((r) => predicate(r) === true) };
}
