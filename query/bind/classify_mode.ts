/**
 * How a rule query runs (DESIGN.md "Incremental plan"), decided once from the bound query so that `kql explain`,
 * `rules validate` and the detection engine (streams/plan) all see the same decision.
 *
 * The query is cut into leaves: each catalog table it reads, followed by the operators that can run once per
 * event as it arrives (where, extend, project*, parse, mv-expand, lookup/join against an inline table) and
 * optionally one `summarize` of aggregates whose partial states merge exactly (kept per pane and group key). What
 * follows a leaf (sort, top, joins of two leaves, a second summarize...) runs at each instant over the leaves'
 * window tables, which are small. A query is `incremental` when every table it reads starts such a leaf;
 * otherwise it is `batch`, with the reason of the first table that does not.
 */
import type { Span } from "../diagnostics/diagnostic.ts";
import type {
  ExpressionNode,
  NameReferenceNode,
  QueryNode,
  QueryOperatorNode,
  SummarizeOperatorNode,
  SyntaxNode,
} from "../syntax/mod.ts";
import type { FunctionRegistry } from "../symbols/mod.ts";
import { parameterValue } from "./bind_join.ts";
import { type UnionSource, unionSource } from "./union_leaf.ts";
import { forEachDescendant } from "../syntax/mod.ts";
import type { BoundInfo } from "./binder.ts";
import {
  changesEventTime,
  conjunctsOf,
  describeTimeFilter,
  EVENT_TIME_COLUMN,
  type TimeFilter,
  timeFilterOf,
} from "./time_bounds.ts";

/** One table read with the work done per event (and per pane) as its events arrive. */
export interface PlanLeaf {
  /** The catalog table (the first one of a union). */
  readonly table: string;
  /**
   * The tables of a leaf that starts with `union T1, T2, ...` or `union (T1 | per-event operators), ...`, in
   * union order (union_leaf.ts).
   */
  readonly union?: UnionSource;
  /** The table reference (or the union of table references) that starts the leaf. */
  readonly source: ExpressionNode;
  /** The text the leaf covers: the table name through its last per-event operator (or its summarize). */
  readonly span: Span;
  /** Operators run once per event. */
  readonly operators: readonly QueryOperatorNode[];
  /** The summarize kept as partial aggregates per pane and group key. */
  readonly summarize?: SummarizeOperatorNode;
  /** Why the operator after a leaf without summarize runs per instant over the leaf's kept rows instead. */
  readonly stop?: string;
  /**
   * `where` conjuncts of its operators that bound the event time by the instant (`TimeGenerated > ago(1d)`):
   * per event they count as true, and the leaf's window applies them (time_bounds.ts).
   */
  readonly timeFilters?: readonly TimeFilter[];
}

/** How a query runs, and why. */
export interface ModeDecision {
  readonly mode: "incremental" | "batch";
  readonly reason: string;
  /** The leaves of an incremental query, in text order. */
  readonly leaves?: readonly PlanLeaf[];
  /**
   * The query the leaves belong to, when the planner rewrote the analysed one (functions and single-use lets put
   * in place: inline_functions.ts), bound again.
   */
  readonly plan?: { readonly query: QueryNode; readonly info: BoundInfo };
}

/** Aggregates with a partial state that merges (so windows can be built from panes). */
export const MERGEABLE_AGGREGATES: ReadonlySet<string> = new Set([
  "count",
  "countif",
  "sum",
  "sumif",
  "min",
  "max",
  "minif",
  "maxif",
  "avg",
  "avgif",
  "dcount",
  "dcountif",
  "count_distinct",
  "count_distinctif",
  "make_set",
  "make_set_if",
  "makeset",
  "make_list",
  "make_list_if",
  "makelist",
  "make_bag",
  "make_bag_if",
  "arg_max",
  "arg_min",
  "take_any",
  "any",
  "take_anyif",
  "anyif",
  "hll",
  "hll_if",
  "hll_merge",
  "stdev",
  "stdevif",
  "variance",
  "varianceif",
  "percentile",
  "percentiles",
  "percentiles_array",
  "tdigest",
  "tdigest_merge",
  "binary_all_or",
  "binary_all_and",
  "binary_all_xor",
]);

