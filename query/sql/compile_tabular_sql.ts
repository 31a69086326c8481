/**
 * Tabular KQL to SQL: sources (catalog tables, lets, `let` functions inlined, datatable, print, range, union)
 * and the operator chain, one nested SELECT per operator (DuckDB's optimizer flattens them). Every operator's
 * output must match the binder's schema by name and type, or the query falls back. Row order set by `sort`/`top`
 * travels in a hidden column to the final `ORDER BY`, so it survives later `where`/`extend`/`project`/`take`.
 */
import { expressionName } from "../bind/expression_name.ts";
import type {
  ExpressionNode,
  FunctionCallNode,
  QueryOperatorNode,
  SortExpressionNode,
  StatementNode,
} from "../syntax/mod.ts";
import { type ColumnSchema, type ScalarType, toScalarType } from "../symbols/types.ts";
import { castTo, compileScalarSql, convertTo, rowRefs, type ScalarSite } from "./compile_scalar_sql.ts";
import { compileSummarize } from "./compile_summarize_sql.ts";
import { compileJoin, compileLookup, compileUnion } from "./compile_join_sql.ts";
import { compileMvExpandSql, compileParseSql } from "./compile_expand_sql.ts";
import { compileMakeSeriesSql } from "./compile_make_series_sql.ts";
import { duckDbType, quoteIdent, sqlLiteral } from "./duckdb_types.ts";
import { ORDER_SQL, type Rel, type SqlContext, SqlFallback, SqlScope } from "./sql_context.ts";

/** Where a tabular expression is compiled. */
export interface TableSite {
  readonly ctx: SqlContext;
  readonly scope: SqlScope;
}

interface Item {
  readonly sql: string;
  readonly name: string;
  readonly type: ScalarType;
}

function scalarSite(site: TableSite, rel?: Rel): ScalarSite {
  return {
    ctx: site.ctx,
    scope: site.scope,
    row: { columns: rowRefs(rel?.columns ?? []) },
    table: (expr) => {
      const sub = compileTableSql(expr, site);
      if (sub.columns.length === 0) throw new SqlFallback("an empty table in 'in'", expr.span);
      return `SELECT ${quoteIdent(sub.columns[0].name)} FROM (${sub.sql})`;
    },
  };
}

/** A SELECT over a relation with these items; keeps the order column when `keepOrder`. */
function wrap(ctx: SqlContext, rel: Rel, items: readonly Item[], tail = "", keepOrder = true): Rel {
  const alias = ctx.alias();
  const list = items.map((c) => `${c.sql} AS ${quoteIdent(c.name)}`);
  const ordered = keepOrder && rel.ordered;
  if (ordered) list.push(ORDER_SQL);
  return {
    sql: `SELECT ${list.join(", ")} FROM (${rel.sql}) AS ${alias}${tail}`,
    columns: items.map(({ name, type }) => ({ name, type })),
    ordered,
  };
}

function passthrough(columns: readonly ColumnSchema[]): Item[] {
  return columns.map((c) => ({ sql: quoteIdent(c.name), name: c.name, type: c.type }));
}

function emptyRel(columns: readonly ColumnSchema[]): Rel {
  const items = columns.map((c) => `CAST(NULL AS ${duckDbType(c.type)}) AS ${quoteIdent(c.name)}`);
  return { sql: `SELECT ${items.join(", ") || "NULL AS x"} WHERE FALSE`, columns, ordered: false };
}

/**
 * `SELECT` of a stored table's columns, restricted to a `TimeGenerated` range when given and the table has it.
 *
 * @param table the table name
 * @param columns its columns (catalog order)
 * @param range `[start, end)` in microseconds
 * @returns the SQL
 */
export function tableScanSql(
  table: string,
  columns: readonly ColumnSchema[],
  range?: { readonly start: number; readonly end: number },
): string {
  const cols = columns.map((c) => quoteIdent(c.name)).join(", ");
  const timed = range !== undefined &&
    columns.some((c) => c.name === "TimeGenerated" && c.type === "datetime");
  const where = timed
    ? ` WHERE "TimeGenerated" >= ${sqlLiteral(Math.trunc(range.start), "datetime")} AND "TimeGenerated" < ${
      sqlLiteral(Math.trunc(range.end), "datetime")
    }`
    : "";
  return `SELECT ${cols} FROM ${quoteIdent(table)}${where}`;
}

