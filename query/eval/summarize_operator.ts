/**
 * `summarize` and `make-series`: rows are grouped by their key values (hashed with `valueKey`), each group keeps
 * one mergeable aggregate state per aggregate call (query/functions), and the aggregate expressions are computed
 * over the states' results when the input ends. Output column names follow the binder.
 */
import { expressionName } from "../bind/expression_name.ts";
import { nextColumnName, uniqueName } from "../bind/table_type.ts";
import type {
  ExpressionNode,
  FunctionCallNode,
  MakeSeriesOperatorNode,
  SummarizeOperatorNode,
} from "../syntax/ast.ts";
import { AGGREGATE_FUNCTIONS, type AggregateFunction, type AggregateState } from "../functions/mod.ts";
import { FunctionRegistry } from "../symbols/functions/mod.ts";
import type { ColumnSchema, ScalarType } from "../symbols/types.ts";
import { formatDatetime, formatTimespan, type Value, valueKey } from "../values/mod.ts";
import { evalDiagnostic, EvalStop } from "./eval_codes.ts";
import { layoutOf } from "./eval_context.ts";
import { compileScalar, type ScalarEnv } from "./compile_scalar.ts";
import { type OperatorSite, type PipeEnv, scalarEnv } from "./pipe_env.ts";
import type { Eval, PushOperator, Row } from "./push_operator.ts";

const REGISTRY = FunctionRegistry.builtin();
const NO_ROW: Row = [];

/** One aggregate call: its function, per-row argument closures and constant arguments. */
export interface AggregateSlot {
  readonly fn: AggregateFunction;
  readonly args: readonly Eval[];
  readonly constants: readonly Value[];
}

/** The compiled aggregates of a summarize: slots to accumulate and output closures over the slot results. */
export interface CompiledAggregates {
  readonly slots: AggregateSlot[];
  /** Computes one output column from the array of slot results. */
  readonly outputs: Eval[];
  readonly columns: ColumnSchema[];
}

function slotFor(
  call: FunctionCallNode,
  args: readonly ExpressionNode[],
  env: ScalarEnv,
  slots: AggregateSlot[],
) {
  const name = call.name.name;
  const fn = AGGREGATE_FUNCTIONS[name];
  if (fn === undefined) throw new EvalStop(evalDiagnostic("unsupportedFunction", call.name.span, name));
  const rowArgs = fn.rowArgs(args.length);
  const inner: ScalarEnv = { ...env, aggregate: undefined };
  const evals = args.slice(0, rowArgs).map((a) => compileScalar(a, inner).eval);
  const constants = args.slice(rowArgs).map((a) => compileScalar(a, inner).eval(NO_ROW));
  slots.push({ fn, args: evals, constants });
  return slots.length - 1;
}

function topAggregate(expr: ExpressionNode): FunctionCallNode | undefined {
  return expr.kind === "FunctionCall" && REGISTRY.get(expr.name.name)?.kind === "aggregate"
    ? expr
    : undefined;
}

/**
 * Compile the aggregate list of a summarize (or one make-series aggregate), expanding `arg_max`/`arg_min`,
 * multi-argument `take_any` and `percentiles` into several columns as the binder names them.
 */
