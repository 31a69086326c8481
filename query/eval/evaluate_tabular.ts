/**
 * Tabular expressions and pipelines: sources (tables, lets, datatable, range, print, union), the operator
 * dispatch that turns `| op | op` into a chain of push operators, and statements (`let`, `set`, `declare`).
 */
import { parameterValue } from "../bind/bind_join.ts";
import type {
  ExpressionNode,
  FunctionCallNode,
  QueryOperatorNode,
  StatementNode,
  UnionOperatorNode,
} from "../syntax/ast.ts";
import { type ColumnSchema, toScalarType } from "../symbols/types.ts";
import type { Value } from "../values/mod.ts";
import { evalDiagnostic, EvalStop } from "./eval_codes.ts";
import { type EvalContext, EvalScope, layoutOf } from "./eval_context.ts";
import { compileScalar } from "./compile_scalar.ts";
import {
  compileExtend,
  compileProject,
  compileSortKeys,
  compileTop,
  compileWhere,
  constantOf,
  countOperator,
  distinctOperator,
  projectOperator,
  reorderOperator,
  sampleOperator,
  selectColumns,
  sortOperator,
  takeOperator,
} from "./basic_operators.ts";
import { compileMakeSeries, compileSummarize } from "./summarize_operator.ts";
import { compileJoin, compileLookup } from "./join_operator.ts";
import {
  castTo,
  compileEvaluate,
  compileMvExpand,
  compileParse,
  compileParseKv,
} from "./expand_operators.ts";
import { compileMvApply, searchTable } from "./apply_operators.ts";
import { compileTopNested } from "./top_nested_operator.ts";
import { fuseExtendProject } from "./fuse_extend_project.ts";
import { unionTables } from "./union_tables.ts";
import { queryParameterValue } from "./query_parameters.ts";
import { Collector, compileAgainst, type PipeEnv, scalarEnv, usesRowFunctions } from "./pipe_env.ts";
import type { Downstream, PushOperator, Row, Table } from "./push_operator.ts";

/** Rows handed to a pipeline per `push`, so that cancellation is noticed while a big table streams. */
export const BATCH_SIZE = 4096;
const NO_ROW: Row = [];

/** Chart metadata of a `render` operator, kept on the result. */
export interface RenderInfo {
  readonly chart: string;
  readonly properties: Readonly<Record<string, Value>>;
}

/**
 * Build the push pipeline for `operators` over an input schema; `sink` receives the final schema.
 *
 * @param operators the operators after `|`, in order
 * @param input the schema of the rows that will be pushed
 * @param sink creates the consumer of the output once its schema is known
 * @param env the query context and scope
 */
export function compilePipeline(
  operators: readonly QueryOperatorNode[],
  input: readonly ColumnSchema[],
  sink: Downstream,
  env: PipeEnv,
): PushOperator {
  if (operators.length === 0) return sink(input);
  // `where p | extend ... | project ...` (or `where p | project ...`) runs as one pass over each batch.
  const first = operators[0];
  const filtered = first.kind === "Where" && !usesRowFunctions(first.predicate);
  const at = filtered ? 1 : 0;
  let projection = operators[at] === undefined
    ? undefined
    : fuseExtendProject(operators[at], operators[at + 1]);
  let used = at + 2;
  const second = operators[1];
  if (
    projection === undefined && filtered && second?.kind === "Project" &&
    !second.expressions.some(usesRowFunctions)
  ) {
    projection = [...second.expressions];
    used = 2;
  }
  if (projection !== undefined) {
    const filter = filtered ? compileAgainst(first.predicate, env, input).eval : undefined;
    const next: Downstream = (columns) => compilePipeline(operators.slice(used), columns, sink, env);
    return projectOperator(compileProject(projection, input, env), {
      env,
      next,
      span: operators[used - 1].span,
      filter,
    });
  }
  const rest = operators.slice(1);
  const next: Downstream = (columns) => compilePipeline(rest, columns, sink, env);
  return compileOperator(first, input, next, env);
}

