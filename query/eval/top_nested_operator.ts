/**
 * `top-nested`: a hierarchy of top-N groups. Each clause groups the rows that reached it by its `of` value,
 * ranks the groups by the aggregate and keeps the first N; the next clause works inside each kept group.
 * Output columns per clause: the `of` value and `aggregated_<of>` (or the names given).
 */
import { expressionName } from "../bind/expression_name.ts";
import type { TopNestedClauseNode, TopNestedOperatorNode } from "../syntax/ast.ts";
import type { ColumnSchema } from "../symbols/types.ts";
import { sortComparator, type Value, valueKey } from "../values/mod.ts";
import { evalDiagnostic, EvalStop } from "./eval_codes.ts";
import { compileScalar } from "./compile_scalar.ts";
import { layoutOf } from "./eval_context.ts";
import { type OperatorSite, type PipeEnv, scalarEnv } from "./pipe_env.ts";
import type { Eval, PushOperator, Row } from "./push_operator.ts";
import { compileAggregates, type CompiledAggregates } from "./summarize_operator.ts";

interface Level {
  readonly count: number;
  readonly of: Eval;
  readonly aggregate: CompiledAggregates;
  readonly descending: boolean;
}

function compileLevel(
  clause: TopNestedClauseNode,
  input: readonly ColumnSchema[],
  env: PipeEnv,
  taken: Set<string>,
): { level: Level; columns: ColumnSchema[] } {
  if (clause.withOthers !== undefined) {
    throw new EvalStop(evalDiagnostic("unsupportedOption", clause.span, "top-nested", "with others"));
  }
  const senv = scalarEnv(env, layoutOf(input));
  const count = clause.count === undefined ? Infinity : compileScalar(clause.count, senv).eval([]);
  const ofExpr = clause.of.kind === "NamedExpression" ? clause.of.expression : clause.of;
  const ofName = clause.of.kind === "NamedExpression"
    ? clause.of.names[0].name
    : expressionName(clause.of, true) ?? `Column${taken.size + 1}`;
  const aggName = clause.by.kind === "NamedExpression" ? clause.by.names[0].name : `aggregated_${ofName}`;
  const inner = clause.by.kind === "NamedExpression" ? clause.by.expression : clause.by;
  const aggregate = compileAggregates([inner], input, env, new Set());
  taken.add(ofName);
  taken.add(aggName);
  return {
    level: {
      count: typeof count === "number" ? count : Infinity,
      of: compileScalar(ofExpr, senv).eval,
      aggregate,
      descending: clause.direction !== "asc",
    },
    columns: [
      { name: ofName, type: env.ctx.typeOf(ofExpr) },
      { name: aggName, type: aggregate.columns[0]?.type ?? "dynamic" },
    ],
  };
}

function aggregateOver(aggs: CompiledAggregates, rows: readonly Row[]): Value {
  const states = aggs.slots.map((s) => s.fn.init(s.constants));
  for (const row of rows) {
    aggs.slots.forEach((s, i) => {
      states[i] = s.fn.add(states[i], s.args.map((a) => a(row)));
    });
  }
  return aggs.outputs[0](aggs.slots.map((s, i) => s.fn.result(states[i])));
}

function expand(
  levels: readonly Level[],
  depth: number,
  rows: readonly Row[],
  out: Row[],
  prefix: Value[],
): void {
  const level = levels[depth];
  const groups = new Map<string, { value: Value; rows: Row[] }>();
  for (const row of rows) {
    const value = level.of(row);
    const key = valueKey(value);
    const g = groups.get(key);
    if (g === undefined) groups.set(key, { value, rows: [row] });
    else g.rows.push(row);
  }
  const ranked = [...groups.values()].map((g) => ({ ...g, score: aggregateOver(level.aggregate, g.rows) }));
  const compare = sortComparator({ descending: level.descending });
  ranked.sort((a, b) => compare(a.score, b.score));
  for (const g of ranked.slice(0, level.count)) {
    const values = [...prefix, g.value, g.score];
    if (depth + 1 < levels.length) expand(levels, depth + 1, g.rows, out, values);
    else out.push(values);
  }
}

/** `top-nested N of Expr by Aggregate [asc|desc], ...`. */
export function compileTopNested(
  op: TopNestedOperatorNode,
  site: OperatorSite,
): PushOperator {
  const { input, next, env } = site;
  const taken = new Set<string>();
  const compiled = op.clauses.map((c) => compileLevel(c, input, env, taken));
  const levels = compiled.map((c) => c.level);
  const downstream = next(compiled.flatMap((c) => c.columns));
  const rows: Row[] = [];
  return {
    push(batch) {
      for (const r of batch) rows.push(r);
    },
    finish() {
      const out: Row[] = [];
      if (levels.length > 0) expand(levels, 0, rows, out, []);
      if (out.length > 0) downstream.push(out);
      downstream.finish();
    },
  };
}