/** Aggregates whose result depends on the order rows come in (first value kept, list order, ties). */
const ORDERED_AGGREGATES: readonly string[] = [
  "make_set",
  "make_list",
  "make_list_if",
  "makelist",
  "make_list_with_nulls",
  "make_bag",
  "make_bag_if",
  "make_dictionary",
  "arg_max",
  "arg_min",
  "take_any",
  "any",
  "take_anyif",
  "anyif",
  "make_set_if",
  "makeset",
];

/**
 * Mergeable aggregates whose pane-by-pane merge gives exactly the state of one pass over the window's rows (the
 * others merge within floating-point or sketch error, which would change alerts in the last digits).
 */
const EXACT_AGGREGATES: ReadonlySet<string> = new Set([
  "count",
  "countif",
  "sum",
  "sumif",
  "avg",
  "avgif",
  "min",
  "max",
  "minif",
  "maxif",
  "dcount",
  "dcountif",
  "count_distinct",
  "count_distinctif",
  "hll",
  "hll_if",
  "binary_all_or",
  "binary_all_and",
  "binary_all_xor",
  ...ORDERED_AGGREGATES,
]);

const ORDER_SENSITIVE: ReadonlySet<string> = new Set(ORDERED_AGGREGATES);

/**
 * Order-dependent aggregates whose partial states keep each value's place in the window order (query/functions:
 * `AggregateFunction.positional`), so that panes, and shares of the events computed apart, merge exactly in any
 * order. Every one of ORDERED_AGGREGATES is (a test holds the functions to it); one without a positional form
 * would run in batch. Over a union they still run in batch: a union lists its tables one after the other, an
 * order their places do not hold.
 */
export const POSITIONAL_AGGREGATES: ReadonlySet<string> = new Set(ORDERED_AGGREGATES);

/** Sums are exact over integers only (a sum of reals depends on how it is grouped). */
const SUMS: ReadonlySet<string> = new Set(["sum", "sumif", "avg", "avgif"]);
const EXACT_SUM_TYPES: ReadonlySet<string> = new Set(["long", "int", "timespan"]);

/**
 * Operators that map each row to zero or more rows on their own (no other row, no row order): they run per
 * event, and early firing (streams/detect) relies on the same list.
 */
export const ROW_WISE_OPERATORS: ReadonlySet<QueryOperatorNode["kind"]> = new Set([
  "Where",
  "Extend",
  "Project",
  "ProjectAway",
  "ProjectKeep",
  "ProjectRename",
  "ProjectReorder",
  "Parse",
  "ParseKv",
  "MvExpand",
]);

/** `join` kinds that emit, for each left row, its matches (or itself): row-wise against a fixed right side. */
const ROW_WISE_JOINS: ReadonlySet<string> = new Set([
  "inner",
  "leftouter",
  "leftsemi",
  "leftanti",
  "anti",
  "leftantisemi",
]);

const OPERATOR_WORDS: Partial<Record<QueryOperatorNode["kind"], string>> = {
  Join: "join",
  Lookup: "lookup",
  Top: "top",
  TopNested: "top-nested",
  Take: "take",
  MakeSeries: "make-series",
  Serialize: "serialize",
  Evaluate: "evaluate",
  Invoke: "invoke",
  Union: "union",
  Sample: "sample",
  SampleDistinct: "sample-distinct",
  As: "as",
  GetSchema: "getschema",
  Search: "search",
  Find: "find",
  Range: "range",
  Print: "print",
  Sort: "sort",
  Count: "count",
  Distinct: "distinct",
  MvApply: "mv-apply",
  Render: "render",
  Summarize: "summarize",
};

