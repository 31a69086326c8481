/**
 * Row-wise and ordering operators: where, extend, project (and -away, -keep, -rename, -reorder), serialize,
 * take, count, distinct, sort, top.
 */
import { expressionName } from "../bind/expression_name.ts";
import { matchesWildcard, nextColumnName } from "../bind/table_type.ts";
import type {
  ExpressionNode,
  ExtendOperatorNode,
  SortExpressionNode,
  TopOperatorNode,
} from "../syntax/ast.ts";
import type { ColumnSchema } from "../symbols/types.ts";
import { getProperty, isBag, sortComparator, type Value, valueKey } from "../values/mod.ts";
import { evalDiagnostic, EvalStop } from "./eval_codes.ts";
import { layoutOf } from "./eval_context.ts";
import { compileScalar } from "./compile_scalar.ts";
import {
  compileAgainst,
  type OperatorSite,
  type PipeEnv,
  rowOperator,
  scalarEnv,
  usesRowFunctions,
} from "./pipe_env.ts";
import type { Downstream, Eval, PushOperator, Row } from "./push_operator.ts";
import type { RowCursor } from "./row_functions.ts";

const NO_ROW: Row = [];

/** `where`: keeps the rows whose predicate is true (null and false drop the row). */
export function compileWhere(
  predicate: ExpressionNode,
  site: OperatorSite,
): PushOperator {
  const { input, next, env } = site;
  const cursor: RowCursor = { rows: [], index: 0 };
  const f = compileAgainst(predicate, env, input, cursor).eval;
  const downstream = next(input);
  return rowOperator(
    env,
    usesRowFunctions(predicate),
    cursor,
    (row, out) => {
      if (f(row) === true) out.push(row);
    },
    downstream,
    predicate.span,
  );
}

/**
 * `extend` and `serialize`: each item is evaluated against the columns so far (a later item may use an earlier
 * one), a new name is appended, an existing name is replaced in place.
 */
export function compileExtend(
  op: ExtendOperatorNode | {
    kind: "Serialize";
    expressions: readonly ExpressionNode[];
    span: ExtendOperatorNode["span"];
  },
  site: OperatorSite,
): PushOperator {
  const { input, next, env } = site;
  const cursor: RowCursor = { rows: [], index: 0 };
  const columns = [...input];
  const steps: { at: number; eval: Eval }[] = [];
  const place = (name: string, type: ColumnSchema["type"], f: Eval) => {
    const existing = columns.findIndex((c) => c.name === name);
    const at = existing >= 0 ? existing : columns.length;
    if (existing < 0) columns.push({ name, type });
    else columns[existing] = { name, type };
    steps.push({ at, eval: f });
  };
  for (const expr of op.expressions) {
    const layout = layoutOf(columns);
    const senv = scalarEnv(env, layout, cursor);
    if (expr.kind === "NamedExpression" && expr.names.length > 1) {
      // `(a, b) = f(...)`: one evaluation per row, its parts spread over the names.
      const whole = rowMemo(compileScalar(expr.expression, senv).eval);
      expr.names.forEach((n, i) => place(n.name, "dynamic", (r) => partOf(whole(r), i)));
      continue;
    }
    if (expr.kind !== "NamedExpression" && isSeriesExpansion(expr)) {
      const expanded = seriesColumns(expr, env, columns);
      const whole = rowMemo(compileScalar(expr, senv).eval);
      for (const c of expanded) place(c.name, c.type, (r) => getProperty(whole(r), c.property));
      continue;
    }
    const name = expr.kind === "NamedExpression"
      ? expr.names[0].name
      : expressionName(expr, false) ?? nextColumnName(new Set(columns.map((c) => c.name)));
    const compiled = compileScalar(expr, senv);
    place(name, env.ctx.typeOf(expr.kind === "NamedExpression" ? expr.expression : expr), compiled.eval);
  }
  const downstream = next(columns);
  const ordered = op.expressions.some(usesRowFunctions);
  // Values are computed into a copy: a later item sees the earlier ones, and input rows stay untouched.
  if (steps.length === 1 && steps[0].at === input.length) {
    const f = steps[0].eval;
    const n = input.length;
    return rowOperator(
      env,
      ordered,
      cursor,
      (row, out) => {
        const copy = new Array<Value>(n + 1);
        for (let i = 0; i < n; i++) copy[i] = row[i];
        copy[n] = f(row);
        out.push(copy);
      },
      downstream,
      op.span,
    );
  }
  return rowOperator(
    env,
    ordered,
    cursor,
    (row, out) => {
      // Appended columns come in increasing positions, so they are pushed; replaced ones are assigned.
      const copy = row.slice();
      for (let i = 0; i < steps.length; i++) {
        const v = steps[i].eval(copy);
        const at = steps[i].at;
        if (at === copy.length) copy.push(v);
        else copy[at] = v;
      }
      out.push(copy);
    },
    downstream,
    op.span,
  );
}

