/**
 * The per-event part of a plan leaf, compiled once with the evaluator's own push operators and closures: the
 * leaf's operators run over one event at a time (their output comes out at once: they are row-wise), and its
 * summarize, when it has one, is compiled to group-key and aggregate-slot closures that the pane state feeds.
 */
import type { BoundInfo } from "../../query/bind/binder.ts";
import type { PlanLeaf } from "../../query/bind/classify_mode.ts";
import { EvalContext, EvalScope } from "../../query/eval/eval_context.ts";
import { compilePipeline, evaluateTable, runStatements } from "../../query/eval/evaluate_tabular.ts";
import type { PipeEnv } from "../../query/eval/pipe_env.ts";
import type { Eval, PushOperator, Row } from "../../query/eval/push_operator.ts";
import { compileAggregates, compileKeys, withBoundNames } from "../../query/eval/summarize_operator.ts";
import type {
  AggregateFunction,
  AggregateState,
  Json,
  PositionalAggregate,
} from "../../query/functions/mod.ts";
import type { Catalog, ColumnSchema } from "../../query/symbols/mod.ts";
import type { ExpressionNode, QueryOperatorNode, StatementNode } from "../../query/syntax/mod.ts";
import { type Value, valueKey } from "../../query/values/mod.ts";

/** The summarize of a leaf as closures over the rows its operators output. */
export interface CompiledSummarize {
  /** The group key of a row. */
  readonly keyOf: (row: Row) => string;
  /** The group key of a row's group-key values (what `keyOf` gives for a row with these `keyValues`). */
  readonly keyOfValues: (keys: readonly Value[]) => string;
  /** The group-key values of a row. */
  readonly keyValues: (row: Row) => Value[];
  /** A fresh state per aggregate slot. */
  readonly init: () => AggregateState[];
  /**
   * Add a row to the states, with its place in the window order (event time, place in the event order, place
   * among the event's output rows): order-dependent aggregates keep it (their positional form), so rows may
   * come in any order.
   */
  readonly add: (states: AggregateState[], row: Row, time: number, seq: number, sub: number) => void;
  /**
   * `a` followed by `b`, into `a` (never changes `b`); order-dependent aggregates merge by the places they
   * keep, so any merge order gives the same state.
   */
  readonly merge: (a: AggregateState[], b: readonly AggregateState[]) => AggregateState[];
  /** The states as JSON, with each slot's aggregate `save` (numbers JSON cannot write are left as they are). */
  readonly save: (states: readonly AggregateState[]) => Json[];
  /** States from what `save` gave. */
  readonly load: (json: readonly Json[]) => AggregateState[];
  /** The output row of a group. */
  readonly output: (keys: readonly Value[], states: readonly AggregateState[]) => Row;
  /** Whether it has group keys (without, an empty window still gives one row). */
  readonly grouped: boolean;
  /** How many group-key columns lead its output. */
  readonly keyCount: number;
}

/** A compiled leaf. */
export interface LeafPipeline {
  /** The rows one event gives after the leaf's operators (the array is reused: copy what you keep). */
  readonly run: (event: Row) => readonly Row[];
  /** The leaf's output columns: the summarize's when it has one. */
  readonly columns: readonly ColumnSchema[];
  readonly summarize?: CompiledSummarize;
}

/**
 * Compile a leaf.
 *
 * @param leaf the leaf (from the mode decision)
 * @param context the bound query, its `let` statements (run once for the scope) and the catalog
 * @returns the compiled leaf; throws the evaluator's EvalStop when an operator does not compile
 */
export function compileLeaf(
  leaf: PlanLeaf,
  context: {
    info: BoundInfo;
    lets: readonly StatementNode[];
    catalog: Catalog;
    input: readonly ColumnSchema[];
  },
): LeafPipeline {
  const { run, columns, env } = compileRowWise(withoutTimeFilters(leaf), context.input, context);
  if (leaf.summarize === undefined) return { run, columns };
  const taken = new Set<string>();
  const keys = compileKeys(leaf.summarize.by, columns, env, taken);
  const aggregates = compileAggregates(leaf.summarize.aggregates, columns, env, taken);
  const output = withBoundNames(
    [...keys.columns, ...aggregates.columns],
    context.info.tables.get(leaf.summarize)?.columns,
  );
  return { run, columns: output, summarize: summarizeClosures(keys.evals, aggregates) };
}

/** Row-wise operators compiled once, with the environment they were compiled in. */
export interface RowWise {
  /** The rows the operators output for one input row (the same array each call: copy what you keep). */
  readonly run: (row: Row) => readonly Row[];
  /** Their output columns. */
  readonly columns: readonly ColumnSchema[];
  /** The evaluator's context and scope, with the query's `let` statements run, to compile more against. */
  readonly env: PipeEnv;
}