export function compileAggregates(
  aggregates: readonly ExpressionNode[],
  input: readonly ColumnSchema[],
  env: PipeEnv,
  taken: Set<string>,
): CompiledAggregates {
  const slots: AggregateSlot[] = [];
  const outputs: Eval[] = [];
  const columns: ColumnSchema[] = [];
  const base = scalarEnv(env, layoutOf(input));
  const add = (name: string | undefined, type: ScalarType, f: Eval) => {
    const unique = uniqueName(name ?? nextColumnName(taken), taken);
    taken.add(unique);
    columns.push({ name: unique, type });
    outputs.push(f);
  };
  for (const aggregate of aggregates) {
    const inner = aggregate.kind === "NamedExpression" ? aggregate.expression : aggregate;
    const explicit = aggregate.kind === "NamedExpression" ? aggregate.names.map((n) => n.name) : undefined;
    const call = topAggregate(inner);
    const name = call?.name.name;
    const args = call?.arguments ?? [];
    const argName = (i: number) => args[i] === undefined ? undefined : expressionName(args[i], true);
    if (
      call !== undefined &&
      (name === "arg_max" || name === "arg_min" ||
        ((name === "take_any" || name === "any") && args.length !== 1))
    ) {
      const first = name === "arg_max" || name === "arg_min" ? 1 : 0;
      const produced: { name: string | undefined; type: ScalarType; expr: ExpressionNode | number }[] = [];
      if (first === 1) {
        produced.push({
          name: argName(0) ?? `${REGISTRY.get(name)!.resultPrefix}_`,
          type: env.ctx.typeOf(args[0]),
          expr: args[0],
        });
      }
      for (let i = first; i < args.length; i++) {
        const arg = args[i];
        if (arg.kind === "Star") {
          input.forEach((c, at) => {
            if (!taken.has(c.name) && !produced.some((p) => p.name === c.name)) {
              produced.push({ name: c.name, type: c.type, expr: at });
            }
          });
        } else if (arg.kind === "NamedExpression") {
          produced.push({
            name: arg.names[0].name,
            type: env.ctx.typeOf(arg.expression),
            expr: arg.expression,
          });
        } else {
          produced.push({
            name: argName(i) ?? nextColumnName(new Set(produced.map((p) => p.name ?? ""))),
            type: env.ctx.typeOf(arg),
            expr: arg,
          });
        }
      }
      const fn = AGGREGATE_FUNCTIONS[name === "any" ? "take_any" : name];
      const evals = produced.map((p) =>
        typeof p.expr === "number"
          ? ((at: number) => (r: Row) => r[at])(p.expr)
          : compileScalar(p.expr, base).eval
      );
      slots.push({ fn, args: evals, constants: [] });
      const slot = slots.length - 1;
      const single = produced.length === 1 && first === 0;
      produced.forEach((p, i) => {
        add(explicit?.[i] ?? p.name, p.type, (r) => {
          const v = r[slot];
          if (single) return v;
          return Array.isArray(v) ? (v[i] ?? null) : null;
        });
      });
      continue;
    }
    if (call !== undefined && name === "percentiles" && args.length > 2) {
      const slot = slotFor(call, args, base, slots);
      const b = argName(0);
      for (let i = 1; i < args.length; i++) {
        const text = args[i].kind === "Literal"
          ? String((args[i] as { value: unknown }).value).replace(".", "_")
          : "";
        const k = i - 1;
        add(explicit?.[k] ?? `percentile_${b ?? ""}_${text}`, env.ctx.typeOf(args[0]), (r) => {
          const v = r[slot];
          return Array.isArray(v) ? (v[k] ?? null) : v;
        });
      }
      continue;
    }
    const compiled = compileScalar(inner, {
      ...base,
      aggregate: (c) => {
        const slot = slotFor(c, c.arguments, base, slots);
        return (r) => r[slot];
      },
    });
    const type = env.ctx.typeOf(inner);
    let outName: string | undefined;
    if (explicit !== undefined) outName = explicit[0];
    else if (call !== undefined) {
      if (name === "percentile" || name === "percentilew") {
        const last = args[args.length - 1];
        const text = last?.kind === "Literal" ? String(last.value).replace(".", "_") : "";
        outName = `percentile_${argName(0) ?? ""}_${text}`;
      } else outName = `${REGISTRY.get(name!)!.resultPrefix}_${args.length === 0 ? "" : argName(0) ?? ""}`;
    }
    add(outName, type, compiled.eval);
  }
  return { slots, outputs, columns };
}

/** The `by` keys: names, types and closures. */
export function compileKeys(
  keys: readonly ExpressionNode[],
  input: readonly ColumnSchema[],
  env: PipeEnv,
  taken: Set<string>,
) {
  const senv = scalarEnv(env, layoutOf(input));
  const columns: ColumnSchema[] = [];
  const evals: Eval[] = [];
  for (const key of keys) {
    const inner = key.kind === "NamedExpression" ? key.expression : key;
    const wanted = key.kind === "NamedExpression" ? key.names[0].name : expressionName(key, true);
    const name = uniqueName(wanted ?? nextColumnName(taken), taken);
    taken.add(name);
    columns.push({ name, type: env.ctx.typeOf(inner) });
    evals.push(compileScalar(inner, senv).eval);
  }
  return { columns, evals };
}