const SERIES_FUNCTIONS = ["series_stats", "series_stats_dynamic", "series_fit_line", "series_fit_2lines"];

function isSeriesExpansion(expr: ExpressionNode): boolean {
  return expr.kind === "FunctionCall" && SERIES_FUNCTIONS.includes(expr.name.name);
}

/**
 * The columns of an unassigned series function (`extend series_stats(x)` → `series_stats_x_min`, ...): their
 * names and types are the binder's, each reads the property after the common prefix.
 */
function seriesColumns(
  expr: ExpressionNode,
  env: PipeEnv,
  before: readonly ColumnSchema[],
): { name: string; type: ColumnSchema["type"]; property: string }[] {
  if (expr.kind !== "FunctionCall") return [];
  const base = expr.arguments[0] === undefined ? undefined : expressionName(expr.arguments[0], false);
  const prefix = base === undefined ? `${expr.name.name}_` : `${expr.name.name}_${base}_`;
  const bound = [...env.ctx.info.tables.values()].flatMap((t) => t.columns);
  const known = new Set(before.map((c) => c.name));
  const seen = new Set<string>();
  const out: { name: string; type: ColumnSchema["type"]; property: string }[] = [];
  for (const c of bound) {
    if (!c.name.startsWith(prefix) || known.has(c.name) || seen.has(c.name)) continue;
    seen.add(c.name);
    out.push({ name: c.name, type: c.type, property: c.name.slice(prefix.length) });
  }
  if (out.length === 0) {
    throw new EvalStop(evalDiagnostic("unsupportedExpression", expr.span, "unnamed series function"));
  }
  return out;
}

/** Evaluate once per row object, however many columns read the value. */
function rowMemo(f: Eval): Eval {
  let lastRow: Row | undefined;
  let last: Value = null;
  return (r) => {
    if (r !== lastRow) {
      lastRow = r;
      last = f(r);
    }
    return last;
  };
}

/** Part `i` of a tuple-assigned value: an array element, or the i-th property of a bag. */
function partOf(value: Value, i: number): Value {
  if (Array.isArray(value)) return value[i] ?? null;
  if (isBag(value)) return Object.values(value)[i] ?? null;
  return i === 0 ? value : null;
}

/** `project`: a new column list in the written order (wildcards expand to matching input columns). */
export function compileProject(
  expressions: readonly ExpressionNode[],
  input: readonly ColumnSchema[],
  env: PipeEnv,
): { columns: ColumnSchema[]; evals: Eval[]; ordered: boolean; cursor: RowCursor } {
  const cursor: RowCursor = { rows: [], index: 0 };
  const layout = layoutOf(input);
  const columns: ColumnSchema[] = [];
  const evals: Eval[] = [];
  const add = (name: string, column: ColumnSchema, f: Eval) => {
    if (columns.some((c) => c.name === name)) return;
    columns.push(column);
    evals.push(f);
  };
  for (const expr of expressions) {
    if (expr.kind === "WildcardName") {
      input.forEach((c, i) => {
        if (matchesWildcard(expr.pattern, c.name)) add(c.name, c, (r) => r[i]);
      });
      continue;
    }
    if (expr.kind === "NamedExpression" && expr.names.length > 1) {
      const whole = rowMemo(compileScalar(expr.expression, scalarEnv(env, layout, cursor)).eval);
      expr.names.forEach((n, i) =>
        add(n.name, { name: n.name, type: "dynamic" }, (r) => partOf(whole(r), i))
      );
      continue;
    }
    const name = expr.kind === "NamedExpression"
      ? expr.names[0].name
      : expressionName(expr, false) ?? nextColumnName(new Set(columns.map((c) => c.name)));
    const type = env.ctx.typeOf(expr.kind === "NamedExpression" ? expr.expression : expr);
    add(name, { name, type }, compileScalar(expr, scalarEnv(env, layout, cursor)).eval);
  }
  return { columns, evals, ordered: expressions.some(usesRowFunctions), cursor };
}

