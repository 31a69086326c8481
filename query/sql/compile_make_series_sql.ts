/**
 * `make-series` to SQL, with the in-memory engine's meaning (query/eval summarize_operator.ts): the axis range is
 * `from`/`to` when given, else the data's own (floor of the least value to the step, floor of the greatest plus
 * a step, over every row); rows outside it, or whose axis is null, count nowhere; each group gets one array per
 * aggregate over every bin, `default` (0 unless given) where a bin had no rows, and the axis as an array (a
 * datetime or timespan as text, as Kusto's JSON shows them). No rows in range, no output row.
 *
 * Dynamic values are JSON text and the JSON extension is not loaded, so the arrays are spelled in SQL:
 * numeric results only (the aggregates of `compileAggregate` whose result is a number); a bin is found with
 * `list_position` over the group's bins. Anything else falls back.
 */
import type { ExpressionNode, MakeSeriesOperatorNode } from "../syntax/mod.ts";
import type { ColumnSchema, ScalarType } from "../symbols/types.ts";
import { compileScalarSql, convertTo, rowRefs, type ScalarSite, udfCall } from "./compile_scalar_sql.ts";
import { compileAggregate } from "./compile_summarize_sql.ts";
import { quoteIdent } from "./duckdb_types.ts";
import { type Rel, type SqlContext, SqlFallback, type SqlScope } from "./sql_context.ts";

const NUMBERS = new Set<ScalarType>(["long", "int", "real"]);
const hidden = (name: string) => quoteIdent(`kql$${name}`);

/** The JSON text of a constant `default = v`: a number literal (maybe negated) or null. */
function defaultJson(expr: ExpressionNode | undefined): string {
  if (expr === undefined) return "0";
  const negated = expr.kind === "Unary" && expr.operator === "-";
  const inner = negated ? expr.operand : expr;
  if (inner.kind !== "Literal") {
    throw new SqlFallback("a make-series default that is not a literal", expr.span);
  }
  if (inner.value === null && !negated) return "null";
  if (typeof inner.value !== "number" || !Number.isFinite(inner.value)) {
    throw new SqlFallback("a make-series default that is not a number", expr.span);
  }
  return JSON.stringify(negated ? -inner.value : inner.value);
}

/** The axis value as a number in the engine's units (datetime and timespan in microseconds). */
function axisNumber(sql: string, type: ScalarType): string {
  if (type === "datetime") return `CAST(epoch_us(${sql}) AS DOUBLE)`;
  if (type === "timespan" || NUMBERS.has(type)) return `CAST(${sql} AS DOUBLE)`;
  throw new SqlFallback(`a make-series axis of type ${type}`);
}

/**
 * Compile `make-series`.
 *
 * @param op the operator
 * @param input its input relation
 * @param site context, scope and the binder's output columns
 * @returns the relation (unordered, one row per group)
 */