function constantSql(expr: ExpressionNode, site: TableSite): string {
  return compileScalarSql(expr, scalarSite(site));
}

/**
 * Compile a tabular expression.
 *
 * @param expr the bound expression
 * @param site the context and scope
 * @returns the relation
 */
export function compileTableSql(expr: ExpressionNode, site: TableSite): Rel {
  const { ctx } = site;
  switch (expr.kind) {
    case "Pipe": {
      let rel = compileTableSql(expr.source, site);
      for (const op of expr.operators) rel = checked(op, compileOperator(op, rel, site), ctx);
      return rel;
    }
    case "Parenthesized":
      return compileTableSql(expr.expression, site);
    case "NameReference": {
      const binding = site.scope.lookup(expr.name);
      if (binding?.kind === "table") return binding.rel();
      if (binding?.kind === "function") return callFunction(callOf(expr.name, expr.span), site);
      const bound = ctx.info.tables.get(expr);
      if (bound === undefined || bound.open) throw new SqlFallback(`table '${expr.name}'`, expr.span);
      if (!ctx.hasTable(expr.name)) return emptyRel(bound.columns);
      return {
        sql: tableScanSql(expr.name, bound.columns, ctx.timeRange),
        columns: bound.columns,
        ordered: false,
      };
    }
    case "FunctionCall": {
      const name = expr.name.name;
      if (site.scope.lookup(name)?.kind === "function") return callFunction(expr, site);
      if ((name === "materialize" || name === "view") && expr.arguments.length === 1) {
        return compileTableSql(expr.arguments[0], site);
      }
      throw new SqlFallback(`table function '${name}'`, expr.span);
    }
    case "Print": {
      const bound = ctx.info.tables.get(expr)?.columns;
      if (bound === undefined || bound.length !== expr.expressions.length) {
        throw new SqlFallback("print", expr.span);
      }
      const items = expr.expressions.map((e, i) =>
        `${
          convertTo(
            constantSql(e, site),
            ctx.typeOf(e.kind === "NamedExpression" ? e.expression : e),
            bound[i].type,
          )
        } AS ${quoteIdent(bound[i].name)}`
      );
      return { sql: `SELECT ${items.join(", ")}`, columns: bound, ordered: false };
    }
    case "Datatable":
      return datatable(expr, site);
    case "Range": {
      const bound = ctx.info.tables.get(expr)?.columns;
      const type = ctx.typeOf(expr.from);
      const stepType = ctx.typeOf(expr.step);
      const numeric = (type === "long" || type === "int") && ctx.typeOf(expr.to) === type &&
        (stepType === "long" || stepType === "int");
      const datetime = type === "datetime" && ctx.typeOf(expr.to) === "datetime" && stepType === "timespan";
      if (bound?.length !== 1 || (!numeric && !datetime)) throw new SqlFallback("range", expr.span);
      const [from, to, step] = [expr.from, expr.to, expr.step].map((e) => constantSql(e, site));
      // A zero step gives no rows in the in-memory engine; DuckDB would reject it, so it steps by 1 and the
      // WHERE drops every row.
      const safeStep = `CAST(CASE WHEN ${step} = 0 THEN 1 ELSE ${step} END AS BIGINT)`;
      const series = datetime
        ? `generate_series(${from}, ${to}, to_microseconds(${safeStep}))`
        : `generate_series(CAST(${from} AS BIGINT), CAST(${to} AS BIGINT), ${safeStep})`;
      const alias = ctx.alias();
      return {
        sql: `SELECT ${alias}.v AS ${
          quoteIdent(bound[0].name)
        } FROM ${series} AS ${alias}(v) WHERE ${step} <> 0`,
        columns: bound,
        ordered: false,
      };
    }
    case "Union": {
      if (expr.parameters.length > 0) throw new SqlFallback("union parameters", expr.span);
      const bound = ctx.info.tables.get(expr)?.columns;
      if (bound === undefined) throw new SqlFallback("union", expr.span);
      return compileUnion(expr.tables.map((t) => tableArg(t, site)), bound, expr.span);
    }
    default:
      throw new SqlFallback(`'${expr.kind}'`, expr.span);
  }
}