/** Runs a projection row by row. */
export function projectOperator(
  projection: ReturnType<typeof compileProject>,
  options: {
    readonly env: PipeEnv;
    readonly next: Downstream;
    readonly span: ExpressionNode["span"];
    /** A `where` just before the projection, run in the same pass (no row functions on either side). */
    readonly filter?: Eval;
  },
): PushOperator {
  const { evals, columns, ordered, cursor } = projection;
  const { env, next, span, filter } = options;
  const downstream = next(columns);
  const n = evals.length;
  const project = (row: Row, out: Row[]) => {
    const copy = new Array<Value>(n);
    for (let i = 0; i < n; i++) copy[i] = evals[i](row);
    out.push(copy);
  };
  const map = filter === undefined ? project : (row: Row, out: Row[]) => {
    if (filter(row) === true) project(row, out);
  };
  return rowOperator(env, ordered, cursor, map, downstream, span);
}

/** Selects input columns by position (project-away, project-keep, project-reorder, project-rename). */
export function reorderOperator(
  positions: readonly number[],
  columns: readonly ColumnSchema[],
  next: Downstream,
): PushOperator {
  const downstream = next(columns);
  const n = positions.length;
  return {
    push(rows) {
      const out: Row[] = new Array(rows.length);
      for (let j = 0; j < rows.length; j++) {
        const row = rows[j];
        const copy = new Array<Value>(n);
        for (let i = 0; i < n; i++) copy[i] = row[positions[i]];
        out[j] = copy;
      }
      downstream.push(out);
    },
    finish: () => downstream.finish(),
  };
}

/** The input columns a list of selectors (names or wildcards) picks, in selector order. */
export function selectColumns(
  selectors: readonly ExpressionNode[],
  input: readonly ColumnSchema[],
): number[] {
  const picked: number[] = [];
  for (const s of selectors) {
    if (s.kind === "WildcardName") {
      input.forEach((c, i) => {
        if (matchesWildcard(s.pattern, c.name) && !picked.includes(i)) picked.push(i);
      });
    } else if (s.kind === "NameReference") {
      const i = input.findIndex((c) => c.name === s.name);
      if (i >= 0 && !picked.includes(i)) picked.push(i);
    }
  }
  return picked;
}

/** `take N`: passes the first N rows. */
export function takeOperator(
  count: number,
  columns: readonly ColumnSchema[],
  next: Downstream,
): PushOperator {
  const downstream = next(columns);
  let left = Math.max(0, Math.trunc(count));
  return {
    push(rows) {
      if (left <= 0) return;
      const part = rows.length <= left ? rows : rows.slice(0, left);
      left -= part.length;
      downstream.push(part);
    },
    finish: () => downstream.finish(),
  };
}

/** Evaluate a constant operand of an operator (take's count, top's count). */
export function constantOf(expr: ExpressionNode, env: PipeEnv): Value {
  const c = compileAgainst(expr, env, []);
  return c.eval(NO_ROW);
}

/** `count`: one row with the number of input rows. */
export function countOperator(columns: readonly ColumnSchema[], next: Downstream): PushOperator {
  const downstream = next(columns);
  let n = 0;
  return {
    push(rows) {
      n += rows.length;
    },
    finish() {
      downstream.push([[n]]);
      downstream.finish();
    },
  };
}

/** `distinct`: the first row of each distinct combination, in first-seen order. */
export function distinctOperator(
  evals: readonly Eval[],
  columns: readonly ColumnSchema[],
  next: Downstream,
): PushOperator {
  const downstream = next(columns);
  const seen = new Set<string>();
  return {
    push(rows) {
      const out: Row[] = [];
      for (const row of rows) {
        const values = evals.map((e) => e(row));
        const key = values.map(valueKey).join("\u0001");
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(values);
      }
      if (out.length > 0) downstream.push(out);
    },
    finish: () => downstream.finish(),
  };
}

