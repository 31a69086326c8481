/**
 * Tabular operators after `|`: each takes the input table and returns the output table, reporting problems.
 * Aggregating operators are in bind_summarize.ts, combining ones in bind_join.ts.
 */
import { bindDiagnostic } from "../diagnostics/bind_codes.ts";
import type {
  EvaluateOperatorNode,
  ExpressionNode,
  LeadingOperatorNode,
  MvExpandItemNode,
  QueryOperatorNode,
  SortExpressionNode,
} from "../syntax/mod.ts";
import { type ColumnSchema, type ScalarType, toScalarType } from "../symbols/mod.ts";
import type { BindContext, RowContext } from "./context.ts";
import { expressionName } from "./expression_name.ts";
import { bindJoin, bindLookup, bindUnion, parameterValue } from "./bind_join.ts";
import { bindMakeSeries, bindSummarize } from "./bind_summarize.ts";
import type { Scope } from "./scope.ts";
import {
  column,
  ERROR_TABLE,
  findColumn,
  matchesWildcard,
  nextColumnName,
  suggestColumn,
  tableOf,
  type TableType,
  withColumns,
} from "./table_type.ts";

function rowOf(input: TableType, scope: Scope, operator: string): RowContext {
  return { table: input, scope, aggregates: false, operator };
}

/** `extend`/`serialize` items: named or derived columns, replacing same-named ones in place. */
function bindExtend(
  ctx: BindContext,
  input: TableType,
  expressions: readonly ExpressionNode[],
  scope: Scope,
  operator: string,
): TableType {
  let table = input;
  for (const expr of expressions) {
    const row = rowOf(table, scope, operator);
    if (expr.kind === "NamedExpression") {
      const type = ctx.scalar(expr.expression, row);
      const names = expr.names.map((n) => n.name);
      table = withColumns(table, names.map((n) => column(n, names.length > 1 ? "dynamic" : type)));
      continue;
    }
    const type = ctx.scalar(expr, row);
    const expanded = seriesColumns(expr);
    if (expanded !== undefined) {
      table = withColumns(table, expanded);
      continue;
    }
    const taken = new Set(table.columns.map((c) => c.name));
    table = withColumns(table, [column(expressionName(expr, false) ?? nextColumnName(taken), type)]);
  }
  return { ...table, open: input.open, serialized: input.serialized };
}

/** Columns of the series functions that expand into several when not assigned (`extend series_stats(x)`). */
const SERIES_EXPANSIONS: Readonly<Record<string, readonly (readonly [string, ScalarType])[]>> = {
  series_stats: [
    ["min", "real"],
    ["min_idx", "long"],
    ["max", "real"],
    ["max_idx", "long"],
    ["avg", "real"],
    ["stdev", "real"],
    ["variance", "real"],
  ],
  series_fit_line: [
    ["rsquare", "real"],
    ["slope", "real"],
    ["variance", "real"],
    ["rvariance", "real"],
    ["interception", "real"],
    ["line_fit", "dynamic"],
  ],
  series_fit_2lines: [
    ["rsquare", "real"],
    ["split_idx", "long"],
    ["variance", "real"],
    ["rvariance", "real"],
    ["line_fit", "dynamic"],
    ["right_rsquare", "real"],
    ["right_slope", "real"],
    ["right_interception", "real"],
    ["right_variance", "real"],
    ["right_rvariance", "real"],
    ["left_rsquare", "real"],
    ["left_slope", "real"],
    ["left_interception", "real"],
    ["left_variance", "real"],
    ["left_rvariance", "real"],
  ],
};

/** `series_stats(x)` unassigned → `series_stats_x_min`, `series_stats_x_avg`, ... as Kusto names them. */
function seriesColumns(expr: ExpressionNode): ColumnSchema[] | undefined {
  if (expr.kind !== "FunctionCall") return undefined;
  const parts = SERIES_EXPANSIONS[expr.name.name];
  if (parts === undefined || expr.arguments.length === 0) return undefined;
  const base = expressionName(expr.arguments[0], false);
  const prefix = base === undefined ? expr.name.name : `${expr.name.name}_${base}`;
  return parts.map(([suffix, type]) => column(`${prefix}_${suffix}`, type));
}