export function compileMakeSeriesSql(
  op: MakeSeriesOperatorNode,
  input: Rel,
  site: { ctx: SqlContext; scope: SqlScope; output: readonly ColumnSchema[] },
): Rel {
  const { ctx, output } = site;
  if (op.parameters.length > 0) throw new SqlFallback("make-series parameters", op.span);
  const range = op.inRange?.kind === "FunctionCall" && op.inRange.name.name === "range" &&
      op.inRange.arguments.length === 3
    ? op.inRange.arguments
    : undefined;
  const stepExpr = range?.[2] ?? op.step;
  if ((op.inRange !== undefined && range === undefined) || stepExpr === undefined) {
    throw new SqlFallback("make-series without a step", op.span);
  }
  if (output.length !== op.by.length + op.aggregates.length + 1) {
    throw new SqlFallback("a make-series whose output columns do not follow its expressions", op.span);
  }
  const row: ScalarSite = { ctx, scope: site.scope, row: { columns: rowRefs(input.columns) } };
  const constant: ScalarSite = { ...row, row: { columns: new Map() } };
  const axisType = ctx.typeOf(op.on);
  const ax = axisNumber(compileScalarSql(op.on, row), axisType);
  const bound = (e: ExpressionNode | undefined) =>
    e === undefined ? undefined : axisNumber(compileScalarSql(e, constant), ctx.typeOf(e));
  const stepType = ctx.typeOf(stepExpr);
  if (!NUMBERS.has(stepType) && stepType !== "timespan") {
    throw new SqlFallback(`a make-series step of type ${stepType}`, stepExpr.span);
  }
  const step = `CAST(${compileScalarSql(stepExpr, constant)} AS DOUBLE)`;
  const from = bound(range?.[0] ?? op.from);
  const to = bound(range?.[1] ?? op.to);

  const keys = op.by.map((key, i) => {
    if (key.kind === "NamedExpression" && key.names.length !== 1) {
      throw new SqlFallback("a tuple by key", key.span);
    }
    const expr = key.kind === "NamedExpression" ? key.expression : key;
    return {
      sql: convertTo(compileScalarSql(expr, row), ctx.typeOf(expr), output[i].type),
      ref: hidden(`k${i}`),
    };
  });
  const aggregates = op.aggregates.map((agg, i) => {
    const call = agg.expression.kind === "NamedExpression" ? agg.expression.expression : agg.expression;
    const type = ctx.typeOf(call);
    if (!NUMBERS.has(type)) throw new SqlFallback(`a make-series aggregate of type ${type}`, agg.span);
    return {
      sql: compileAggregate(agg.expression, row),
      ref: hidden(`v${i}`),
      list: hidden(`l${i}`),
      type,
      json: defaultJson(agg.defaultValue),
    };
  });
  const [lo, hi, st, b, bins] = ["lo", "hi", "st", "b", "bins"].map(hidden);

  // The range: from/to, or the data's (over every row, before grouping), and the step; a step that is not
  // positive gives no bins, as in the engine.
  const extent = from !== undefined && to !== undefined
    ? `SELECT ${from} AS ${lo}, ${to} AS ${hi}, ${step} AS ${st}`
    : `SELECT ${from ?? `floor(min(${hidden("ax")}) / ${step}) * ${step}`} AS ${lo}, ${
      to ?? `floor(max(${hidden("ax")}) / ${step}) * ${step} + ${step}`
    } AS ${hi}, ${step} AS ${st} FROM (SELECT ${ax} AS ${hidden("ax")} FROM (${input.sql}))`;
  const params =
    `SELECT ${lo}, ${hi}, ${st}, CASE WHEN ${st} > 0 AND ${hi} > ${lo} THEN CAST(ceil((${hi} - ${lo}) / ${st}) AS BIGINT) ELSE 0 END AS ${bins} FROM (${extent})`;
  const binned = `SELECT *, ${keys.map((k) => `${k.sql} AS ${k.ref}, `).join("")}CAST(floor((${
    hidden("ax")
  } - ${lo}) / ${st}) AS BIGINT) AS ${b} FROM (SELECT *, ${ax} AS ${
    hidden("ax")
  } FROM (${input.sql})) CROSS JOIN (${params}) WHERE ${bins} > 0 AND ${hidden("ax")} >= ${lo} AND ${
    hidden("ax")
  } < ${hi}`;
  const groupRefs = [...keys.map((k) => k.ref), lo, st, bins];
  const perBin = `SELECT ${[...groupRefs, b].join(", ")}, ${
    aggregates.map((a) => `${a.sql} AS ${a.ref}`).join(", ")
  } FROM (${binned}) GROUP BY ${[...groupRefs, b].join(", ")}`;
  const perGroup = `SELECT ${groupRefs.join(", ")}, list(${b} ORDER BY ${b}) AS ${hidden("bs")}, ${
    aggregates.map((a) => `list(${a.ref} ORDER BY ${b}) AS ${a.list}`).join(", ")
  } FROM (${perBin}) GROUP BY ${groupRefs.join(", ")}`;

  const at = `list_position(${hidden("bs")}, i)`;
  const text = (value: string, type: ScalarType) =>
    type === "real"
      ? `CASE WHEN isfinite(${value}) THEN CAST(${value} AS VARCHAR) END`
      : `CAST(${value} AS VARCHAR)`;
  const series = aggregates.map((a) =>
    `'[' || array_to_string(list_transform(range(0, ${bins}), i -> CASE WHEN ${at} IS NULL THEN '${a.json}' ` +
    `ELSE coalesce(${text(`${a.list}[${at}]`, a.type)}, 'null') END), ',') || ']'`
  );
  const point = `${lo} + i * ${st}`;
  const axisText = axisType === "datetime" || axisType === "timespan"
    ? `'"' || ${
      udfCall(ctx, { kind: "function", name: "tostring" }, [{
        sql: axisType === "datetime"
          ? `make_timestamp(CAST(${point} AS BIGINT))`
          : `CAST(${point} AS BIGINT)`,
        type: axisType,
      }], "string")
    } || '"'`
    : `CAST(${point} AS VARCHAR)`;
  const axis = `'[' || array_to_string(list_transform(range(0, ${bins}), i -> ${axisText}), ',') || ']'`;
  const items = [
    ...keys.map((k, i) => `${k.ref} AS ${quoteIdent(output[i].name)}`),
    ...series.map((s, i) => `${s} AS ${quoteIdent(output[keys.length + i].name)}`),
    `${axis} AS ${quoteIdent(output[output.length - 1].name)}`,
  ];
  return {
    sql: `SELECT ${items.join(", ")} FROM (${perGroup})`,
    columns: output,
    ordered: false,
    uniqueOn: keys.length > 0 ? output.slice(0, keys.length).map((c) => c.name) : [],
  };
}
