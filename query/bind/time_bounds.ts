/**
 * Event-time bounds in a rule's per-event `where`: `TimeGenerated > ago(1d)`, `TimeGenerated between
 * (ago(14d) .. ago(1d))`, `now(-1h) <= TimeGenerated`... Nearly every Sentinel scheduled rule starts with one.
 * Such a conjunct depends on the evaluation instant t, but only as an interval of event times `t - offset`, so
 * the planner keeps it out of the per-event work and turns it into a per-leaf window instead (streams/plan): a
 * bound is the instant minus a constant time span, on the leaf table's own event-time column as the table gives
 * it (no earlier operator assigned it).
 */
import type { ExpressionNode, QueryOperatorNode, SyntaxNode } from "../syntax/mod.ts";
import { forEachDescendant, printKql } from "../syntax/mod.ts";
import type { BoundInfo } from "./binder.ts";

/** The column whose value is the event's time (the time the detection windows are cut on). */
export const EVENT_TIME_COLUMN = "TimeGenerated";

/** One side of an event-time interval: the instant minus `offset`. */
export interface TimeBound {
  readonly side: "lower" | "upper";
  /** Microseconds before the instant (negative: after it). */
  readonly offset: number;
  /** Whether an event exactly on the bound passes. */
  readonly inclusive: boolean;
}

/** A `where` conjunct that only bounds the event time. */
export interface TimeFilter {
  /** The conjunct (the leaf runs it as `true` per event: the window applies it). */
  readonly node: ExpressionNode;
  /** The conjunct as KQL, for `kql explain` and `rules validate`. */
  readonly text: string;
  readonly bounds: readonly TimeBound[];
}

/** What a conjunct is read against. */
export interface TimeFilterContext {
  readonly info: BoundInfo;
  /** Scalar `let` values by name (a bound may be `ago(timeframe)` with `let timeframe = 1d`). */
  readonly lets: ReadonlyMap<string, ExpressionNode>;
  /** Columns of the `where`'s input (a column shadows a let of the same name). */
  readonly columns: ReadonlySet<string>;
}

const MAX_DEPTH = 16;
const NUMBER_TYPES: ReadonlySet<string> = new Set(["int", "long", "real", "decimal"]);

/** The top-level `and` operands of a predicate (parentheses looked through). */
export function conjunctsOf(predicate: ExpressionNode): ExpressionNode[] {
  if (predicate.kind === "Parenthesized") return conjunctsOf(predicate.expression);
  if (predicate.kind === "Binary" && predicate.operator === "and") {
    return [...conjunctsOf(predicate.left), ...conjunctsOf(predicate.right)];
  }
  return [predicate];
}

/**
 * Read a `where` conjunct as event-time bounds.
 *
 * @param conjunct one operand of the predicate's top-level `and`
 * @param context bound information, scalar lets, input columns
 * @returns the bounds, or undefined when the conjunct is something else
 */
export function timeFilterOf(conjunct: ExpressionNode, context: TimeFilterContext): TimeFilter | undefined {
  if (!context.columns.has(EVENT_TIME_COLUMN)) return undefined;
  const e = conjunct.kind === "Parenthesized" ? conjunct.expression : conjunct;
  const bounds: TimeBound[] = [];
  if (e.kind === "Binary" && ["<", "<=", ">", ">="].includes(e.operator)) {
    const leftTime = isEventTime(e.left, context);
    const rightTime = isEventTime(e.right, context);
    if (leftTime === rightTime) return undefined;
    const offset = instantOffset(leftTime ? e.right : e.left, context, 0);
    if (offset === undefined) return undefined;
    // Written `bound op TimeGenerated`: turn it round.
    const op = leftTime ? e.operator : ({ "<": ">", "<=": ">=", ">": "<", ">=": "<=" } as const)[
      e.operator as "<" | "<=" | ">" | ">="
    ];
    bounds.push({ side: op[0] === ">" ? "lower" : "upper", offset, inclusive: op.endsWith("=") });
  } else if (e.kind === "Between" && !e.negated && isEventTime(e.left, context)) {
    const low = instantOffset(e.low, context, 0);
    if (low === undefined) return undefined;
    const highInstant = instantOffset(e.high, context, 0);
    // `between (ago(1d) .. 1h)`: a time span after the low end.
    const span = highInstant === undefined ? constantSpan(e.high, context, 0) : undefined;
    const high = highInstant ?? (span === undefined ? undefined : low - span);
    if (high === undefined) return undefined;
    bounds.push({ side: "lower", offset: low, inclusive: true }, {
      side: "upper",
      offset: high,
      inclusive: true,
    });
  } else return undefined;
  return { node: conjunct, text: printKql(conjunct), bounds };
}