/**
 * Compile row-wise operators (where, extend, project*, parse, mv-expand...) to run one row at a time: their
 * output for a row comes out at once, so a plan feeds them per event (leaves) or per group (key_local_post.ts).
 *
 * @param operators the operators, all row-wise
 * @param input their input columns
 * @param context the bound query, its `let` statements (run once for the scope) and the catalog
 * @returns the compiled operators; throws the evaluator's EvalStop when one does not compile
 */
export function compileRowWise(
  operators: readonly QueryOperatorNode[],
  input: readonly ColumnSchema[],
  context: { info: BoundInfo; lets: readonly StatementNode[]; catalog: Catalog },
): RowWise {
  const ctx = new EvalContext({
    info: context.info,
    tables: new Map(),
    now: 0,
    random: Math.random,
    limits: {},
    catalog: context.catalog,
  });
  ctx.evaluateTable = (expr, scope) => evaluateTable(ctx, expr, scope);
  const scope = new EvalScope();
  runStatements(ctx, context.lets, scope);
  const env = { ctx, scope };
  const out: Row[] = [];
  let columns: readonly ColumnSchema[] = input;
  const sink: PushOperator = { push: (rows) => void out.push(...rows), finish() {} };
  const head = compilePipeline(operators, input, (c) => {
    columns = c;
    return sink;
  }, env);
  const single: Row[] = [[]];
  const run = (row: Row) => {
    out.length = 0;
    single[0] = row;
    head.push(single);
    return out;
  };
  return { run, columns, env };
}

function summarizeClosures(
  keys: readonly Eval[],
  aggregates: ReturnType<typeof compileAggregates>,
): CompiledSummarize {
  const slots = aggregates.slots;
  const plain: AggregateFunction[] = slots.map((s) => s.fn);
  const positional: (PositionalAggregate | undefined)[] = slots.map((s) => s.fn.positional);
  // Each slot's state operations: the positional form where there is one.
  const fns: Pick<AggregateFunction, "init" | "merge" | "result" | "save" | "load">[] = slots.map((s) =>
    s.fn.positional ?? s.fn
  );
  const buffers = slots.map((s) => new Array<Value>(s.args.length));
  return {
    grouped: keys.length > 0,
    keyCount: keys.length,
    keyOf: keys.length === 1
      ? (row) => valueKey(keys[0](row))
      : (row) => keys.map((k) => valueKey(k(row))).join("\u0001"),
    keyOfValues: keys.length === 1
      ? (values) => valueKey(values[0])
      : (values) => values.map((v) => valueKey(v)).join("\u0001"),
    keyValues: (row) => keys.map((k) => k(row)),
    init: () => slots.map((s, i) => fns[i].init(s.constants)),
    add(states, row, time, seq, sub) {
      for (let i = 0; i < slots.length; i++) {
        const args = slots[i].args;
        const buffer = buffers[i];
        for (let k = 0; k < args.length; k++) buffer[k] = args[k](row);
        const p = positional[i];
        states[i] = p === undefined
          ? plain[i].add(states[i], buffer)
          : p.addAt(states[i], buffer, time, seq, sub);
      }
    },
    merge(a, b) {
      for (let i = 0; i < fns.length; i++) a[i] = fns[i].merge(a[i], b[i]);
      return a;
    },
    save: (states) => states.map((s, i) => fns[i].save(s)),
    load: (json) => json.map((j, i) => fns[i].load(j)),
    output(keyValues, states) {
      const results = states.map((s, i) => fns[i].result(s));
      return [...keyValues, ...aggregates.outputs.map((o) => o(results))];
    },
  };
}

/**
 * The leaf's operators with its event-time bounds taken out of their `where` (each becomes `true`): the leaf's
 * window applies them (leaf_window.ts). Only the `and` chain down to a bound is copied, so every other node keeps
 * its bound type.
 */
function withoutTimeFilters(leaf: PlanLeaf): readonly QueryOperatorNode[] {
  const drop = new Set<ExpressionNode>((leaf.timeFilters ?? []).map((f) => f.node));
  if (drop.size === 0) return leaf.operators;
  const strip = (e: ExpressionNode): ExpressionNode => {
    if (drop.has(e)) return { kind: "Literal", type: "bool", value: true, text: "true", span: e.span };
    if (e.kind === "Parenthesized") {
      const inner = strip(e.expression);
      return inner === e.expression ? e : { ...e, expression: inner };
    }
    if (e.kind === "Binary" && e.operator === "and") {
      const left = strip(e.left);
      const right = strip(e.right);
      return left === e.left && right === e.right ? e : { ...e, left, right };
    }
    return e;
  };
  return leaf.operators.map((op) => {
    if (op.kind !== "Where") return op;
    const predicate = strip(op.predicate);
    return predicate === op.predicate ? op : { ...op, predicate };
  });
}