/** `project`: a new column list, in the written order. */
function bindProject(
  ctx: BindContext,
  input: TableType,
  expressions: readonly ExpressionNode[],
  scope: Scope,
) {
  const row = rowOf(input, scope, "project");
  const columns: ColumnSchema[] = [];
  const add = (name: string, type: ScalarType, expr: ExpressionNode) => {
    if (columns.some((c) => c.name === name)) ctx.report(bindDiagnostic("duplicateColumn", expr.span, name));
    else columns.push(column(name, type));
  };
  for (const expr of expressions) {
    if (expr.kind === "WildcardName") {
      for (const c of input.columns) if (matchesWildcard(expr.pattern, c.name)) add(c.name, c.type, expr);
      continue;
    }
    if (expr.kind === "NamedExpression") {
      const type = ctx.scalar(expr.expression, row);
      for (const name of expr.names) add(name.name, expr.names.length > 1 ? "dynamic" : type, expr);
      continue;
    }
    const type = ctx.scalar(expr, row);
    add(expressionName(expr, false) ?? nextColumnName(new Set(columns.map((c) => c.name))), type, expr);
  }
  return tableOf(columns, { open: input.open, serialized: input.serialized, table: input.table });
}

/** Column selectors of project-away/keep/reorder: names (must exist) or wildcards. */
function selectColumns(
  ctx: BindContext,
  input: TableType,
  selectors: readonly (ExpressionNode | SortExpressionNode)[],
  operator: string,
): Set<string> {
  const selected = new Set<string>();
  for (const selector of selectors) {
    const expr = selector.kind === "SortExpression" ? selector.expression : selector;
    if (expr.kind === "WildcardName") {
      for (const c of input.columns) if (matchesWildcard(expr.pattern, c.name)) selected.add(c.name);
    } else if (expr.kind === "NameReference") {
      if (findColumn(input, expr.name) === undefined && !input.open) {
        ctx.report(bindDiagnostic("unknownColumn", expr.span, expr.name, suggestColumn(input, expr.name)));
      }
      selected.add(expr.name);
    } else if (expr.kind !== "ErrorExpression") {
      ctx.report(bindDiagnostic("expectedColumn", expr.span, operator));
    }
  }
  return selected;
}

function bindMvExpandItems(
  ctx: BindContext,
  input: TableType,
  items: readonly MvExpandItemNode[],
  scope: Scope,
): ColumnSchema[] {
  const row = rowOf(input, scope, "mv-expand");
  const added: ColumnSchema[] = [];
  for (const item of items) {
    const expr = item.expression;
    const inner = expr.kind === "NamedExpression" ? expr.expression : expr;
    ctx.scalar(inner, row);
    const type = item.toType === undefined ? "dynamic" : toScalarType(item.toType.name) ?? "dynamic";
    // `mv-expand todynamic(Resources)` expands into `Resources`: names go through calls here.
    const name = expr.kind === "NamedExpression" ? expr.names[0].name : expressionName(inner, true);
    added.push(column(name ?? nextColumnName(new Set(input.columns.map((c) => c.name))), type));
  }
  return added;
}

/** Output of `evaluate`: plugins whose columns depend on the data give an open table. */
function bindEvaluate(ctx: BindContext, input: TableType, op: EvaluateOperatorNode, scope: Scope): TableType {
  const name = op.plugin.name.name;
  const row = rowOf(input, scope, "evaluate");
  const args = op.plugin.arguments;
  switch (name) {
    case "bag_unpack": {
      for (const arg of args) if (arg.kind !== "NamedExpression") ctx.scalar(arg, row);
      const removed = args[0]?.kind === "NameReference" ? args[0].name : undefined;
      return tableOf(input.columns.filter((c) => c.name !== removed), { open: true });
    }
    case "ipv4_lookup":
    case "ipv6_lookup": {
      const lookup = args[0] === undefined ? ERROR_TABLE : ctx.tabular(args[0], scope);
      for (const arg of args.slice(1)) {
        if (arg.kind === "NameReference" && findColumn(input, arg.name) !== undefined) continue;
        if (arg.kind === "NameReference" && findColumn(lookup, arg.name) !== undefined) continue;
        if (arg.kind !== "NamedExpression" && arg.kind !== "NameReference") ctx.scalar(arg, row);
      }
      const taken = new Set(input.columns.map((c) => c.name));
      return tableOf([...input.columns, ...lookup.columns.filter((c) => !taken.has(c.name))], {
        open: input.open,
      });
    }
    case "pivot":
    case "narrow":
    case "autocluster":
    case "basket":
    case "diffpatterns":
    case "python":
    case "r":
    case "sequence_detect":
    case "funnel_sequence":
    case "funnel_sequence_completion":
    case "session_count":
    case "sliding_window_counts":
    case "activity_counts_metrics":
    case "activity_engagement":
    case "active_users_count":
    case "dcount_intersect":
    case "schema_merge":
    case "infer_storage_schema":
    case "preview":
    case "rolling_percentile":
    case "bag_unpack_columns":
      return tableOf(input.columns, { open: true });
    default:
      ctx.report(bindDiagnostic("unknownPlugin", op.plugin.name.span, name));
      return ERROR_TABLE;
  }
}