/**
 * Whether an operator may change the event-time column (a bound after it would not be on the event's time).
 *
 * @param op a per-event operator before the `where`
 * @param info bound information (the right side of a lookup)
 */
export function changesEventTime(op: QueryOperatorNode, info: BoundInfo): boolean {
  if (op.kind === "Where") return false;
  if (op.kind === "Lookup" || op.kind === "Join") {
    const right = info.tables.get(op.right);
    if (right === undefined || right.columns.some((c) => c.name === EVENT_TIME_COLUMN)) return true;
  }
  // Outputs are declared names (extend/project assignments, parse captures, parse-kv columns); these operators
  // also remove or replace the columns they mention.
  const mentions = op.kind === "ProjectRename" || op.kind === "ProjectAway" || op.kind === "MvExpand";
  let changes = false;
  const visit = (n: SyntaxNode) => {
    if (n.kind === "Name" && n.name === EVENT_TIME_COLUMN) changes = true;
    if (mentions && n.kind === "NameReference" && n.name === EVENT_TIME_COLUMN) changes = true;
  };
  forEachDescendant(op, visit);
  return changes;
}

/**
 * Whether a bound keeps every event of the window `(t - period, t]`.
 *
 * @param bound the bound
 * @param period the window's length, microseconds
 */
export function alwaysTrue(bound: TimeBound, period: number): boolean {
  if (bound.side === "lower") return bound.offset >= period;
  return bound.offset < 0 || (bound.offset === 0 && bound.inclusive);
}

/**
 * How an event-time filter applies in a window of length `period`, in words.
 *
 * @param filter the filter
 * @param period the rule's query period (microseconds), when known
 */
export function describeTimeFilter(filter: TimeFilter, period?: number): string {
  const lower = filter.bounds.find((b) => b.side === "lower");
  const upper = filter.bounds.find((b) => b.side === "upper");
  if (period !== undefined) {
    const lowerTrue = lower === undefined || alwaysTrue(lower, period);
    const upperTrue = upper === undefined || alwaysTrue(upper, period);
    if (lowerTrue && upperTrue) return `where ${filter.text}: always true in the ${span(period)} window`;
    const empty = (upper !== undefined && upper.offset >= period) ||
      (lower !== undefined && (lower.offset < 0 || (lower.offset === 0 && !lower.inclusive)));
    if (empty) return `where ${filter.text}: always false in the ${span(period)} window`;
  }
  const from = lower === undefined ? "(now-period" : `${lower.inclusive ? "[" : "("}${instant(lower.offset)}`;
  const to = upper === undefined ? "now]" : `${instant(upper.offset)}${upper.inclusive ? "]" : ")"}`;
  return `where ${filter.text}: events in ${from}, ${to} of each window`;
}

function instant(offset: number): string {
  if (offset === 0) return "now";
  return offset > 0 ? `now-${span(offset)}` : `now+${span(-offset)}`;
}

const UNITS: readonly [number, string][] = [
  [86_400_000_000, "d"],
  [3_600_000_000, "h"],
  [60_000_000, "m"],
  [1_000_000, "s"],
  [1_000, "ms"],
  [1, "microsecond"],
];