function compileOperator(
  op: QueryOperatorNode,
  input: readonly ColumnSchema[],
  next: Downstream,
  env: PipeEnv,
): PushOperator {
  const ctx = env.ctx;
  switch (op.kind) {
    case "Where":
      return compileWhere(op.predicate, { input, next, env });
    case "Extend":
      return compileExtend(op, { input, next, env });
    case "Serialize":
      return compileExtend({ kind: "Serialize", expressions: op.expressions, span: op.span }, {
        input,
        next,
        env,
      });
    case "Project":
      return projectOperator(compileProject(op.expressions, input, env), { env, next, span: op.span });
    case "ProjectAway": {
      const away = new Set(selectColumns(op.columns, input));
      const keep = input.map((_, i) => i).filter((i) => !away.has(i));
      return reorderOperator(keep, keep.map((i) => input[i]), next);
    }
    case "ProjectKeep": {
      const keep = new Set(selectColumns(op.columns, input));
      const positions = input.map((_, i) => i).filter((i) => keep.has(i));
      return reorderOperator(positions, positions.map((i) => input[i]), next);
    }
    case "ProjectReorder": {
      const first = selectColumns(op.columns.map((c) => c.expression), input);
      const rest = input.map((_, i) => i).filter((i) => !first.includes(i));
      const positions = [...first, ...rest];
      return reorderOperator(positions, positions.map((i) => input[i]), next);
    }
    case "ProjectRename": {
      const columns = [...input];
      for (const e of op.expressions) {
        if (e.kind !== "NamedExpression" || e.expression.kind !== "NameReference") continue;
        const old = e.expression.name;
        const at = input.findIndex((c) => c.name === old);
        if (at >= 0) columns[at] = { name: e.names[0].name, type: input[at].type };
      }
      return reorderOperator(input.map((_, i) => i), columns, next);
    }
    case "Take": {
      const count = constantOf(op.count, env);
      return takeOperator(typeof count === "number" ? count : 0, input, next);
    }
    case "Count":
      return countOperator([{ name: op.asName?.name ?? "Count", type: "long" }], next);
    case "Distinct": {
      if (op.columns.length === 1 && op.columns[0].kind === "Star") {
        return distinctOperator(input.map((_, i) => (r: Row) => r[i]), input, next);
      }
      const projection = compileProject(op.columns, input, env);
      return distinctOperator(projection.evals, projection.columns, next);
    }
    case "Sort":
      return sortOperator(compileSortKeys(op.expressions, input, env), { columns: input, next });
    case "Top":
      return compileTop(op, { input, next, env });
    case "Summarize":
      return compileSummarize(op, { input, next, env });
    case "MakeSeries":
      return compileMakeSeries(op, { input, next, env });
    case "Join":
      return compileJoin(op, { input, next, env });
    case "Lookup":
      return compileLookup(op, { input, next, env });
    case "MvExpand":
      return compileMvExpand(op, { input, next, env });
    case "Parse":
      return compileParse(op, { input, next, env });
    case "ParseKv":
      return compileParseKv(op, { input, next, env });
    case "Evaluate":
      return compileEvaluate(op, { input, next, env });
    case "Union":
      return unionOperator(op, input, next, env);
    case "Render": {
      const properties: Record<string, Value> = {};
      for (const p of op.properties) {
        properties[p.name] = p.value.kind === "NameReference" ? p.value.name : constantOf(p.value, env);
      }
      ctx.render = { chart: op.chart.name, properties };
      return next(input);
    }
    case "As": {
      // Later operators may read the name (`| as X | join (X) on ...`): keep the rows, bind the name, and only
      // then build the rest of the pipeline.
      const collector = new Collector();
      return {
        push: (rows) => collector.push(rows),
        finish() {
          const table: Table = { columns: input, rows: collector.rows };
          env.scope.define(op.name.name, { kind: "tabular", table: () => table });
          const downstream = next(input);
          if (table.rows.length > 0) downstream.push(table.rows);
          downstream.finish();
        },
      };
    }
    case "GetSchema": {
      const downstream = next([
        { name: "ColumnName", type: "string" },
        { name: "ColumnOrdinal", type: "int" },
        { name: "DataType", type: "string" },
        { name: "ColumnType", type: "string" },
      ]);
      return {
        push() {},
        finish() {
          downstream.push(input.map((c, i) => [c.name, i, CLR_TYPES[c.type], c.type]));
          downstream.finish();
        },
      };
    }
    case "Invoke":
      return invokeOperator(op.call, input, next, env);
    case "Sample": {
      const count = constantOf(op.count, env);
      return sampleOperator(typeof count === "number" ? count : 0, {
        columns: input,
        next,
        random: ctx.random,
      });
    }
    case "SampleDistinct": {
      const count = constantOf(op.count, env);
      const of = compileScalar(op.of, scalarEnv(env, layoutOf(input))).eval;
      const name = ctx.info.tables.get(op)?.columns[0]?.name ?? "Column1";
      return sampleOperator(typeof count === "number" ? count : 0, {
        columns: [{ name, type: ctx.typeOf(op.of) }],
        next,
        random: ctx.random,
        distinctOf: of,
      });
    }
    case "TopNested":
      return compileTopNested(op, { input, next, env });
    case "MvApply":
      return compileMvApply(op, { input, next, env, compilePipeline });
    default:
      throw new EvalStop(evalDiagnostic("unsupportedOperator", op.span, OPERATOR_WORDS[op.kind] ?? op.kind));
  }
}

