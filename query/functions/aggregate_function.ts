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

/** Declares an aggregate from its typed spec. */
export function defineAggregate<S>(spec: AggregateSpec<S>): AggregateFunction {
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