/** A time span in microseconds as a KQL literal (`1d`, `90m`). */
export function span(micros: number): string {
  for (const [size, unit] of UNITS) {
    if (micros % size === 0) return `${micros / size}${unit}`;
  }
  return `${micros}microsecond`;
}

function isEventTime(e: ExpressionNode, context: TimeFilterContext): boolean {
  return e.kind === "NameReference" && e.name === EVENT_TIME_COLUMN &&
    context.info.types.get(e) === "datetime";
}

/** A scalar let's value, when `e` names one (and no column of that name hides it). */
function letValue(e: ExpressionNode, context: TimeFilterContext): ExpressionNode | undefined {
  if (e.kind !== "NameReference" || context.columns.has(e.name)) return undefined;
  return context.lets.get(e.name);
}

/** `t - offset` written as ago(c), now(), now(c), now() ± c, ago(c) ± d, or a let of one: the offset. */
function instantOffset(e: ExpressionNode, context: TimeFilterContext, depth: number): number | undefined {
  if (depth > MAX_DEPTH) return undefined;
  switch (e.kind) {
    case "Parenthesized":
      return instantOffset(e.expression, context, depth + 1);
    case "NameReference": {
      const value = letValue(e, context);
      return value === undefined ? undefined : instantOffset(value, context, depth + 1);
    }
    case "FunctionCall": {
      if (context.info.calls.has(e)) return undefined;
      const name = e.name.name.toLowerCase();
      if (name === "ago" && e.arguments.length === 1) return constantSpan(e.arguments[0], context, depth + 1);
      if (name === "now" && e.arguments.length === 0) return 0;
      if (name === "now" && e.arguments.length === 1) {
        const c = constantSpan(e.arguments[0], context, depth + 1);
        return c === undefined ? undefined : -c;
      }
      return undefined;
    }
    case "Binary": {
      if (e.operator !== "+" && e.operator !== "-") return undefined;
      const left = instantOffset(e.left, context, depth + 1);
      if (left !== undefined) {
        const c = constantSpan(e.right, context, depth + 1);
        if (c === undefined) return undefined;
        return e.operator === "-" ? left + c : left - c;
      }
      if (e.operator !== "+") return undefined;
      const right = instantOffset(e.right, context, depth + 1);
      const c = constantSpan(e.left, context, depth + 1);
      return right === undefined || c === undefined ? undefined : right - c;
    }
    default:
      return undefined;
  }
}

/** A constant time span (literal, arithmetic of constants, let of one), in microseconds. */
function constantSpan(e: ExpressionNode, context: TimeFilterContext, depth: number): number | undefined {
  if (depth > MAX_DEPTH) return undefined;
  switch (e.kind) {
    case "Literal":
      return e.type === "timespan" && typeof e.value === "number" ? e.value : undefined;
    case "Parenthesized":
      return constantSpan(e.expression, context, depth + 1);
    case "NameReference": {
      const value = letValue(e, context);
      return value === undefined ? undefined : constantSpan(value, context, depth + 1);
    }
    case "Unary": {
      const v = constantSpan(e.operand, context, depth + 1);
      return v === undefined ? undefined : e.operator === "-" ? -v : v;
    }
    case "Binary": {
      if (e.operator === "+" || e.operator === "-") {
        const a = constantSpan(e.left, context, depth + 1);
        const b = constantSpan(e.right, context, depth + 1);
        if (a === undefined || b === undefined) return undefined;
        return e.operator === "+" ? a + b : a - b;
      }
      if (e.operator === "*") {
        const a = constantSpan(e.left, context, depth + 1);
        const n = a === undefined ? constantNumber(e.left) : constantNumber(e.right);
        const s = a ?? constantSpan(e.right, context, depth + 1);
        return s === undefined || n === undefined || !Number.isInteger(s * n) ? undefined : s * n;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function constantNumber(e: ExpressionNode): number | undefined {
  if (e.kind === "Parenthesized") return constantNumber(e.expression);
  if (e.kind === "Literal" && NUMBER_TYPES.has(e.type) && typeof e.value === "number") return e.value;
  return undefined;
}