const OPERATOR_WORDS: Readonly<Record<string, string>> = {
  TopNested: "top-nested",
  MvApply: "mv-apply",
  Sample: "sample",
  SampleDistinct: "sample-distinct",
  Search: "search",
  Find: "find",
  ExternalData: "externaldata",
  Evaluate: "evaluate",
  GetSchema: "getschema",
  Range: "range",
  Print: "print",
  ErrorOperator: "error",
};

const CLR_TYPES: Readonly<Record<string, string>> = {
  bool: "System.SByte",
  int: "System.Int32",
  long: "System.Int64",
  real: "System.Double",
  decimal: "System.Data.SqlTypes.SqlDecimal",
  string: "System.String",
  datetime: "System.DateTime",
  timespan: "System.TimeSpan",
  guid: "System.Guid",
  dynamic: "System.Object",
};

/** Run a pipeline over a materialized input, collecting the output. */
export function runPipeline(
  operators: readonly QueryOperatorNode[],
  input: Table,
  env: PipeEnv,
  span: ExpressionNode["span"],
): Table {
  let columns: readonly ColumnSchema[] = [];
  const collector = new Collector({ check: (n) => env.ctx.checkRows(n, span) });
  const head = compilePipeline(operators, input.columns, (c) => {
    columns = c;
    return collector;
  }, env);
  for (let i = 0; i < input.rows.length; i += BATCH_SIZE) {
    env.ctx.checkAbort(span);
    head.push(i === 0 && input.rows.length <= BATCH_SIZE ? input.rows : input.rows.slice(i, i + BATCH_SIZE));
  }
  head.finish();
  return { columns, rows: collector.rows };
}

function unionSources(op: UnionOperatorNode, env: PipeEnv): { name: string; table: Table }[] {
  const fuzzy = parameterValue(op.parameters, "isfuzzy") === "true";
  const out: { name: string; table: Table }[] = [];
  op.tables.forEach((expr, i) => {
    if (expr.kind === "WildcardName") {
      const pattern = new RegExp(
        `^${expr.pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`,
      );
      for (const [name, table] of env.ctx.tables) if (pattern.test(name)) out.push({ name, table });
      return;
    }
    const name = expr.kind === "NameReference" ? expr.name : `union_arg${i}`;
    if (
      fuzzy && expr.kind === "NameReference" && env.scope.lookup(expr.name) === undefined &&
      !env.ctx.tables.has(expr.name) && !env.ctx.info.tables.has(expr)
    ) {
      return;
    }
    out.push({ name, table: evaluateTable(env.ctx, expr, env.scope) });
  });
  return out;
}