function tableArg(expr: ExpressionNode, site: TableSite): Rel {
  if (expr.kind === "WildcardName") throw new SqlFallback("a table wildcard", expr.span);
  return compileTableSql(expr, site);
}

function datatable(expr: Extract<ExpressionNode, { kind: "Datatable" }>, site: TableSite): Rel {
  const columns: ColumnSchema[] = expr.columns.map((c) => ({
    name: c.name.name,
    type: toScalarType(c.type.name) ?? "dynamic",
  }));
  const width = columns.length;
  if (width === 0 || expr.values.length % width !== 0) throw new SqlFallback("datatable", expr.span);
  const rows: string[] = [];
  for (let i = 0; i < expr.values.length; i += width) {
    rows.push(`(${
      columns.map((c, j) => {
        const value = expr.values[i + j];
        const vt = site.ctx.typeOf(value);
        if (vt !== c.type && !(value.kind === "Literal" && value.value === null)) {
          throw new SqlFallback("a datatable value of another type", value.span);
        }
        return castTo(constantSql(value, site), c.type);
      }).join(", ")
    })`);
  }
  if (rows.length === 0) return emptyRel(columns);
  const alias = site.ctx.alias();
  const names = columns.map((c) => quoteIdent(c.name)).join(", ");
  return { sql: `SELECT * FROM (VALUES ${rows.join(", ")}) AS ${alias}(${names})`, columns, ordered: false };
}

function callOf(name: string, span: ExpressionNode["span"]): FunctionCallNode {
  return { kind: "FunctionCall", name: { kind: "Name", name, bracketed: false, span }, arguments: [], span };
}

/** A tabular `let` function: its body compiled with the arguments bound to its parameters. */
function callFunction(call: FunctionCallNode, site: TableSite, input?: Rel): Rel {
  const binding = site.scope.lookup(call.name.name);
  if (binding?.kind !== "function") throw new SqlFallback(`function '${call.name.name}'`, call.span);
  const { definition } = binding;
  const body = new SqlScope(binding.scope);
  if (call.arguments.some((a) => a.kind === "NamedExpression")) {
    throw new SqlFallback("a function call with named arguments", call.span);
  }
  let next = 0;
  definition.parameters.forEach((param, i) => {
    if (i === 0 && input !== undefined) {
      body.define(param.name.name, { kind: "table", rel: () => input });
      return;
    }
    const arg = call.arguments[next++];
    if (param.type.kind === "TabularType") {
      if (arg === undefined) throw new SqlFallback("a missing tabular argument", call.span);
      const rel = compileTableSql(arg, site);
      body.define(param.name.name, { kind: "table", rel: () => rel });
      return;
    }
    const source = arg ?? param.defaultValue;
    if (source === undefined) throw new SqlFallback("a missing argument", call.span);
    const sql = compileScalarSql(
      source,
      scalarSite(arg === undefined ? { ...site, scope: binding.scope } : site),
    );
    const type = toScalarType(param.type.name) ?? "dynamic";
    body.define(param.name.name, {
      kind: "scalar",
      sql: convertTo(sql, site.ctx.typeOf(source), type),
      type,
    });
  });
  const result = compileStatements(definition.body, { ...site, scope: body });
  if (result?.kind !== "table") throw new SqlFallback("a function that does not return a table", call.span);
  return result.rel;
}

/** What a statement list evaluates to. */
export type StatementsSql =
  | { readonly kind: "table"; readonly rel: Rel }
  | { readonly kind: "scalar"; readonly sql: string; readonly type: ScalarType };

/**
 * Compile statements: `let`s enter the scope (tabular lets compiled once, inlined where used), the last
 * expression statement is the result. `declare query_parameters` is handled by the caller.
 */
