/**
 * Which rules may fire before their window closes (DESIGN.md "Latency"): those whose trigger can only become true
 * as events arrive, so that once it holds for the next instant's window it still holds when the window closes.
 *
 * Recognised, conservatively (anything else waits for the instant):
 * - trigger `gt` (the result row count can only grow);
 * - `let` statements that do not read tables;
 * - one table, then row-wise operators (where, extend, project*, parse, mv-expand) whose expressions read no
 *   tables and no row order;
 * - optionally one `summarize`, after which `where` may only require an aggregate that only grows as rows come
 *   (`count`, `countif`, `dcount`, `dcountif`, `max`, `maxif`) to be `>`/`>=` a constant, one that only shrinks
 *   (`min`, `minif`) to be `<`/`<=` one, or test the group keys, combined with `and`/`or`. A constant is a literal,
 *   a `let` bound to one, or `ago()`/`now()` of constants (now() is the instant, fixed for the window). Other
 *   aggregates (make_set, arg_max, ...) may be computed; they are just not tested.
 *
 * With one alert per evaluation (SingleAlert) the alert's id does not depend on the rows. With one alert per
 * result row (AlertPerResult) a row must be recognised when the instant is evaluated: the row of a group is known
 * by its group keys (the summarize's `by` columns, which must reach the result unchanged), and a row of events
 * without summarize by all its values (an event does not change). Each row then fires early once, and the
 * instant raises the rows that did not.
 */
import type { ExpressionNode, QueryNode, QueryOperatorNode } from "../../query/syntax/mod.ts";
import type { Rule } from "../rules/mod.ts";
import { ROW_WISE_OPERATORS } from "../../query/bind/classify_mode.ts";

/** Row-wise operators: the planner's list (query/bind/classify_mode.ts), so both agree on what is per row. */
const ROW_WISE: ReadonlySet<string> = ROW_WISE_OPERATORS;
const GROWING_AGGREGATES = new Set(["count", "countif", "dcount", "dcountif", "max", "maxif"]);
const SHRINKING_AGGREGATES = new Set(["min", "minif"]);
/** Functions of constants that are constant within one evaluation. */
const CONSTANT_FUNCTIONS = new Set(["ago", "now", "datetime", "todatetime", "totimespan", "timespan"]);

/** How a rule fires early. */
export interface EarlyFiring {
  /**
   * AlertPerResult: each result row fires once, known by `keyColumns` (the group keys), or by all its values when
   * undefined (rows of events). Absent: one alert per evaluation.
   */
  readonly perResult?: { readonly keyColumns?: readonly string[] };
}

interface Monotone {
  readonly growing: Set<string>;
  readonly shrinking: Set<string>;
  readonly keys: Set<string>;
  readonly constants: ReadonlySet<string>;
}
const ORDER_DEPENDENT = new Set([
  "row_number",
  "prev",
  "next",
  "row_cumsum",
  "row_window_session",
  "toscalar",
  "materialize",
  "table",
]);

/**
 * How a rule may fire before its window closes, or undefined when it must wait for the instant.
 *
 * @param rule the rule
 * @param query its parsed query
 * @param tables names of tables (a `let` or expression that mentions one reads data)
 * @returns how it fires early, if it may
 */
export function earlyFiring(
  rule: Rule,
  query: QueryNode,
  tables: ReadonlySet<string>,
): EarlyFiring | undefined {
  if (rule.kind !== "Scheduled" || rule.triggerOperator !== "gt") return undefined;
  const perResult = rule.eventGroupingSettings.aggregationKind === "AlertPerResult";
  const statements = query.statements;
  const last = statements[statements.length - 1];
  if (!last || last.kind !== "ExpressionStatement") return undefined;
  const constants = new Set<string>();
  for (const s of statements.slice(0, -1)) {
    if (s.kind !== "LetStatement" || readsData(s, tables)) return undefined;
    if (s.value.kind !== "FunctionDefinition" && isConstant(s.value, constants)) constants.add(s.name.name);
  }
  const pipe = last.expression;
  if (pipe.kind !== "Pipe" || pipe.source.kind !== "NameReference" || !tables.has(pipe.source.name)) {
    return undefined;
  }
  let monotone: Monotone | undefined;
  for (const op of pipe.operators as readonly QueryOperatorNode[]) {
    if (readsData(op, tables)) return undefined;
    if (op.kind === "Summarize") {
      if (monotone) return undefined; // a second summarize could shrink counts
      const keys = op.by.map(outputName);
      if (keys.some((k) => k === undefined)) return undefined;
      monotone = { ...monotoneAggregates(op.aggregates), keys: new Set(keys as string[]), constants };
      continue;
    }
    if (!ROW_WISE.has(op.kind)) return undefined;
    if (!monotone) continue;
    // After the summarize: only filters that stay true as the aggregates move their way.
    if (op.kind === "Where") {
      if (!upwardClosed(op.predicate, monotone)) return undefined;
    } else if (op.kind === "Extend" || op.kind === "Parse" || op.kind === "MvExpand") {
      // New columns computed from aggregates are not known to move one way: forget which are safe to test.
      for (const set of [monotone.growing, monotone.shrinking]) {
        for (const a of [...set]) if (mentions(op, a)) set.delete(a);
      }
      // A group must stay one row with its keys as they were, to be known again at the instant.
      if (perResult && (op.kind === "MvExpand" || [...monotone.keys].some((k) => assigns(op, k)))) {
        return undefined;
      }
    } else if (perResult && !keepsColumns(op, monotone.keys)) return undefined;
  }
  if (!perResult) return {};
  return { perResult: monotone ? { keyColumns: [...monotone.keys] } : {} };
}

