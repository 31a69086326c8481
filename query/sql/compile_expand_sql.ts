/**
 * `mv-expand` and `parse` / `parse-where` to SQL, with the in-memory engine's meaning (query/eval
 * expand_operators.ts).
 *
 * mv-expand: dynamic values are JSON text in DuckDB and the JSON extension is not loaded, so two UDFs read
 * them with the shared value code: how many elements a value expands to (null and scalars 1, an array its
 * length, a bag its number of keys) and element k converted to the item's `to typeof()` type. The rows come
 * from `unnest(range(0, n))` (no elements, no row), arrays in parallel padded with null, capped by `limit`;
 * `with_itemindex` is k. Rows sorted before keep their order, elements in order within a row.
 *
 * parse: the pattern becomes one RE2 regular expression (DuckDB's dialect, which is Kusto's): literals escaped
 * and anchored at the start for `simple`/`relaxed`, passed through for `regex`; captures are lazy groups (the
 * last one greedy), as the engine builds them. Typed captures convert with the library's `to*` functions; in
 * `simple`/`regex` a capture that does not convert fails the row (every capture takes its default: `""` for
 * strings, null otherwise), in `relaxed` only that value is null; `parse-where` drops the rows that fail.
 */
import { parameterValue } from "../bind/bind_join.ts";
import { expressionName } from "../bind/expression_name.ts";
import { nextColumnName } from "../bind/table_type.ts";
import type { MvExpandOperatorNode, ParseOperatorNode } from "../syntax/mod.ts";
import { type ColumnSchema, type ScalarType, toScalarType } from "../symbols/types.ts";
import { compileScalarSql, rowRefs, type ScalarSite, udfCall } from "./compile_scalar_sql.ts";
import { quoteIdent, sqlLiteral } from "./duckdb_types.ts";
import { ORDER_SQL, type Rel, type SqlContext, SqlFallback, type SqlScope } from "./sql_context.ts";

interface ExpandSite {
  readonly ctx: SqlContext;
  readonly scope: SqlScope;
  /** The binder's output columns of the operator. */
  readonly output: readonly ColumnSchema[];
}

const hidden = (name: string) => quoteIdent(`kql$${name}`);

/** The library conversion a typed capture goes through (the engine's cast of a string). */
const CONVERSIONS: Partial<Record<ScalarType, string>> = {
  long: "tolong",
  int: "toint",
  real: "toreal",
  decimal: "todecimal",
  bool: "tobool",
  guid: "toguid",
  datetime: "todatetime",
  timespan: "totimespan",
  dynamic: "todynamic",
};

/** The final SELECT: the binder's columns from `items` (by name) or the input's, plus the order column. */
function select(
  source: string,
  output: readonly ColumnSchema[],
  items: ReadonlyMap<string, string>,
  tail: string,
  order: string | undefined,
): string {
  const list = output.map((c) => `${items.get(c.name) ?? quoteIdent(c.name)} AS ${quoteIdent(c.name)}`);
  if (order !== undefined) list.push(`${order} AS ${ORDER_SQL}`);
  return `SELECT ${list.join(", ")} FROM (${source})${tail}`;
}

/**
 * Compile `mv-expand`.
 *
 * @param op the operator
 * @param input its input relation
 * @param site context, scope and the binder's output columns
 * @returns the relation
 */
export function compileMvExpandSql(op: MvExpandOperatorNode, input: Rel, site: ExpandSite): Rel {
  const { ctx, output } = site;
  const bagexpansion =
    (parameterValue(op.parameters, "bagexpansion") ?? parameterValue(op.parameters, "kind") ??
      "bag").toLowerCase();
  if (bagexpansion !== "bag" && bagexpansion !== "array") {
    throw new SqlFallback(`mv-expand bagexpansion=${bagexpansion}`, op.span);
  }
  const row: ScalarSite = { ctx, scope: site.scope, row: { columns: rowRefs(input.columns) } };
  const taken = new Set(input.columns.map((c) => c.name));
  const items = op.items.map((item, j) => {
    const expr = item.expression;
    const inner = expr.kind === "NamedExpression" ? expr.expression : expr;
    if (expr.kind === "NamedExpression" && expr.names.length !== 1) {
      throw new SqlFallback("a tuple assignment", expr.span);
    }
    const name = expr.kind === "NamedExpression"
      ? expr.names[0].name
      : expressionName(inner, true) ?? nextColumnName(taken);
    const type: ScalarType = item.toType === undefined
      ? "dynamic"
      : toScalarType(item.toType.name) ?? "dynamic";
    return {
      name,
      type,
      valueType: ctx.typeOf(inner),
      sql: compileScalarSql(inner, row),
      ref: hidden(`mv${j}`),
    };
  });
  const indexName = parameterValue(op.parameters, "with_itemindex");
  const k = hidden("k");
  const count = (i: (typeof items)[number]) =>
    udfCall(ctx, { kind: "mv_count", bagexpansion }, [{ sql: i.ref, type: i.valueType }], "long");
  const counts = items.map(count);
  const most = counts.length === 1 ? counts[0] : `GREATEST(${counts.join(", ")})`;
  const limit = op.limit === undefined
    ? most
    : `LEAST(${most}, CAST(${
      compileScalarSql(op.limit, { ...row, row: { columns: new Map() } })
    } AS BIGINT))`;
  const values = `SELECT *, ${items.map((i) => `${i.sql} AS ${i.ref}`).join(", ")} FROM (${input.sql})`;
  const expanded = `SELECT *, unnest(range(0, ${limit})) AS ${k} FROM (${values})`;
  const picked = new Map<string, string>(items.map((i) => [
    i.name,
    udfCall(
      ctx,
      { kind: "mv_element", bagexpansion },
      [{ sql: i.ref, type: i.valueType }, { sql: k, type: "int" }],
      i.type,
    ),
  ]));
  if (indexName !== undefined) picked.set(indexName, k);
  const order = input.ordered ? `row_number() OVER (ORDER BY ${ORDER_SQL}, ${k})` : undefined;
  return {
    sql: select(expanded, output, picked, "", order),
    columns: output,
    ordered: input.ordered,
  };
}