export function compileStatements(
  statements: readonly StatementNode[],
  site: TableSite,
): StatementsSql | undefined {
  const { ctx, scope } = site;
  let result: StatementsSql | undefined;
  for (const statement of statements) {
    if (statement.kind === "LetStatement") {
      const value = statement.value;
      const name = statement.name.name;
      if (value.kind === "FunctionDefinition") {
        scope.define(name, { kind: "function", definition: value, scope });
      } else if (ctx.info.tables.has(value)) {
        let cached: Rel | undefined;
        scope.define(name, { kind: "table", rel: () => cached ??= compileTableSql(value, site) });
      } else {
        scope.define(name, { kind: "scalar", sql: constantSql(value, site), type: ctx.typeOf(value) });
      }
    } else if (statement.kind === "ExpressionStatement") {
      const expr = statement.expression;
      result = ctx.info.tables.has(expr)
        ? { kind: "table", rel: compileTableSql(expr, site) }
        : { kind: "scalar", sql: constantSql(expr, site), type: ctx.typeOf(expr) };
    } else if (statement.kind === "DeclareQueryParametersStatement") {
      throw new SqlFallback("query parameters inside a function", statement.span);
    }
  }
  return result;
}

/** The operator's output must be the binder's, name by name and type by type. */
function checked(op: QueryOperatorNode, rel: Rel, ctx: SqlContext): Rel {
  const bound = ctx.info.tables.get(op);
  if (bound === undefined) throw new SqlFallback("an operator the binder did not type", op.span);
  const same = bound.columns.length === rel.columns.length &&
    bound.columns.every((c, i) => c.name === rel.columns[i].name && c.type === rel.columns[i].type);
  if (!same) throw new SqlFallback("an operator whose SQL columns differ from the binder's", op.span);
  if (new Set(rel.columns.map((c) => c.name)).size !== rel.columns.length) {
    throw new SqlFallback("an operator whose output repeats a column name", op.span);
  }
  return rel;
}

function sortKeys(
  keys: readonly SortExpressionNode[],
  site: ScalarSite,
  defaultDirection: "asc" | "desc",
): string {
  return keys.map((k) => {
    const type = site.ctx.typeOf(k.expression);
    if (type === "real" || type === "dynamic" || type === "decimal") {
      throw new SqlFallback(`sorting by a ${type} value`, k.span);
    }
    const direction = k.direction ?? defaultDirection;
    const nulls = k.nulls ?? (direction === "desc" ? "last" : "first");
    return `${compileScalarSql(k.expression, site)} ${direction.toUpperCase()} NULLS ${nulls.toUpperCase()}`;
  }).join(", ");
}