/** The aggregates that only grow and those that only shrink as rows are added, by output name. */
function monotoneAggregates(
  expressions: readonly ExpressionNode[],
): { growing: Set<string>; shrinking: Set<string> } {
  const growing = new Set<string>();
  const shrinking = new Set<string>();
  for (const e of expressions) {
    const call = e.kind === "NamedExpression" ? e.expression : e;
    if (call.kind !== "FunctionCall") continue;
    const fn = call.name.name.toLowerCase();
    const name = outputName(e) ?? defaultAggregateName(fn, call.arguments);
    if (name === undefined) continue;
    if (GROWING_AGGREGATES.has(fn)) growing.add(name);
    else if (SHRINKING_AGGREGATES.has(fn)) shrinking.add(name);
  }
  return { growing, shrinking };
}

/** Kusto's default names: `count_`, `countif_`, `dcount_X`, `max_X`, ... */
function defaultAggregateName(fn: string, args: readonly ExpressionNode[]): string | undefined {
  if (fn === "count" || fn === "countif") return `${fn}_`;
  const first = args[0];
  return first?.kind === "NameReference" ? `${fn}_${first.name}` : undefined;
}

/** Whether an expression has one value for a whole evaluation: literals, constant `let`s, ago()/now() of them. */
function isConstant(e: ExpressionNode, constants: ReadonlySet<string>): boolean {
  switch (e.kind) {
    case "Literal":
      return true;
    case "Parenthesized":
      return isConstant(e.expression, constants);
    case "NameReference":
      return constants.has(e.name);
    case "Unary":
      return isConstant(e.operand, constants);
    case "FunctionCall":
      return CONSTANT_FUNCTIONS.has(e.name.name.toLowerCase()) &&
        e.arguments.every((a) => isConstant(a, constants));
    default:
      return false;
  }
}

/** Whether an operator after the summarize keeps the group-key columns as they are (project*, where, ...). */
function keepsColumns(op: QueryOperatorNode, keys: ReadonlySet<string>): boolean {
  if (op.kind === "Where") return true;
  if (op.kind === "Project") {
    return [...keys].every((k) => op.expressions.some((c) => c.kind === "NameReference" && c.name === k));
  }
  // project-away, project-rename, project-reorder, ...: only when they do not name a key.
  return ![...keys].some((k) => mentions(op, k));
}

/** Whether an extend-like operator writes the column `name`. */
function assigns(op: QueryOperatorNode, name: string): boolean {
  let found = false;
  visit(op, (n) => {
    if (n.kind !== "NamedExpression") return;
    const names = n.names as readonly { name: string }[];
    if (names.some((x) => x.name === name)) found = true;
  });
  return found;
}

function outputName(e: ExpressionNode): string | undefined {
  if (e.kind === "NamedExpression") return e.names.length === 1 ? e.names[0].name : undefined;
  if (e.kind === "NameReference") return e.name;
  if (e.kind === "FunctionCall" && e.name.name === "bin" && e.arguments[0]?.kind === "NameReference") {
    return e.arguments[0].name;
  }
  return undefined;
}

/** A predicate that, once true, stays true as the aggregates move their way (more rows in the window). */
function upwardClosed(p: ExpressionNode, m: Monotone): boolean {
  if (p.kind === "Parenthesized") return upwardClosed(p.expression, m);
  if (p.kind === "Binary") {
    if (p.operator === "and" || p.operator === "or") {
      return upwardClosed(p.left, m) && upwardClosed(p.right, m);
    }
    const named = (e: ExpressionNode, set: Set<string>) => e.kind === "NameReference" && set.has(e.name);
    const constant = (e: ExpressionNode) => isConstant(e, m.constants);
    const above = p.operator === ">" || p.operator === ">=";
    const below = p.operator === "<" || p.operator === "<=";
    if (above && named(p.left, m.growing) && constant(p.right)) return true;
    if (below && constant(p.left) && named(p.right, m.growing)) return true;
    if (below && named(p.left, m.shrinking) && constant(p.right)) return true;
    if (above && constant(p.left) && named(p.right, m.shrinking)) return true;
  }
  // Anything that reads only group keys and constants is fixed per group.
  return onlyReads(p, new Set([...m.keys, ...m.constants]));
}

function onlyReads(node: unknown, allowed: Set<string>): boolean {
  let ok = true;
  visit(node, (n) => {
    if (n.kind === "NameReference" && !allowed.has(String(n.name))) ok = false;
  });
  return ok;
}

function mentions(node: unknown, name: string): boolean {
  let found = false;
  visit(node, (n) => {
    if (n.kind === "NameReference" && n.name === name) found = true;
  });
  return found;
}

/** Whether a node reads a table (by name or through a sub-query) or depends on row order. */
function readsData(node: unknown, tables: ReadonlySet<string>): boolean {
  let reads = false;
  visit(node, (n) => {
    if (n.kind === "Pipe" || n.kind === "Datatable" || n.kind === "ExternalData") reads = true;
    else if (n.kind === "NameReference" && tables.has(String(n.name))) reads = true;
    else if (n.kind === "FunctionCall") {
      const name = (n.name as { name?: string } | undefined)?.name?.toLowerCase() ?? "";
      if (ORDER_DEPENDENT.has(name)) reads = true;
    }
  });
  return reads;
}

type AnyNode = { kind: string; [key: string]: unknown };

function visit(node: unknown, fn: (n: AnyNode) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) visit(child, fn);
    return;
  }
  if (node === null || typeof node !== "object") return;
  const n = node as AnyNode;
  if (typeof n.kind === "string") fn(n);
  for (const [key, value] of Object.entries(n)) {
    if (key !== "span" && value !== null && typeof value === "object") visit(value, fn);
  }
}
