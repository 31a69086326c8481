import type { Value } from "../values/value.ts";
import type { ReturnType } from "./scalar_function.ts";

/** A JSON value: what aggregate states serialize to for checkpoints. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** An aggregate's partial state. Opaque: only the aggregate that made it may read it. */
export type AggregateState = { readonly __aggregateState: unique symbol };

/**
 * One aggregate function as a mergeable partial state, so that a streaming window can keep one state per pane and
 * combine panes, and a checkpoint can store states as JSON.
 *
 * Contract: `merge(a, b)` is `a` followed by `b` (order matters for `make_list`, `take_any`, tie-breaking in
 * `arg_max`); for any split of a row sequence into a prefix and a suffix, merging their states gives the state of
 * the whole sequence (exactly, or within the documented error for `dcount`). `add` and `merge` may update their
 * first argument in place and return it. `save` gives JSON that `load` turns back into an equal state.
 */
export interface AggregateFunction {
  readonly minArgs: number;
  readonly maxArgs: number;
  /**
   * How many leading arguments are evaluated per row; the remaining ones are constants (accuracy, size limits,
   * percentiles) evaluated once and given to `init`.
   */
  readonly rowArgs: (argCount: number) => number;
  readonly returns: ReturnType;
  readonly init: (constants: readonly Value[]) => AggregateState;
  readonly add: (state: AggregateState, values: readonly Value[]) => AggregateState;
  readonly merge: (a: AggregateState, b: AggregateState) => AggregateState;
  readonly result: (state: AggregateState) => Value;
  readonly save: (state: AggregateState) => Json;
  readonly load: (json: Json) => AggregateState;
  /**
   * For an aggregate whose result depends on row order: the same aggregate over rows given in any order, each with
   * its place in the window order, so that states computed apart merge exactly (positional_list.ts).
   */
  readonly positional?: PositionalAggregate;
}

/**
 * An order-dependent aggregate (`make_set`, `make_list`, `arg_max`, `take_any`, `make_bag`...) whose state keeps
 * each kept value's place in the window order: the event time, the event's place in the arrival order and the
 * row's place among the event's output rows (`sub`: mv-expand gives several), compared in that order. Rows may
 * come in any order and `merge` is a union by place, so it is commutative and associative: a window's panes,
 * or shares of its events computed in other processes, merge in any order into what `add` of the rows in window
 * order gives (the batch evaluator keeps the plain `add`, the order being implied).
 *
 * Its states are not the plain form's: only `init`, `addAt`, `merge`, `result`, `save` and `load` below may
 * touch them. `merge(a, b)` may update `a` and never changes `b` or shares what it changes with `b`.
 */
export interface PositionalAggregate {
  readonly init: (constants: readonly Value[]) => AggregateState;
  readonly addAt: (
    state: AggregateState,
    values: readonly Value[],
    time: number,
    seq: number,
    sub: number,
  ) => AggregateState;
  readonly merge: (a: AggregateState, b: AggregateState) => AggregateState;
  readonly result: (state: AggregateState) => Value;
  readonly save: (state: AggregateState) => Json;
  readonly load: (json: Json) => AggregateState;
}

/** The typed form a positional aggregate is written in. */
export interface PositionalSpec<P> {
  readonly init: (constants: readonly Value[]) => P;
  readonly addAt: (state: P, values: readonly Value[], time: number, seq: number, sub: number) => P;
  readonly merge: (a: P, b: P) => P;
  readonly result: (state: P) => Value;
  readonly save: (state: P) => Json;
  readonly load: (json: Json) => P;
}

/** Aggregate functions by lower-case KQL name. */
export type AggregateFunctionTable = Readonly<Record<string, AggregateFunction>>;

/** The typed form an aggregate is written in; {@link defineAggregate} hides its state type. */
export interface AggregateSpec<S> {
  readonly arity: readonly [number, number];
  readonly rowArgs?: number | ((argCount: number) => number);
  readonly returns: ReturnType;
  readonly init: (constants: readonly Value[]) => S;
  readonly add: (state: S, values: readonly Value[]) => S;
  readonly merge: (a: S, b: S) => S;
  readonly result: (state: S) => Value;
  /** Defaults to the identity: states that are already plain JSON. */
  readonly save?: (state: S) => Json;
  readonly load?: (json: Json) => S;
}

/** Declares an aggregate from its typed spec, with its positional form when its result depends on row order. */
export function defineAggregate<S, P = never>(
  spec: AggregateSpec<S>,
  positional?: PositionalSpec<P>,
): AggregateFunction {
  const rowArgs = spec.rowArgs ?? spec.arity[1];
  const identity = (x: unknown) => x;
  return {
    minArgs: spec.arity[0],
    maxArgs: spec.arity[1],
    rowArgs: typeof rowArgs === "number" ? (n) => Math.min(n, rowArgs) : rowArgs,
    returns: spec.returns,
    init: spec.init as unknown as AggregateFunction["init"],
    add: spec.add as unknown as AggregateFunction["add"],
    merge: spec.merge as unknown as AggregateFunction["merge"],
    result: spec.result as unknown as AggregateFunction["result"],
    save: (spec.save ?? identity) as unknown as AggregateFunction["save"],
    load: (spec.load ?? ((json: Json) => structuredClone(json))) as unknown as AggregateFunction["load"],
    ...(positional === undefined ? {} : { positional: positional as unknown as PositionalAggregate }),
  };
}

/** Kusto's default and maximum size of `make_set`/`make_list`/`make_bag` results. */
export const DEFAULT_MAX_SIZE = 1_048_576;

/** Reads a `maxSize` constant: a positive integer, otherwise the default. */
export function maxSizeOf(value: Value | undefined): number {
  return typeof value === "number" && value >= 1
    ? Math.min(Math.trunc(value), DEFAULT_MAX_SIZE)
    : DEFAULT_MAX_SIZE;
}