function unionOperator(
  op: UnionOperatorNode,
  input: readonly ColumnSchema[],
  next: Downstream,
  env: PipeEnv,
): PushOperator {
  const collector = new Collector();
  return {
    push: (rows) => collector.push(rows),
    finish() {
      const parts = [
        { name: "union_arg0", table: { columns: input, rows: collector.rows } },
        ...unionSources(op, env),
      ];
      const table = unionTables(parts, parameterValue(op.parameters, "withsource"));
      env.ctx.checkRows(table.rows.length, op.span);
      const downstream = next(table.columns);
      if (table.rows.length > 0) downstream.push(table.rows);
      downstream.finish();
    },
  };
}

function invokeOperator(
  call: FunctionCallNode,
  input: readonly ColumnSchema[],
  next: Downstream,
  env: PipeEnv,
): PushOperator {
  const collector = new Collector();
  return {
    push: (rows) => collector.push(rows),
    finish() {
      const table = callTabularFunction(env.ctx, call, env.scope, { columns: input, rows: collector.rows });
      const downstream = next(table.columns);
      if (table.rows.length > 0) downstream.push(table.rows);
      downstream.finish();
    },
  };
}

/** Call a `let` function whose result is a table (`input` is the piped table for `invoke`). */
function callTabularFunction(
  ctx: EvalContext,
  call: FunctionCallNode,
  scope: EvalScope,
  input?: Table,
): Table {
  const binding = scope.lookup(call.name.name);
  if (binding?.kind !== "function") {
    throw new EvalStop(evalDiagnostic("unsupportedFunction", call.name.span, call.name.name));
  }
  const definition = binding.definition;
  const body = new EvalScope(binding.scope);
  const positional = call.arguments.filter((a) => a.kind !== "NamedExpression");
  const named = new Map<string, ExpressionNode>();
  for (const a of call.arguments) if (a.kind === "NamedExpression") named.set(a.names[0].name, a.expression);
  let nextArg = 0;
  definition.parameters.forEach((param, i) => {
    const name = param.name.name;
    if (i === 0 && input !== undefined) {
      body.define(name, { kind: "tabular", table: () => input });
      return;
    }
    const arg = named.get(name) ?? (nextArg < positional.length ? positional[nextArg++] : undefined);
    if (param.type.kind === "TabularType") {
      if (arg !== undefined) {
        let cached: Table | undefined;
        body.define(name, { kind: "tabular", table: () => cached ??= evaluateTable(ctx, arg, scope) });
      }
      return;
    }
    const source = arg ?? param.defaultValue;
    const value = source === undefined ? null : compileScalar(
      source,
      scalarEnv({ ctx, scope: arg === undefined ? binding.scope : scope }, layoutOf([])),
    )
      .eval(NO_ROW);
    body.define(name, {
      kind: "scalar",
      eval: () => value,
      type: toScalarType(param.type.name) ?? "dynamic",
      constant: true,
    });
  });
  const result = runStatements(ctx, definition.body, body);
  if (result === undefined || result.kind !== "table") {
    throw new EvalStop(evalDiagnostic("notTabular", call.span));
  }
  return result.table;
}

/**
 * Evaluate a tabular expression to a materialized table.
 *
 * @param ctx the query context
 * @param expr the expression (bound)
 * @param scope the names in scope
 */