function compileOperator(op: QueryOperatorNode, input: Rel, site: TableSite): Rel {
  const { ctx } = site;
  const output = ctx.info.tables.get(op)?.columns ?? [];
  const row = scalarSite(site, input);
  switch (op.kind) {
    case "Where":
      return {
        ...wrap(
          ctx,
          input,
          passthrough(input.columns),
          ` WHERE ${compileScalarSql(op.predicate, { ...row, predicate: true })}`,
        ),
        uniqueOn: input.uniqueOn,
      };
    case "Extend": {
      let rel = input;
      for (const e of op.expressions) {
        if (e.kind === "NamedExpression" && e.names.length !== 1) {
          throw new SqlFallback("a tuple assignment", e.span);
        }
        const name = e.kind === "NamedExpression" ? e.names[0].name : expressionName(e, false);
        if (name === undefined) throw new SqlFallback("an unnamed extend expression", e.span);
        const value = e.kind === "NamedExpression" ? e.expression : e;
        const sql = compileScalarSql(value, scalarSite(site, rel));
        const item = { sql, name, type: ctx.typeOf(value) };
        const items = passthrough(rel.columns).map((c) => c.name === name ? item : c);
        if (!rel.columns.some((c) => c.name === name)) items.push(item);
        rel = wrap(ctx, rel, items);
      }
      return rel;
    }
    case "Project": {
      if (output.length !== op.expressions.length) throw new SqlFallback("a project with patterns", op.span);
      const items = op.expressions.map((e, i) => {
        if (e.kind === "NamedExpression" && e.names.length !== 1) {
          throw new SqlFallback("a tuple assignment", e.span);
        }
        const value = e.kind === "NamedExpression" ? e.expression : e;
        return { sql: compileScalarSql(value, row), name: output[i].name, type: ctx.typeOf(value) };
      });
      return wrap(ctx, input, items);
    }
    case "ProjectAway":
    case "ProjectKeep":
    case "ProjectReorder": {
      const byName = new Map(input.columns.map((c) => [c.name, c]));
      return wrap(ctx, input, passthrough(output.map((c) => byName.get(c.name) ?? c)));
    }
    case "ProjectRename": {
      const renames = new Map<string, string>();
      for (const e of op.expressions) {
        if (e.kind !== "NamedExpression" || e.expression.kind !== "NameReference") {
          throw new SqlFallback("project-rename", e.span);
        }
        renames.set(e.names[0].name, e.expression.name);
      }
      return wrap(ctx, input, output.map((c) => ({ sql: quoteIdent(renames.get(c.name) ?? c.name), ...c })));
    }
    case "Summarize":
      if (op.parameters.some((p) => !p.name.startsWith("hint."))) {
        throw new SqlFallback("summarize parameters", op.span);
      }
      return compileSummarize(op, input, { ctx, scope: site.scope, output });
    case "Sort": {
      const keys = sortKeys(op.expressions, row, "desc");
      const alias = ctx.alias();
      const list = [
        ...passthrough(input.columns).map((c) => c.sql),
        `row_number() OVER (ORDER BY ${keys}) AS ${ORDER_SQL}`,
      ];
      return {
        sql: `SELECT ${list.join(", ")} FROM (${input.sql}) AS ${alias}`,
        columns: input.columns,
        ordered: true,
        uniqueOn: input.uniqueOn,
      };
    }
    case "Top": {
      const n = constantSql(op.count, site);
      const keys = sortKeys([op.by], row, "desc");
      const alias = ctx.alias();
      const list = [
        ...passthrough(input.columns).map((c) => c.sql),
        `row_number() OVER (ORDER BY ${keys}) AS ${ORDER_SQL}`,
      ];
      return {
        sql: `SELECT ${list.join(", ")} FROM (${input.sql}) AS ${alias} QUALIFY ${ORDER_SQL} <= ${n}`,
        columns: input.columns,
        ordered: true,
        uniqueOn: input.uniqueOn,
      };
    }
    case "Take": {
      const n = constantSql(op.count, site);
      const tail = input.ordered ? ` ORDER BY ${ORDER_SQL} LIMIT ${n}` : ` LIMIT ${n}`;
      return { ...wrap(ctx, input, passthrough(input.columns), tail), uniqueOn: input.uniqueOn };
    }
    case "Distinct": {
      if (op.parameters.length > 0) throw new SqlFallback("distinct parameters", op.span);
      const rel = wrap(ctx, input, passthrough(output), "", false);
      return {
        ...rel,
        sql: rel.sql.replace(/^SELECT /, "SELECT DISTINCT "),
        uniqueOn: output.map((c) => c.name),
      };
    }
    case "Count": {
      if (output.length !== 1) throw new SqlFallback("count", op.span);
      const alias = ctx.alias();
      return {
        sql: `SELECT count(*) AS ${quoteIdent(output[0].name)} FROM (${input.sql}) AS ${alias}`,
        columns: output,
        ordered: false,
        uniqueOn: [],
      };
    }
    case "Join":
      return compileJoin(op, input, compileTableSql(op.right, site), { ctx, output });
    case "Lookup":
      return compileLookup(op, input, compileTableSql(op.right, site), { ctx, output });
    case "Union": {
      if (op.parameters.length > 0) throw new SqlFallback("union parameters", op.span);
      return compileUnion([input, ...op.tables.map((t) => tableArg(t, site))], output, op.span);
    }
    case "MakeSeries":
      return compileMakeSeriesSql(op, input, { ctx, scope: site.scope, output });
    case "MvExpand":
      return compileMvExpandSql(op, input, { ctx, scope: site.scope, output });
    case "Parse":
      return compileParseSql(op, input, { ctx, scope: site.scope, output });
    case "Invoke":
      return callFunction(op.call, site, input);
    case "Serialize":
      if (op.expressions.length > 0) throw new SqlFallback("serialize with expressions", op.span);
      return input;
    case "Render":
      ctx.render = renderInfo(op, site);
      return input;
    default:
      throw new SqlFallback(`operator '${op.kind}'`, op.span);
  }
}

function renderInfo(op: Extract<QueryOperatorNode, { kind: "Render" }>, _site: TableSite) {
  const properties: Record<string, unknown> = {};
  for (const p of op.properties) {
    if (p.value.kind === "Literal") properties[p.name] = p.value.value;
    else if (p.value.kind === "NameReference") properties[p.name] = p.value.name;
    else throw new SqlFallback("render properties", op.span);
  }
  return { chart: op.chart.name, properties };
}