/** Expression kinds that can denote a table. */
const TABULAR_EXPRESSIONS: ReadonlySet<string> = new Set([
  "Pipe",
  "NameReference",
  "Parenthesized",
  "Datatable",
  "ExternalData",
  "FunctionCall",
  "Union",
]);

/** What of the instant may be read per event. */
const ONLY_BOUNDS = `only a bound on ${EVENT_TIME_COLUMN} by the instant and a constant time span`;

/** Functions whose value depends on the evaluation instant: an event's result would differ per window. */
const INSTANT_FUNCTIONS: ReadonlySet<string> = new Set(["now", "ago"]);

/** A table given inline (`datatable`, directly or through lets): a lookup against it is per row. */
function isConstantTable(expr: ExpressionNode, info: BoundInfo): boolean {
  if (expr.kind === "Datatable") return true;
  if (expr.kind === "Parenthesized") return isConstantTable(expr.expression, info);
  if (expr.kind === "NameReference") {
    const target = info.letTargets.get(expr);
    return target !== undefined && isConstantTable(target, info);
  }
  return false;
}

function word(op: QueryOperatorNode): string {
  return OPERATOR_WORDS[op.kind] ?? op.kind.toLowerCase();
}

interface Context {
  readonly info: BoundInfo;
  readonly functions: FunctionRegistry;
  /** Let names whose value depends on the evaluation instant. */
  readonly instantNames: ReadonlySet<string>;
  /** Scalar let values by name (event-time bounds may name them). */
  readonly lets: ReadonlyMap<string, ExpressionNode>;
}

/** Why an expression cannot be computed once per event, or undefined when it can. */
function expressionProblem(node: SyntaxNode, context: Context): string | undefined {
  let problem: string | undefined;
  const check = (n: SyntaxNode) => {
    if (problem !== undefined) return;
    if (n.kind === "FunctionCall") {
      const name = n.name.name.toLowerCase();
      if (INSTANT_FUNCTIONS.has(name)) {
        problem =
          `'${name}()' depends on the evaluation instant (${ONLY_BOUNDS}, such as 'where ${EVENT_TIME_COLUMN} ` +
          "> ago(1d)', runs per event)";
      } else if (context.functions.get(n.name.name)?.needsSerialized) {
        problem = `'${n.name.name}' needs the rows in order`;
      } else if (context.info.calls.has(n)) problem = `calls let function '${n.name.name}'`;
    } else if (
      n.kind === "NameReference" && context.instantNames.has(n.name) && !context.info.tables.has(n)
    ) {
      problem = `'${n.name}' depends on the evaluation instant (${ONLY_BOUNDS} runs per event)`;
    } else if (
      n !== node && TABULAR_EXPRESSIONS.has(n.kind) && context.info.tables.has(n as ExpressionNode)
    ) {
      problem = "a subquery";
    }
  };
  check(node);
  forEachDescendant(node, check);
  return problem;
}

/** Why an operator cannot run per event, or undefined when it can. */
function perEventProblem(op: QueryOperatorNode, context: Context): string | undefined {
  const problemIn = (nodes: readonly SyntaxNode[]) => {
    for (const n of nodes) {
      const p = expressionProblem(n, context);
      if (p !== undefined) return `${p} (in '${word(op)}')`;
    }
    return undefined;
  };
  if (ROW_WISE_OPERATORS.has(op.kind)) return problemIn([op]);
  if (op.kind === "Lookup" || op.kind === "Join") {
    if (!isConstantTable(op.right, context.info)) return `operator '${word(op)}' needs the whole window`;
    const kind = parameterValue(op.parameters, "kind") ??
      (op.kind === "Lookup" ? "leftouter" : "innerunique");
    if (op.kind === "Join" && !ROW_WISE_JOINS.has(kind)) return `join kind '${kind}' needs the whole window`;
    if (op.kind === "Lookup" && kind !== "leftouter" && kind !== "inner") {
      return `lookup kind '${kind}' needs the whole window`;
    }
    return problemIn([...op.on, ...(op.kind === "Join" && op.where ? [op.where] : [])]);
  }
  return `operator '${word(op)}' needs the whole window`;
}

