/**
 * A first, simple decision of how a rule query runs (DESIGN.md "Incremental plan"): `incremental` when it
 * reads one table or a union of tables through stateless operators and at most one `summarize` of mergeable
 * aggregates (then stateless operators again); `batch` otherwise, with the reason. The streams planner
 * refines this; `kql explain` and `rules validate` report it.
 */
import type { ExpressionNode, QueryNode, QueryOperatorNode, SyntaxNode } from "../syntax/mod.ts";
import type { FunctionRegistry } from "../symbols/mod.ts";
import type { BoundInfo } from "./binder.ts";

/** How a query runs, and why. */
export interface ModeDecision {
  readonly mode: "incremental" | "batch";
  readonly reason: string;
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

const STATELESS: ReadonlySet<QueryOperatorNode["kind"]> = new Set([
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
  "Render",
  // Ordering only changes the order of a window's result rows, not which rows it has or how many.
  "Sort",
  // mv-apply runs its subquery on each row's own expanded values: row-local.
  "MvApply",
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

/** Visit every node below `node` (not `node` itself). */
export function forEachDescendant(node: SyntaxNode, visit: (child: SyntaxNode) => void): void {
  for (const value of Object.values(node)) {
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      if (item !== null && typeof item === "object" && "kind" in item && "span" in item) {
        visit(item as SyntaxNode);
        forEachDescendant(item as SyntaxNode, visit);
      }
    }
  }
}

/** A pipeline flattened through tabular `let`s: its tables and operators in order. */
interface Flat {
  readonly sources: string[];
  readonly operators: QueryOperatorNode[];
}

function flatten(expr: ExpressionNode, info: BoundInfo): Flat | string {
  switch (expr.kind) {
    case "Parenthesized":
      return flatten(expr.expression, info);
    case "NameReference": {
      const target = info.letTargets.get(expr);
      if (target !== undefined) return flatten(target, info);
      if (info.sources.has(expr.name)) return { sources: [expr.name], operators: [] };
      return `'${expr.name}' is not a table`;
    }
    case "Pipe": {
      const source = flatten(expr.source, info);
      if (typeof source === "string") return source;
      return { sources: source.sources, operators: [...source.operators, ...expr.operators] };
    }
    case "Union": {
      const sources: string[] = [];
      for (const t of expr.tables) {
        if (t.kind === "WildcardName") return "union with a wildcard";
        const branch = flatten(t, info);
        if (typeof branch === "string") return branch;
        if (branch.operators.some((op) => !STATELESS.has(op.kind))) return "a union branch is not stateless";
        sources.push(...branch.sources);
      }
      return { sources, operators: [] };
    }
    case "FunctionCall":
      // materialize() only caches its argument: the pipeline is the argument's.
      if (expr.name.name === "materialize" && expr.arguments.length === 1) {
        return flatten(expr.arguments[0], info);
      }
      {
        // A let function is inlined: its pipeline is the body's result expression.
        const definition = info.calls.get(expr);
        if (definition === undefined) return `reads '${expr.name.name}'`;
        const last = [...definition.body].reverse().find((s) => s.kind === "ExpressionStatement");
        if (last?.kind !== "ExpressionStatement") return "calls a let function without a result";
        return flatten(last.expression, info);
      }
    default:
      return `reads a ${expr.kind.toLowerCase()} expression`;
  }
}

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

/**
 * Decide incremental or batch for a bound query.
 *
 * @param query the syntax tree
 * @param options the bound information and the function registry
 * @returns the mode and a one-line reason
 */
export function classifyMode(
  query: QueryNode,
  options: { info: BoundInfo; functions: FunctionRegistry },
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
  const flat = flatten(last.expression, info);
  if (typeof flat === "string") return batch(flat);
  if (flat.sources.length === 0) return batch("reads no table");
  let summarized = false;
  for (const op of flat.operators) {
    let ordered: string | undefined;
    forEachDescendant(op, (n) => {
      if (n.kind === "FunctionCall" && functions.get(n.name.name)?.needsSerialized) ordered ??= n.name.name;
    });
    if (ordered !== undefined) return batch(`'${ordered}' needs the rows in order`);
    let subquery = false;
    forEachDescendant(op, (n) => {
      // A tabular expression inside the operator (not the operators of an mv-apply subquery, which are
      // recorded with their row-local schemas too).
      if (TABULAR_EXPRESSIONS.has(n.kind) && info.tables.has(n as ExpressionNode)) subquery = true;
    });
    if (subquery && STATELESS.has(op.kind)) return batch(`a subquery inside '${op.kind.toLowerCase()}'`);
    if (STATELESS.has(op.kind)) continue;
    if (op.kind === "Lookup" && isConstantTable(op.right, info)) continue;
    if (op.kind === "Count" || op.kind === "Distinct") {
      // `count` is `summarize count()`, `distinct` is `summarize by` its columns: both merge.
      if (summarized) return batch("more than one summarize");
      summarized = true;
      continue;
    }
    if (op.kind === "Summarize") {
      if (summarized) return batch("more than one summarize");
      summarized = true;
      let unmergeable: string | undefined;
      for (const aggregate of op.aggregates) {
        const check = (n: SyntaxNode) => {
          if (n.kind !== "FunctionCall") return;
          const fn = functions.get(n.name.name);
          if (fn?.kind === "aggregate" && !MERGEABLE_AGGREGATES.has(fn.name)) unmergeable ??= fn.name;
        };
        check(aggregate);
        forEachDescendant(aggregate, check);
      }
      if (unmergeable !== undefined) return batch(`aggregate '${unmergeable}' is not mergeable`);
      continue;
    }
    return batch(`operator '${OPERATOR_WORDS[op.kind] ?? op.kind}' needs the whole window`);
  }
  const what = flat.sources.length === 1
    ? `one table (${flat.sources[0]})`
    : `a union of ${flat.sources.length} tables`;
  return {
    mode: "incremental",
    reason: summarized
      ? `stateless operators and a summarize of mergeable aggregates over ${what}`
      : `stateless operators over ${what}`,
  };
}