/** RE2 source of a literal: every character that means something in a pattern escaped. */
function escapeRe2(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Compile `parse` and `parse-where`.
 *
 * @param op the operator
 * @param input its input relation
 * @param site context, scope and the binder's output columns
 * @returns the relation
 */
export function compileParseSql(op: ParseOperatorNode, input: Rel, site: ExpandSite): Rel {
  const { ctx, output } = site;
  const kind = (parameterValue(op.parameters, "kind") ?? "simple").toLowerCase();
  if (kind !== "simple" && kind !== "regex" && kind !== "relaxed") {
    throw new SqlFallback(`parse kind=${kind}`, op.span);
  }
  const flags = parameterValue(op.parameters, "flags") ?? "";
  const literal = kind !== "regex";
  const captures: { name: string; type: ScalarType }[] = [];
  let pattern = literal ? "^" : "";
  op.pattern.forEach((part, i) => {
    const last = i === op.pattern.length - 1;
    if (part.kind === "Literal") {
      const text = typeof part.value === "string" ? part.value : String(part.value);
      pattern += literal ? escapeRe2(text) : text;
    } else if (part.kind === "Star") {
      pattern += last ? "[\\s\\S]*" : "[\\s\\S]*?";
    } else {
      captures.push({
        name: part.name.name,
        type: part.type === undefined ? "string" : toScalarType(part.type.name) ?? "string",
      });
      pattern += last ? "([\\s\\S]*)" : "([\\s\\S]*?)";
    }
  });
  // A NUL cannot travel through the SQL text; such a pattern stays with the in-memory engine.
  if (pattern.includes("\u0000")) throw new SqlFallback("a parse pattern with a NUL character", op.span);
  if (flags.includes("i")) pattern = `(?i)${pattern}`;
  const sourceType = ctx.typeOf(op.source);
  if (sourceType !== "string") throw new SqlFallback(`parse of a ${sourceType} value`, op.source.span);
  const row: ScalarSite = { ctx, scope: site.scope, row: { columns: rowRefs(input.columns) } };
  const text = `coalesce(${compileScalarSql(op.source, row)}, '')`;
  const re = sqlLiteral(pattern, "string");
  const matched = hidden("pm");
  const values = captures.map((c, i) => {
    const raw = `regexp_extract(${text}, ${re}, ${i + 1})`;
    const fn = CONVERSIONS[c.type];
    return fn === undefined
      ? raw
      : udfCall(ctx, { kind: "function", name: fn }, [{ sql: raw, type: "string" }], c.type);
  });
  const refs = captures.map((_, i) => hidden(`p${i}`));
  const inner = `SELECT *, regexp_matches(${text}, ${re}) AS ${matched}${
    values.map((v, i) => `, ${v} AS ${refs[i]}`).join("")
  } FROM (${input.sql})`;
  const typed = captures.flatMap((c, i) => c.type === "string" ? [] : [`${refs[i]} IS NOT NULL`]);
  const ok = kind === "relaxed" || typed.length === 0 ? matched : `(${matched} AND ${typed.join(" AND ")})`;
  const items = new Map(captures.map((c, i) => [
    c.name,
    `CASE WHEN ${ok} THEN ${refs[i]} ELSE ${c.type === "string" ? "''" : "NULL"} END`,
  ]));
  const tail = op.keyword === "parse-where" ? ` WHERE ${ok}` : "";
  return {
    sql: select(inner, output, items, tail, input.ordered ? ORDER_SQL : undefined),
    columns: output,
    ordered: input.ordered,
    // Rows stay distinct on their keys unless a capture replaces one of them.
    ...(captures.some((c) => input.uniqueOn?.includes(c.name)) ? {} : { uniqueOn: input.uniqueOn }),
  };
}