/**
 * Why a `where` cannot run per event, or undefined when it can, with the conjuncts that bound the event time
 * (those are left to the leaf's window).
 */
function whereProblem(
  op: Extract<QueryOperatorNode, { kind: "Where" }>,
  input: ExpressionNode | QueryOperatorNode,
  context: Context,
): { problem?: string; filters: TimeFilter[] } {
  const columns = new Set((context.info.tables.get(input)?.columns ?? []).map((c) => c.name));
  const filters: TimeFilter[] = [];
  for (const conjunct of conjunctsOf(op.predicate)) {
    const filter = timeFilterOf(conjunct, { info: context.info, lets: context.lets, columns });
    if (filter !== undefined) {
      filters.push(filter);
      continue;
    }
    const p = expressionProblem(conjunct, context);
    if (p !== undefined) return { problem: `${p} (in 'where')`, filters };
  }
  return { filters };
}

/** Why a summarize cannot be kept per pane, or undefined when it can; `sensitive` when row order matters. */
function summarizeProblem(
  op: SummarizeOperatorNode,
  context: Context,
): { problem?: string; sensitive: boolean } {
  let sensitive = false;
  for (const key of op.by) {
    const p = expressionProblem(key, context);
    if (p !== undefined) return { problem: `${p} (in 'summarize')`, sensitive };
  }
  for (const aggregate of op.aggregates) {
    let problem: string | undefined;
    const check = (n: SyntaxNode) => {
      if (problem !== undefined || n.kind !== "FunctionCall") return;
      const fn = context.functions.get(n.name.name);
      if (fn?.kind !== "aggregate") return;
      const name = fn.name.toLowerCase();
      if (!MERGEABLE_AGGREGATES.has(name) && !EXACT_AGGREGATES.has(name)) {
        problem = `aggregate '${fn.name}' is not mergeable`;
      } else if (!EXACT_AGGREGATES.has(name)) {
        problem = `aggregate '${fn.name}' merges only approximately`;
      } else if (SUMS.has(name)) {
        const type = n.arguments[0] === undefined ? undefined : context.info.types.get(n.arguments[0]);
        if (type === undefined || !EXACT_SUM_TYPES.has(type)) {
          problem = `'${fn.name}' of a ${type ?? "dynamic"} value merges only approximately`;
        }
      }
      if (ORDER_SENSITIVE.has(name)) {
        sensitive = true;
        if (!POSITIONAL_AGGREGATES.has(name)) problem = `aggregate '${fn.name}' depends on row order`;
      }
    };
    check(aggregate);
    forEachDescendant(aggregate, check);
    if (problem !== undefined) return { problem, sensitive };
    const p = expressionProblem(aggregate, context);
    if (p !== undefined) return { problem: `${p} (in 'summarize')`, sensitive };
  }
  return { sensitive };
}

/** Let names whose value reads now()/ago(), directly or through an earlier such let. */
function instantLets(query: QueryNode): Set<string> {
  const names = new Set<string>();
  for (const statement of query.statements) {
    if (statement.kind !== "LetStatement") continue;
    let depends = false;
    const check = (n: SyntaxNode) => {
      if (n.kind === "FunctionCall" && INSTANT_FUNCTIONS.has(n.name.name.toLowerCase())) depends = true;
      if (n.kind === "NameReference" && names.has(n.name)) depends = true;
    };
    check(statement.value);
    forEachDescendant(statement.value, check);
    if (depends) names.add(statement.name.name);
  }
  return names;
}

/**
 * Decide incremental or batch for a bound query.
 *
 * @param query the syntax tree
 * @param options the bound information and the function registry
 * @returns the mode, a one-line reason, and the leaves of an incremental query
 */