export function evaluateTable(ctx: EvalContext, expr: ExpressionNode, scope: EvalScope): Table {
  ctx.checkAbort(expr.span);
  const env: PipeEnv = { ctx, scope };
  switch (expr.kind) {
    case "Pipe": {
      const source = evaluateTable(ctx, expr.source, scope);
      return runPipeline(expr.operators, source, env, expr.span);
    }
    case "Parenthesized":
      return evaluateTable(ctx, expr.expression, scope);
    case "NameReference": {
      const binding = scope.lookup(expr.name);
      if (binding?.kind === "tabular") return binding.table();
      if (binding?.kind === "function") {
        return callTabularFunction(ctx, {
          kind: "FunctionCall",
          name: { kind: "Name", name: expr.name, bracketed: expr.bracketed, span: expr.span },
          arguments: [],
          span: expr.span,
        }, scope);
      }
      return sourceTable(ctx, expr.name, expr);
    }
    case "FunctionCall": {
      const name = expr.name.name;
      if (scope.lookup(name)?.kind === "function") return callTabularFunction(ctx, expr, scope);
      if ((name === "materialize" || name === "view") && expr.arguments.length === 1) {
        const inner = expr.arguments[0];
        const cached = ctx.materialized.get(inner);
        if (cached !== undefined) return cached;
        const table = evaluateTable(ctx, inner, scope);
        ctx.materialized.set(inner, table);
        return table;
      }
      const tableArg = name === "table" && expr.arguments.length >= 1
        ? compileScalar(expr.arguments[0], scalarEnv(env, layoutOf([]))).eval(NO_ROW)
        : undefined;
      if (typeof tableArg === "string") {
        const tableName = tableArg;
        const binding = scope.lookup(tableName);
        if (binding?.kind === "tabular") return binding.table();
        return sourceTable(ctx, tableName, expr);
      }
      throw new EvalStop(evalDiagnostic("unsupportedFunction", expr.name.span, name));
    }
    case "Datatable": {
      const columns: ColumnSchema[] = expr.columns.map((c) => ({
        name: c.name.name,
        type: toScalarType(c.type.name) ?? "dynamic",
      }));
      const senv = scalarEnv(env, layoutOf([]));
      const values = expr.values.map((v) => compileScalar(v, senv).eval(NO_ROW));
      const rows: Row[] = [];
      const width = columns.length;
      for (let i = 0; width > 0 && i < values.length; i += width) {
        rows.push(columns.map((c, j) => {
          const v = values[i + j] ?? null;
          return c.type === "dynamic" || v === null || typeof v !== "string" || c.type === "string" ||
              c.type === "guid"
            ? v
            : castTo(v, c.type);
        }));
      }
      return { columns, rows };
    }
    case "Range": {
      const senv = scalarEnv(env, layoutOf([]));
      const from = compileScalar(expr.from, senv).eval(NO_ROW);
      const to = compileScalar(expr.to, senv).eval(NO_ROW);
      const step = compileScalar(expr.step, senv).eval(NO_ROW);
      const type = ctx.typeOf(expr.from);
      const columns = [{ name: expr.column.name, type: type === "int" ? "long" as const : type }];
      const rows: Row[] = [];
      if (typeof from === "number" && typeof to === "number" && typeof step === "number" && step !== 0) {
        for (let v = from; step > 0 ? v <= to : v >= to; v += step) {
          rows.push([v]);
          if (rows.length % BATCH_SIZE === 0) {
            ctx.checkRows(rows.length, expr.span);
            ctx.checkAbort(expr.span);
          }
        }
      }
      return { columns, rows };
    }
    case "Print": {
      const senv = scalarEnv(env, layoutOf([]));
      const columns: ColumnSchema[] = [];
      const row: Value[] = [];
      expr.expressions.forEach((e, i) => {
        const named = e.kind === "NamedExpression";
        columns.push({
          name: named ? e.names[0].name : `print_${i}`,
          type: ctx.typeOf(named ? e.expression : e),
        });
        row.push(compileScalar(e, senv).eval(NO_ROW));
      });
      const bound = ctx.info.tables.get(expr)?.columns;
      return {
        columns: bound !== undefined && bound.length === columns.length ? [...bound] : columns,
        rows: [row],
      };
    }
    case "Union":
      return unionTables(unionSources(expr, env), parameterValue(expr.parameters, "withsource"));
    case "Search": {
      const parts = expr.tables.length === 0
        ? [...ctx.tables].map(([name, table]) => ({ name, table }))
        : unionSources({ ...expr, kind: "Union", parameters: [] }, env);
      const union = unionTables(parts, parameterValue(expr.parameters, "withsource") ?? "$table");
      return searchTable(expr, union, env);
    }
    default:
      throw new EvalStop(
        evalDiagnostic("unsupportedOperator", expr.span, OPERATOR_WORDS[expr.kind] ?? expr.kind),
      );
  }
}