/** Prefer the binder's names and types when it described the same number of columns. */
export function withBoundNames(
  columns: ColumnSchema[],
  bound: readonly ColumnSchema[] | undefined,
): ColumnSchema[] {
  if (bound === undefined || bound.length !== columns.length) return columns;
  return bound.map((c) => ({ ...c }));
}

interface Group {
  readonly keys: Value[];
  readonly states: AggregateState[];
}

function initStates(slots: readonly AggregateSlot[]): AggregateState[] {
  return slots.map((s) => s.fn.init(s.constants));
}

function addRow(slots: readonly AggregateSlot[], states: AggregateState[], row: Row): void {
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i];
    const args = slot.args;
    const values = args.length === 0 ? [] : args.length === 1 ? [args[0](row)] : args.map((a) => a(row));
    states[i] = slot.fn.add(states[i], values);
  }
}

/**
 * One closure per aggregate slot that adds a row to its state. The argument buffer is reused across rows: no
 * aggregate keeps the values array it is given (they copy what they keep).
 */
function slotAdders(slots: readonly AggregateSlot[]): ((states: AggregateState[], row: Row) => void)[] {
  return slots.map((slot, i) => {
    const add = slot.fn.add;
    const args = slot.args;
    const buffer: Value[] = new Array(args.length);
    if (args.length === 0) return (states, _row) => void (states[i] = add(states[i], buffer));
    if (args.length === 1) {
      const a = args[0];
      return (states, row) => {
        buffer[0] = a(row);
        states[i] = add(states[i], buffer);
      };
    }
    return (states, row) => {
      for (let k = 0; k < args.length; k++) buffer[k] = args[k](row);
      states[i] = add(states[i], buffer);
    };
  });
}

/** The group key of a row: one `valueKey` per key expression, without intermediate arrays. */
function groupKey(keys: readonly Eval[]): (row: Row) => string {
  switch (keys.length) {
    case 0:
      return () => "";
    case 1: {
      const [a] = keys;
      return (row) => valueKey(a(row));
    }
    case 2: {
      const [a, b] = keys;
      return (row) => valueKey(a(row)) + "\u0001" + valueKey(b(row));
    }
    default:
      return (row) => keys.map((k) => valueKey(k(row))).join("\u0001");
  }
}

/** `summarize aggregates by keys`. */
export function compileSummarize(
  op: SummarizeOperatorNode,
  site: OperatorSite,
): PushOperator {
  const { input, next, env } = site;
  const taken = new Set<string>();
  const keys = compileKeys(op.by, input, env, taken);
  const aggs = compileAggregates(op.aggregates, input, env, taken);
  const bound = env.ctx.info.tables.get(op);
  const columns = withBoundNames([...keys.columns, ...aggs.columns], bound?.columns);
  const downstream = next(columns);
  const groups = new Map<string, Group>();
  const keyEvals = keys.evals;
  const slots = aggs.slots;
  const keyOf = groupKey(keyEvals);
  const adders = slotAdders(slots);
  return {
    push(rows) {
      env.ctx.checkAbort(op.span);
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r];
        const key = keyOf(row);
        let group = groups.get(key);
        if (group === undefined) {
          group = { keys: keyEvals.map((k) => k(row)), states: initStates(slots) };
          groups.set(key, group);
          env.ctx.checkRows(groups.size, op.span);
        }
        const states = group.states;
        for (let i = 0; i < adders.length; i++) adders[i](states, row);
      }
    },
    finish() {
      if (groups.size === 0 && keyEvals.length === 0) groups.set("", { keys: [], states: initStates(slots) });
      const out: Row[] = [];
      for (const group of groups.values()) {
        const results = slots.map((s, i) => s.fn.result(group.states[i]));
        out.push([...group.keys, ...aggs.outputs.map((o) => o(results))]);
      }
      if (out.length > 0) downstream.push(out);
      downstream.finish();
    },
  };
}