export function classifyMode(
  query: QueryNode,
  options: { info: BoundInfo; functions: FunctionRegistry; period?: number },
): ModeDecision {
  const { info, functions } = options;
  const batch = (reason: string): ModeDecision => ({ mode: "batch", reason });
  const last = [...query.statements].reverse().find((s) => s.kind === "ExpressionStatement");
  if (last?.kind !== "ExpressionStatement") return batch("the query has no result expression");
  // A scalar let computed from a table (toscalar, subquery) needs the whole window first.
  for (const statement of query.statements) {
    if (statement.kind !== "LetStatement" || statement.value.kind === "FunctionDefinition") continue;
    if (info.tables.has(statement.value)) continue;
    let subquery = false;
    forEachDescendant(statement.value, (n) => {
      if (info.tables.has(n as ExpressionNode)) subquery = true;
    });
    if (subquery) return batch(`let '${statement.name.name}' is computed from a table`);
  }
  const lets = new Map<string, ExpressionNode>();
  for (const s of query.statements) {
    if (s.kind === "LetStatement" && s.value.kind !== "FunctionDefinition") lets.set(s.name.name, s.value);
  }
  const context: Context = { info, functions, instantNames: instantLets(query), lets };
  const references: { node: NameReferenceNode; parent: SyntaxNode; inFunction: boolean }[] = [];
  const parents = new Map<SyntaxNode, SyntaxNode>();
  let other: string | undefined;
  const walk = (node: SyntaxNode, inFunction: boolean) => {
    for (const value of Object.values(node)) {
      const items = Array.isArray(value) ? value : [value];
      for (const child of items) {
        if (child === null || typeof child !== "object" || !("kind" in child) || !("span" in child)) continue;
        visitChild(child as SyntaxNode, node, inFunction);
      }
    }
  };
  const visitChild = (child: SyntaxNode, parent: SyntaxNode, inFunction: boolean) => {
    parents.set(child, parent);
    if (child.kind === "WildcardName") other ??= "union with a wildcard";
    if (child.kind === "Search" || child.kind === "Find") {
      other ??= `'${child.kind.toLowerCase()}' reads every table`;
    }
    if (child.kind === "FunctionCall" && child.name.name === "table") other ??= "reads 'table()'";
    if (child.kind === "ExternalData") other ??= "reads external data";
    if (
      child.kind === "NameReference" && info.sources.has(child.name) && info.tables.has(child) &&
      !info.letTargets.has(child)
    ) {
      references.push({ node: child, parent, inFunction });
    }
    walk(child, inFunction || child.kind === "FunctionDefinition");
  };
  walk(query, false);
  const unique = references;
  if (other !== undefined) return batch(other);
  if (unique.length === 0) return batch("reads no table");
  const leaves: PlanLeaf[] = [];
  const unions = new Set<SyntaxNode>();
  for (const reference of unique) {
    const { node, inFunction } = reference;
    let parent = reference.parent;
    let source: ExpressionNode = node;
    let union: PlanLeaf["union"];
    // Event-time bounds count only while the column is the table's own.
    let eventTime = true;
    if (inFunction) return batch(`reads '${node.name}' inside a let function`);
    const unionNode = enclosingUnion(node, parent, parents);
    if (unionNode !== undefined) {
      // `union T1, (T2 | ...) | ...`: one leaf over the union, kept per branch (union order is branch order).
      if (unions.has(unionNode)) continue;
      const after = parents.get(unionNode);
      const u = unionSource(unionNode, {
        info,
        perEvent: (op, at) => {
          if (op.kind !== "Where" || !at.eventTime) {
            return { problem: perEventProblem(op, context), changesEventTime: changesEventTime(op, info) };
          }
          return whereProblem(op, at.input, context);
        },
      });
      if (typeof u !== "string" && after?.kind === "Pipe" && after.source === unionNode) {
        unions.add(unionNode);
        union = u;
        source = unionNode as ExpressionNode;
        parent = after;
        eventTime = !(u.branches ?? []).some((ops) => ops.some((op) => changesEventTime(op, info)));
      } else if (parent.kind === "Union") {
        return batch(typeof u === "string" ? u : `'${node.name}' is read whole`);
      }
    }
    if (parent.kind !== "Pipe" || parent.source !== source) {
      return batch(`'${node.name}' is read whole (no per-event operator follows it)`);
    }
    const operators: QueryOperatorNode[] = [];
    let problem: string | undefined;
    // The branches' event-time bounds (alike in every branch) apply to the whole union leaf.
    const timeFilters: TimeFilter[] = [...(union?.branchTimeFilters?.[0] ?? [])];
    for (const op of parent.operators) {
      if (op.kind === "Where" && eventTime) {
        const input = operators.length === 0 ? source : operators[operators.length - 1];
        const w = whereProblem(op, input, context);
        problem = w.problem;
        if (problem === undefined) timeFilters.push(...w.filters);
      } else problem = perEventProblem(op, context);
      if (problem !== undefined) break;
      if (changesEventTime(op, info)) eventTime = false;
      operators.push(op);
    }
    const next = parent.operators[operators.length];
    let summarize: SummarizeOperatorNode | undefined;
    if (next?.kind === "Summarize") {
      const s = summarizeProblem(next, context);
      if (s.problem === undefined && union !== undefined && s.sensitive) {
        problem = "aggregates that depend on row order over a union";
      } else if (s.problem === undefined) {
        summarize = next;
      } else problem = s.problem;
    }
    const branchWork = (union?.branches ?? []).some((ops) => ops.length > 0);
    if (operators.length === 0 && summarize === undefined && !branchWork) {
      return batch(problem ?? `'${node.name}' is read whole`);
    }
    const end = summarize ?? operators[operators.length - 1] ?? source;
    leaves.push({
      table: node.name,
      ...(union === undefined ? {} : { union }),
      source,
      span: { start: source.span.start, end: end.span.end },
      operators,
      summarize,
      ...(summarize === undefined && problem !== undefined ? { stop: problem } : {}),
      ...(timeFilters.length === 0 ? {} : { timeFilters }),
    });
  }
  leaves.sort((a, b) => a.span.start - b.span.start);
  return { mode: "incremental", reason: describe(leaves, options.period), leaves };
}