/** A table given to the run, or an empty table of the bound schema (a catalog table with no data loaded). */
function sourceTable(ctx: EvalContext, name: string, expr: ExpressionNode): Table {
  const table = ctx.tables.get(name);
  if (table !== undefined) return table;
  const bound = ctx.info.tables.get(expr);
  if (bound !== undefined && bound.columns.length > 0) return { columns: bound.columns, rows: [] };
  const schema = ctx.catalog?.get(name);
  if (schema !== undefined) return { columns: schema.columns, rows: [] };
  throw new EvalStop(evalDiagnostic("unknownTable", expr.span, name));
}

/** The outcome of a statement list: a table, a scalar value, or nothing. */
export type StatementsResult =
  | { readonly kind: "table"; readonly table: Table }
  | { readonly kind: "scalar"; readonly value: Value; readonly type: ColumnSchema["type"] };

/** Run statements in order; the last expression statement is the result. */
export function runStatements(
  ctx: EvalContext,
  statements: readonly StatementNode[],
  scope: EvalScope,
): StatementsResult | undefined {
  let result: StatementsResult | undefined;
  const senv = () => scalarEnv({ ctx, scope }, layoutOf([]));
  for (const statement of statements) {
    switch (statement.kind) {
      case "LetStatement": {
        const value = statement.value;
        const name = statement.name.name;
        if (value.kind === "FunctionDefinition") {
          scope.define(name, { kind: "function", definition: value, scope });
        } else if (ctx.info.tables.has(value)) {
          let cached: Table | undefined;
          const at = scope;
          scope.define(name, { kind: "tabular", table: () => cached ??= evaluateTable(ctx, value, at) });
        } else {
          const v = compileScalar(value, senv()).eval(NO_ROW);
          scope.define(name, { kind: "scalar", eval: () => v, type: ctx.typeOf(value), constant: true });
        }
        break;
      }
      case "DeclareQueryParametersStatement":
        for (const p of statement.parameters) {
          if (p.type.kind !== "ScalarType") continue;
          const type = toScalarType(p.type.name) ?? "dynamic";
          const given = Object.hasOwn(ctx.parameters, p.name.name)
            ? queryParameterValue(ctx.parameters[p.name.name], type)
            : undefined;
          if (Object.hasOwn(ctx.parameters, p.name.name) && given === undefined) {
            throw new EvalStop(evalDiagnostic("badParameter", p.span, p.name.name, type));
          }
          const v = given !== undefined
            ? given
            : p.defaultValue === undefined
            ? null
            : compileScalar(p.defaultValue, senv()).eval(NO_ROW);
          scope.define(p.name.name, { kind: "scalar", eval: () => v, type, constant: true });
        }
        break;
      case "SetStatement":
        break;
      case "ExpressionStatement": {
        const expr = statement.expression;
        if (ctx.info.tables.has(expr)) result = { kind: "table", table: evaluateTable(ctx, expr, scope) };
        else {
          result = {
            kind: "scalar",
            value: compileScalar(expr, senv()).eval(NO_ROW),
            type: ctx.typeOf(expr),
          };
        }
      }
    }
  }
  return result;
}