/**
 * Bind an operator that can start a tabular expression (`union`, `range`, `print`, `search`, `find`,
 * `evaluate`), with `input` the piped table when it follows `|`.
 */
export function bindLeadingOperator(
  ctx: BindContext,
  input: TableType | undefined,
  op: LeadingOperatorNode,
  scope: Scope,
): TableType {
  const empty = tableOf([]);
  switch (op.kind) {
    case "Union":
      return bindUnion(ctx, input, op, scope);
    case "Range": {
      const row = rowOf(empty, scope, "range");
      const type = ctx.scalar(op.from, row);
      ctx.scalar(op.to, row);
      ctx.scalar(op.step, row);
      return tableOf([column(op.column.name, type === "int" ? "long" : type)], { serialized: true });
    }
    case "Print": {
      const row = rowOf(empty, scope, "print");
      const columns: ColumnSchema[] = [];
      op.expressions.forEach((expr, i) => {
        const type = ctx.scalar(expr.kind === "NamedExpression" ? expr.expression : expr, row);
        const name = expr.kind === "NamedExpression" ? expr.names[0].name : `print_${i}`;
        columns.push(column(name, type));
      });
      return tableOf(columns, { serialized: true });
    }
    case "Search":
    case "Find": {
      const tables = op.tables.map((t) => t.kind === "WildcardName" ? ERROR_TABLE : ctx.tabular(t, scope));
      const source = input ?? tableOf(tables.flatMap((t) => t.columns), { open: true });
      ctx.scalar(op.predicate, { ...rowOf({ ...source, open: true }, scope, op.kind.toLowerCase()) });
      const withSource = parameterValue(op.parameters, "withsource") ?? "$table";
      return tableOf([column(withSource, "string"), ...source.columns], { open: true });
    }
    case "Evaluate":
      return bindEvaluate(ctx, input ?? empty, op, scope);
  }
}

/**
 * Bind one operator after `|`.
 *
 * @param ctx the binder
 * @param input the table coming down the pipe
 * @param op the operator
 * @param scope the names in scope
 * @returns the table the operator produces
 */