/** The union a table reference is a branch of (directly, or as the table of a branch's pipe). */
function enclosingUnion(
  node: SyntaxNode,
  parent: SyntaxNode,
  parents: ReadonlyMap<SyntaxNode, SyntaxNode>,
): SyntaxNode | undefined {
  if (parent.kind === "Union") return parent;
  if (parent.kind !== "Pipe" || parent.source !== node) return undefined;
  let branch: SyntaxNode = parent;
  let above = parents.get(branch);
  while (above?.kind === "Parenthesized") {
    branch = above;
    above = parents.get(above);
  }
  return above?.kind === "Union" && (above.tables as readonly SyntaxNode[]).includes(branch)
    ? above
    : undefined;
}

function describe(leaves: readonly PlanLeaf[], period: number | undefined): string {
  const parts = leaves.map((l) => {
    const filters = (l.timeFilters ?? []).map((f) => describeTimeFilter(f, period));
    return filters.length === 0 ? describeLeaf(l) : `${describeLeaf(l)} (${filters.join("; ")})`;
  });
  return `${parts.join("; ")}; the rest runs per instant over these partial results`;
}

function describeLeaf(l: PlanLeaf): string {
  const n = l.operators.length + (l.union?.branches ?? []).reduce((sum, ops) => sum + ops.length, 0);
  const ops = n === 0 ? "" : `${n} operator${n === 1 ? "" : "s"} per event`;
  const name = l.union === undefined ? l.table : `union ${l.union.tables.join(", ")}`;
  if (l.summarize !== undefined) return `${name}: ${ops}${ops ? ", " : ""}summarize per pane and key`;
  return `${name}: ${ops}${l.stop === undefined ? "" : ` (then ${l.stop}: per instant on the kept rows)`}`;
}