/** A row comparator for sort keys, with Kusto defaults: descending, nulls last when descending, first when ascending. */
export function compileSortKeys(
  keys: readonly SortExpressionNode[],
  input: readonly ColumnSchema[],
  env: PipeEnv,
): { evals: Eval[]; compare: (a: Value[], b: Value[]) => number } {
  const evals = keys.map((k) => compileAgainst(k.expression, env, input).eval);
  const comparators = keys.map((k) =>
    sortComparator({ descending: (k.direction ?? "desc") === "desc", nulls: k.nulls })
  );
  return {
    evals,
    compare: (a, b) => {
      for (let i = 0; i < comparators.length; i++) {
        const c = comparators[i](a[i], b[i]);
        if (c !== 0) return c;
      }
      return 0;
    },
  };
}

/** `sort by` (and `top` when `limit` is given): buffers, sorts stably, emits. */
export function sortOperator(
  keys: ReturnType<typeof compileSortKeys>,
  options: {
    readonly limit?: number;
    readonly columns: readonly ColumnSchema[];
    readonly next: Downstream;
    /** A computed key appended to each row (`top` by an expression that is not a column). */
    readonly extra?: Eval;
  },
): PushOperator {
  const { limit, columns, next, extra } = options;
  const downstream = next(columns);
  const decorated: { key: Value[]; row: Row }[] = [];
  return {
    push(rows) {
      for (const row of rows) decorated.push({ key: keys.evals.map((e) => e(row)), row });
    },
    finish() {
      decorated.sort((a, b) => keys.compare(a.key, b.key));
      const n = limit === undefined ? decorated.length : Math.min(limit, decorated.length);
      const out: Row[] = new Array(n);
      for (let i = 0; i < n; i++) {
        const { row } = decorated[i];
        out[i] = extra === undefined ? row : [...row, extra(row)];
      }
      if (n > 0) downstream.push(out);
      downstream.finish();
    },
  };
}

/** `top N by expr`: the sort, limited; an expression key that is not a column becomes a new column. */
export function compileTop(
  op: TopOperatorNode,
  site: OperatorSite,
): PushOperator {
  const { input, next, env } = site;
  const count = constantOf(op.count, env);
  const keys = compileSortKeys([op.by], input, env);
  const name = expressionName(op.by.expression, false);
  const isColumn = name !== undefined && input.some((c) => c.name === name);
  if (name === undefined || isColumn) {
    return sortOperator(keys, { limit: typeof count === "number" ? count : 0, columns: input, next });
  }
  const columns = [...input, { name, type: env.ctx.typeOf(op.by.expression) }];
  return sortOperator(keys, {
    limit: typeof count === "number" ? count : 0,
    columns,
    next,
    extra: keys.evals[0],
  });
}

/**
 * `sample N` and `sample-distinct N of expr`: N rows (or distinct values) picked with the query's random
 * source, in input order. Kusto promises no particular choice, so any N of them is a correct answer.
 */
export function sampleOperator(
  count: number,
  options: {
    readonly columns: readonly ColumnSchema[];
    readonly next: Downstream;
    readonly random: () => number;
    /** For sample-distinct: the value whose distinct values are sampled. */
    readonly distinctOf?: Eval;
  },
): PushOperator {
  const { columns, next, random, distinctOf } = options;
  const downstream = next(columns);
  const rows: Row[] = [];
  const seen = new Set<string>();
  return {
    push(batch) {
      for (const row of batch) {
        if (distinctOf === undefined) {
          rows.push(row);
          continue;
        }
        const v = distinctOf(row);
        const key = valueKey(v);
        if (!seen.has(key)) {
          seen.add(key);
          rows.push([v]);
        }
      }
    },
    finish() {
      const n = Math.max(0, Math.min(Math.trunc(count), rows.length));
      const index = rows.map((_, i) => i);
      for (let i = 0; i < n; i++) {
        const j = i + Math.floor(random() * (index.length - i));
        [index[i], index[j]] = [index[j], index[i]];
      }
      const picked = index.slice(0, n).sort((a, b) => a - b).map((i) => rows[i]);
      if (picked.length > 0) downstream.push(picked);
      downstream.finish();
    },
  };
}