export function bindOperator(
  ctx: BindContext,
  input: TableType,
  op: QueryOperatorNode,
  scope: Scope,
): TableType {
  switch (op.kind) {
    case "Where": {
      const type = ctx.scalar(op.predicate, rowOf(input, scope, op.keyword));
      if (type !== "bool" && type !== "dynamic") {
        ctx.report(bindDiagnostic("predicateNotBool", op.predicate.span, op.keyword, type));
      }
      return input;
    }
    case "Extend":
      return bindExtend(ctx, input, op.expressions, scope, "extend");
    case "Project":
      return bindProject(ctx, input, op.expressions, scope);
    case "ProjectAway": {
      const away = selectColumns(ctx, input, op.columns, "project-away");
      return { ...input, columns: input.columns.filter((c) => !away.has(c.name)), table: undefined };
    }
    case "ProjectKeep": {
      const keep = selectColumns(ctx, input, op.columns, "project-keep");
      return { ...input, columns: input.columns.filter((c) => keep.has(c.name)), table: undefined };
    }
    case "ProjectReorder": {
      const first = selectColumns(ctx, input, op.columns, "project-reorder");
      const ordered = [...first].map((n) => findColumn(input, n)).filter((c) => c !== undefined);
      return { ...input, columns: [...ordered, ...input.columns.filter((c) => !first.has(c.name))] };
    }
    case "ProjectRename": {
      let columns = [...input.columns];
      for (const expr of op.expressions) {
        if (expr.kind !== "NamedExpression" || expr.expression.kind !== "NameReference") {
          ctx.report(bindDiagnostic("expectedColumn", expr.span, "project-rename"));
          continue;
        }
        const old = expr.expression.name;
        const found = findColumn(input, old);
        if (found === undefined) {
          if (!input.open) {
            ctx.report(bindDiagnostic("unknownColumn", expr.expression.span, old, suggestColumn(input, old)));
          }
          columns.push(column(expr.names[0].name, "dynamic"));
          continue;
        }
        columns = columns.map((c) => c.name === old ? column(expr.names[0].name, c.type) : c);
      }
      return { ...input, columns, table: undefined };
    }
    case "Summarize":
      return bindSummarize(ctx, input, op, scope);
    case "MakeSeries":
      return bindMakeSeries(ctx, input, op, scope);
    case "Top": {
      const row = rowOf(input, scope, "top");
      ctx.scalar(op.count, row);
      const type = ctx.scalar(op.by.expression, row);
      const name = expressionName(op.by.expression, false);
      const columns = name === undefined || findColumn(input, name) !== undefined
        ? input.columns
        : [...input.columns, column(name, type)];
      return { ...input, columns, serialized: true };
    }
    case "Sort": {
      const row = rowOf(input, scope, op.keyword);
      for (const e of op.expressions) ctx.scalar(e.expression, row);
      return { ...input, serialized: true };
    }
    case "Take":
      ctx.scalar(op.count, rowOf(input, scope, op.keyword));
      return input;
    case "Sample":
      ctx.scalar(op.count, rowOf(input, scope, "sample"));
      return input;
    case "SampleDistinct": {
      const row = rowOf(input, scope, "sample-distinct");
      ctx.scalar(op.count, row);
      const type = ctx.scalar(op.of, row);
      return tableOf([column(expressionName(op.of, false) ?? "Column1", type)]);
    }
    case "Distinct": {
      if (op.columns.length === 1 && op.columns[0].kind === "Star") return { ...input, serialized: false };
      return { ...bindProject(ctx, input, op.columns, scope), serialized: false, table: undefined };
    }
    case "Count":
      return tableOf([column(op.asName?.name ?? "Count", "long")]);
    case "Join":
      return bindJoin(ctx, input, op, scope);
    case "Lookup":
      return bindLookup(ctx, input, op, scope);
    case "Parse": {
      const row = rowOf(input, scope, op.keyword);
      ctx.scalar(op.source, row);
      const added: ColumnSchema[] = [];
      for (const part of op.pattern) {
        if (part.kind !== "ParseCapture") continue;
        const type = part.type === undefined ? "string" : toScalarType(part.type.name);
        if (type === undefined && part.type !== undefined) {
          ctx.report(bindDiagnostic("invalidType", part.type.span, part.type.name));
        }
        added.push(column(part.name.name, type ?? "string"));
      }
      return withColumns(input, added);
    }
    case "ParseKv": {
      ctx.scalar(op.source, rowOf(input, scope, "parse-kv"));
      return withColumns(
        input,
        op.columns.map((c) => column(c.name.name, toScalarType(c.type.name) ?? "string")),
      );
    }
    case "MvExpand": {
      const added = bindMvExpandItems(ctx, input, op.items, scope);
      if (op.limit !== undefined) ctx.scalar(op.limit, rowOf(input, scope, "mv-expand"));
      const index = parameterValue(op.parameters, "with_itemindex");
      if (index !== undefined) added.push(column(index, "long"));
      return { ...withColumns(input, added), serialized: false };
    }
    case "MvApply": {
      const expanded = bindMvExpandItems(ctx, input, op.items, scope);
      const index = parameterValue(op.parameters, "with_itemindex");
      if (index !== undefined) expanded.push(column(index, "long"));
      // The subquery sees the row's columns with the expanded values in place of the arrays.
      const sub = ctx.operators(withColumns(input, expanded), op.subquery, scope);
      const expandedNames = new Set(expanded.map((c) => c.name));
      const kept = input.columns.filter((c) =>
        !expandedNames.has(c.name) && findColumn(sub, c.name) === undefined
      );
      return tableOf([...kept, ...sub.columns], { open: input.open || sub.open });
    }
    case "Serialize":
      return { ...bindExtend(ctx, { ...input, serialized: true }, op.expressions, scope, "serialize") };
    case "As":
      scope.define(op.name.name, { kind: "tabular", table: input });
      return input;
    case "Invoke": {
      const result = ctx.callLetFunction(op.call, scope, undefined, input);
      if (result?.kind === "tabular") return result.table;
      if (result === undefined) {
        ctx.report(bindDiagnostic("unknownFunction", op.call.name.span, op.call.name.name));
      } else {
        ctx.report(bindDiagnostic("expectedTabular", op.call.span));
      }
      return ERROR_TABLE;
    }
    case "Render":
      return input;
    case "GetSchema":
      return tableOf([
        column("ColumnName", "string"),
        column("ColumnOrdinal", "int"),
        column("DataType", "string"),
        column("ColumnType", "string"),
      ]);
    case "TopNested": {
      const row = rowOf(input, scope, "top-nested");
      for (const clause of op.clauses) {
        if (clause.count !== undefined) ctx.scalar(clause.count, row);
        ctx.scalar(clause.of, row);
        if (clause.withOthers !== undefined) ctx.scalar(clause.withOthers, row);
        ctx.scalar(clause.by, { ...row, aggregates: true });
      }
      return tableOf([], { open: true });
    }
    case "ErrorOperator":
      return ERROR_TABLE;
    default:
      return bindLeadingOperator(ctx, input, op, scope);
  }
}
