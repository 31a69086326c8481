/**
 * Which rules may fire before their window closes (DESIGN.md "Latency"): those whose trigger can only become true
 * as events arrive, so that once it holds for the next instant's window it still holds when the window closes.
 *
 * Recognised, conservatively (anything else waits for the instant):
 * - trigger `gt` (the result row count can only grow), one alert per evaluation (SingleAlert: its id does not
 *   depend on the rows);
 * - `let` statements that do not read tables;
 * - one table, then row-wise operators (where, extend, project*, parse, mv-expand) whose expressions read no
 *   tables and no row order;
 * - optionally one `summarize` of `count`, `countif`, `dcount`, `dcountif` (they only grow), after which `where`
 *   may only require such an aggregate to be `>`/`>=` a constant (or test the group keys), combined with `and`/`or`.
 */
import type { ExpressionNode, QueryNode, QueryOperatorNode } from "../../query/syntax/mod.ts";
import type { Rule } from "../rules/mod.ts";
import { ROW_WISE_OPERATORS } from "../../query/bind/classify_mode.ts";

/** Row-wise operators: the planner's list (query/bind/classify_mode.ts), so both agree on what is per row. */
const ROW_WISE: ReadonlySet<string> = ROW_WISE_OPERATORS;
const GROWING_AGGREGATES = new Set(["count", "countif", "dcount", "dcountif"]);
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
 * Whether a rule's trigger can only become true as events arrive.
 *
 * @param rule the rule
 * @param query its parsed query
 * @param tables names of tables (a `let` or expression that mentions one reads data)
 * @returns true when early firing keeps the scheduled semantics
 */
export function canFireEarly(rule: Rule, query: QueryNode, tables: ReadonlySet<string>): boolean {
  if (rule.kind !== "Scheduled" || rule.triggerOperator !== "gt") return false;
  if (rule.eventGroupingSettings.aggregationKind !== "SingleAlert") return false;
  const statements = query.statements;
  const last = statements[statements.length - 1];
  if (!last || last.kind !== "ExpressionStatement") return false;
  for (const s of statements.slice(0, -1)) {
    if (s.kind !== "LetStatement" || readsData(s, tables)) return false;
  }
  const pipe = last.expression;
  if (pipe.kind !== "Pipe" || pipe.source.kind !== "NameReference" || !tables.has(pipe.source.name)) {
    return false;
  }
  let aggregates: Set<string> | undefined;
  let groupKeys: Set<string> | undefined;
  for (const op of pipe.operators as readonly QueryOperatorNode[]) {
    if (readsData(op, tables)) return false;
    if (op.kind === "Summarize") {
      if (aggregates) return false; // a second summarize could shrink counts
      const names = growingAggregateNames(op.aggregates);
      if (!names) return false;
      aggregates = names;
      groupKeys = new Set(op.by.map(outputName).filter((n): n is string => n !== undefined));
      continue;
    }
    if (!ROW_WISE.has(op.kind)) return false;
    if (!aggregates) continue;
    // After the summarize: only filters that stay true as the aggregates grow.
    if (op.kind === "Where") {
      if (!upwardClosed(op.predicate, aggregates, groupKeys!)) return false;
    } else if (op.kind === "Extend" || op.kind === "Parse" || op.kind === "MvExpand") {
      // New columns computed from aggregates are not known to grow: forget which columns are safe to test.
      aggregates = new Set([...aggregates].filter((a) => !mentions(op, a)));
    }
  }
  return true;
}

function growingAggregateNames(expressions: readonly ExpressionNode[]): Set<string> | undefined {
  const names = new Set<string>();
  for (const e of expressions) {
    const call = e.kind === "NamedExpression" ? e.expression : e;
    if (call.kind !== "FunctionCall" || !GROWING_AGGREGATES.has(call.name.name.toLowerCase())) {
      return undefined;
    }
    const name = outputName(e) ?? defaultAggregateName(call.name.name.toLowerCase(), call.arguments);
    if (name) names.add(name);
  }
  return names;
}

/** Kusto's default names: `count_`, `countif_`, `dcount_X`, `dcountif_X`. */
function defaultAggregateName(fn: string, args: readonly ExpressionNode[]): string | undefined {
  if (fn === "count" || fn === "countif") return `${fn}_`;
  const first = args[0];
  return first?.kind === "NameReference" ? `${fn}_${first.name}` : undefined;
}

function outputName(e: ExpressionNode): string | undefined {
  if (e.kind === "NamedExpression") return e.names.length === 1 ? e.names[0].name : undefined;
  if (e.kind === "NameReference") return e.name;
  if (e.kind === "FunctionCall" && e.name.name === "bin" && e.arguments[0]?.kind === "NameReference") {
    return e.arguments[0].name;
  }
  return undefined;
}

/** A predicate that, true for some values of the growing aggregates, stays true for larger ones. */
function upwardClosed(p: ExpressionNode, aggregates: Set<string>, keys: Set<string>): boolean {
  if (p.kind === "Parenthesized") return upwardClosed(p.expression, aggregates, keys);
  if (p.kind === "Binary") {
    if (p.operator === "and" || p.operator === "or") {
      return upwardClosed(p.left, aggregates, keys) && upwardClosed(p.right, aggregates, keys);
    }
    const isAgg = (e: ExpressionNode) => e.kind === "NameReference" && aggregates.has(e.name);
    const isConst = (e: ExpressionNode) => e.kind === "Literal";
    if ((p.operator === ">" || p.operator === ">=") && isAgg(p.left) && isConst(p.right)) return true;
    if ((p.operator === "<" || p.operator === "<=") && isConst(p.left) && isAgg(p.right)) return true;
  }
  // Anything that reads only group keys and constants is fixed per group.
  return onlyReads(p, keys);
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