/** `make-series aggs default=v on Axis from a to b step s by keys`. */
export function compileMakeSeries(
  op: MakeSeriesOperatorNode,
  site: OperatorSite,
): PushOperator {
  const { input, next, env } = site;
  // `on Axis in range(start, stop, step)` is `from start to stop step step`.
  const range = op.inRange?.kind === "FunctionCall" && op.inRange.name.name === "range" &&
      op.inRange.arguments.length === 3
    ? op.inRange.arguments
    : undefined;
  if ((op.inRange !== undefined && range === undefined) || (op.step === undefined && range === undefined)) {
    throw new EvalStop(evalDiagnostic("unsupportedOption", op.span, "make-series", "in"));
  }
  const taken = new Set<string>();
  const keys = compileKeys(op.by, input, env, taken);
  const senv = scalarEnv(env, layoutOf(input));
  const constant = (e: ExpressionNode | undefined) =>
    e === undefined ? undefined : compileScalar(e, senv).eval(NO_ROW);
  const step = constant(range?.[2] ?? op.step);
  const from = constant(range?.[0] ?? op.from);
  const to = constant(range?.[1] ?? op.to);
  const axis = compileScalar(op.on, senv).eval;
  const perAggregate = op.aggregates.map((a) => {
    const c = compileAggregates([a.expression], input, env, new Set());
    const def = a.defaultValue === undefined ? 0 : constant(a.defaultValue) ?? null;
    return { c, def };
  });
  const aggColumns: ColumnSchema[] = [];
  for (const { c } of perAggregate) {
    for (const col of c.columns) {
      const name = uniqueName(col.name, taken);
      taken.add(name);
      aggColumns.push({ name, type: "dynamic" });
    }
  }
  const axisName = uniqueName(expressionName(op.on, true) ?? nextColumnName(taken), taken);
  const columns = withBoundNames(
    [...keys.columns, ...aggColumns, { name: axisName, type: "dynamic" }],
    env.ctx.info.tables.get(op)?.columns,
  );
  const downstream = next(columns);
  const rows: Row[] = [];
  return {
    push(batch) {
      for (const r of batch) rows.push(r);
    },
    finish() {
      if (typeof step !== "number" || step <= 0) {
        downstream.finish();
        return;
      }
      let lo = typeof from === "number" ? from : Infinity;
      let hi = typeof to === "number" ? to : -Infinity;
      const axisValues = rows.map(axis);
      if (typeof from !== "number" || typeof to !== "number") {
        for (const v of axisValues) {
          if (typeof v !== "number") continue;
          if (typeof from !== "number" && v < lo) lo = Math.floor(v / step) * step;
          if (typeof to !== "number" && v + step > hi) hi = Math.floor(v / step) * step + step;
        }
      }
      const bins = Number.isFinite(lo) && Number.isFinite(hi) && hi > lo ? Math.ceil((hi - lo) / step) : 0;
      const groups = new Map<string, { keys: Value[]; states: AggregateState[][][] }>();
      rows.forEach((row, i) => {
        const v = axisValues[i];
        if (typeof v !== "number" || v < lo || v >= hi) return;
        const bin = Math.floor((v - lo) / step);
        const values = keys.evals.map((k) => k(row));
        const key = values.map(valueKey).join("\u0001");
        let group = groups.get(key);
        if (group === undefined) {
          group = { keys: values, states: perAggregate.map(() => new Array(bins)) };
          groups.set(key, group);
        }
        perAggregate.forEach(({ c }, a) => {
          const states = group!.states[a][bin] ??= initStates(c.slots);
          addRow(c.slots, states, row);
        });
      });
      // Inside dynamic arrays datetimes and timespans are text, as Kusto's JSON shows them.
      const axisType = env.ctx.typeOf(op.on);
      const axisArray = Array.from({ length: bins }, (_, i) => {
        const v = lo + i * step;
        return axisType === "datetime" ? formatDatetime(v) : axisType === "timespan" ? formatTimespan(v) : v;
      });
      const out: Row[] = [];
      for (const group of groups.values()) {
        const series: Value[] = [];
        perAggregate.forEach(({ c, def }, a) => {
          c.outputs.forEach((output) => {
            const values: Value[] = [];
            for (let b = 0; b < bins; b++) {
              const states = group.states[a][b];
              if (states === undefined) values.push(def as Value);
              else values.push(output(c.slots.map((s, i) => s.fn.result(states[i]))));
            }
            series.push(values);
          });
        });
        out.push([...group.keys, ...series, axisArray]);
      }
      if (out.length > 0) downstream.push(out);
      downstream.finish();
    },
  };
}
