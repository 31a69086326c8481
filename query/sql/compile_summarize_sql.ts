/**
 * `summarize` to `GROUP BY`: the by keys and the aggregates that DuckDB computes with Kusto's meaning. Output
 * names come from the binder (`count_`, `dcount_X`, `min_TimeGenerated`, ...), matched by position.
 */
import type { ExpressionNode, SummarizeOperatorNode } from "../syntax/mod.ts";
import type { ScalarType } from "../symbols/types.ts";
import { castTo, compileScalarSql, convertTo, rowRefs, type ScalarSite } from "./compile_scalar_sql.ts";
import { quoteIdent } from "./duckdb_types.ts";
import { type Rel, type SqlContext, SqlFallback, type SqlScope } from "./sql_context.ts";

const ORDERABLE = new Set<ScalarType>([
  "int",
  "long",
  "real",
  "datetime",
  "timespan",
  "string",
  "bool",
  "guid",
]);
const SUMMABLE = new Set<ScalarType>(["int", "long", "real", "timespan"]);

/**
 * Compile one aggregate call.
 *
 * @param expr the aggregate expression (optionally `Name = agg(...)`)
 * @param site where its arguments are compiled (the input row)
 * @returns SQL of the binder's result type
 */
export function compileAggregate(expr: ExpressionNode, site: ScalarSite): string {
  const { ctx } = site;
  const call = expr.kind === "NamedExpression" ? expr.expression : expr;
  if (call.kind !== "FunctionCall") throw new SqlFallback("an aggregate that is not a plain call", expr.span);
  const name = call.name.name.toLowerCase();
  const args = call.arguments;
  if (args.some((a) => a.kind === "Star" || a.kind === "NamedExpression")) {
    throw new SqlFallback(`aggregate '${name}' with '*' or named arguments`, call.span);
  }
  const type = ctx.typeOf(call);
  const arg = (i: number) => compileScalarSql(args[i], site);
  const argType = (i: number) => ctx.typeOf(args[i]);
  const filter = (i: number) => {
    if (argType(i) !== "bool") throw new SqlFallback(`'${name}' with a non-bool predicate`, call.span);
    return ` FILTER (WHERE ${arg(i)})`;
  };
  switch (name) {
    case "count":
      if (args.length === 0) return "count(*)";
      break;
    case "countif":
      if (args.length === 1) return `count(*)${filter(0)}`;
      break;
    case "sum":
    case "sumif":
      if (SUMMABLE.has(argType(0)) && args.length === (name === "sum" ? 1 : 2)) {
        return castTo(`sum(${arg(0)})${name === "sumif" ? filter(1) : ""}`, type);
      }
      break;
    case "min":
    case "max":
    case "minif":
    case "maxif":
      if (
        ORDERABLE.has(argType(0)) && argType(0) !== "real" && args.length === (name.endsWith("if") ? 2 : 1)
      ) {
        return castTo(`${name.slice(0, 3)}(${arg(0)})${name.endsWith("if") ? filter(1) : ""}`, type);
      }
      break;
    case "avg":
    case "avgif":
      if (
        (argType(0) === "int" || argType(0) === "long" || argType(0) === "real") &&
        args.length === (name === "avg" ? 1 : 2)
      ) {
        return castTo(`avg(${arg(0)})${name === "avgif" ? filter(1) : ""}`, type);
      }
      break;
    case "dcount":
    case "dcountif":
    case "count_distinct":
    case "count_distinctif": {
      // Kusto's dcount is an estimate; ours is exact below the sketch's sparse limit, as DuckDB's exact count.
      const conditional = name.endsWith("if");
      const t = argType(0);
      if (t !== "dynamic" && t !== "real" && args.length >= (conditional ? 2 : 1)) {
        return castTo(`count(DISTINCT ${arg(0)})${conditional ? filter(1) : ""}`, type);
      }
      break;
    }
  }
  throw new SqlFallback(`aggregate '${name}'`, call.span);
}

/**
 * Compile `summarize`.
 *
 * @param op the operator
 * @param input the input relation
 * @param env the context, scope and the binder's output columns
 * @returns the grouped relation (unordered)
 */
export function compileSummarize(
  op: SummarizeOperatorNode,
  input: Rel,
  env: { ctx: SqlContext; scope: SqlScope; output: readonly { name: string; type: ScalarType }[] },
): Rel {
  const { ctx, scope, output } = env;
  if (output.length !== op.by.length + op.aggregates.length) {
    throw new SqlFallback("a summarize whose output columns do not follow its expressions", op.span);
  }
  const site: ScalarSite = { ctx, scope, row: { columns: rowRefs(input.columns) } };
  const items: string[] = [];
  op.by.forEach((key, i) => {
    const expr = key.kind === "NamedExpression" ? key.expression : key;
    if (key.kind === "NamedExpression" && key.names.length !== 1) {
      throw new SqlFallback("a tuple by key", key.span);
    }
    const sql = convertTo(compileScalarSql(expr, site), ctx.typeOf(expr), output[i].type);
    items.push(`${sql} AS ${quoteIdent(output[i].name)}`);
  });
  op.aggregates.forEach((agg, i) => {
    const column = output[op.by.length + i];
    items.push(`${compileAggregate(agg, site)} AS ${quoteIdent(column.name)}`);
  });
  const groupBy = op.by.length === 0 ? "" : ` GROUP BY ${op.by.map((_, i) => i + 1).join(", ")}`;
  const alias = ctx.alias();
  return {
    sql: `SELECT ${items.join(", ")} FROM (${input.sql}) AS ${alias}${groupBy}`,
    columns: output,
    ordered: false,
    uniqueOn: op.by.length > 0 ? output.slice(0, op.by.length).map((c) => c.name) : [],
  };
}
