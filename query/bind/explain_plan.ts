/**
 * A readable summary of a bound query for `kql explain`: the result schema, the tables read, the pipeline
 * flattened through tabular `let`s with each step's output columns, and the incremental/batch decision.
 */
import type { ExpressionNode, QueryOperatorNode } from "../syntax/mod.ts";
import type { ColumnSchema } from "../symbols/mod.ts";
import type { QueryAnalysis } from "./analyze_query.ts";
import type { BoundInfo } from "./binder.ts";

/** One step of the explained pipeline. */
export interface PlanStep {
  /** `source` for a table or let, else the operator keyword (`where`, `summarize`, ...). */
  readonly op: string;
  /** The table or let name of a source step. */
  readonly name?: string;
  /** How many columns this step outputs. */
  readonly columnCount: number;
  /** Output column names after this step, when there are at most {@linkcode LISTED_COLUMNS}. */
  readonly columns?: readonly string[];
  /** Nested pipelines (join/lookup right side, union branches). */
  readonly inputs?: readonly (readonly PlanStep[])[];
}

/** One leaf of an incremental plan: what runs per event as a table's events arrive. */
export interface PlanLeafStep {
  /** The table, or the tables of a `union`. */
  readonly tables: readonly string[];
  /** The operators run once per event. */
  readonly perEvent: readonly string[];
  /** Whether a summarize is kept as partial aggregates per pane and group key. */
  readonly summarize: boolean;
}

/** The explanation of a query. */
export interface QueryPlan {
  readonly mode: "incremental" | "batch";
  readonly reason: string;
  /** The leaves of an incremental plan (the rest runs per instant over their results). */
  readonly leaves?: readonly PlanLeafStep[];
  readonly schema: readonly ColumnSchema[];
  readonly sources: readonly string[];
  readonly steps: readonly PlanStep[];
}

const WORDS: Record<string, string> = {
  ProjectAway: "project-away",
  ProjectKeep: "project-keep",
  ProjectRename: "project-rename",
  ProjectReorder: "project-reorder",
  TopNested: "top-nested",
  MakeSeries: "make-series",
  MvExpand: "mv-expand",
  MvApply: "mv-apply",
  ParseKv: "parse-kv",
  GetSchema: "getschema",
  SampleDistinct: "sample-distinct",
};

function word(kind: string): string {
  return WORDS[kind] ?? kind.toLowerCase();
}

/** Steps list their columns only up to this many, so that a source table does not flood the output. */
export const LISTED_COLUMNS = 20;

function names(
  info: BoundInfo,
  node: ExpressionNode | QueryOperatorNode,
): { columnCount: number; columns?: string[] } {
  const columns = info.tables.get(node)?.columns.map((c) => c.name) ?? [];
  return columns.length <= LISTED_COLUMNS
    ? { columnCount: columns.length, columns }
    : { columnCount: columns.length };
}

function steps(expr: ExpressionNode, info: BoundInfo, depth: number): PlanStep[] {
  if (depth > 16) return [];
  switch (expr.kind) {
    case "Parenthesized":
      return steps(expr.expression, info, depth + 1);
    case "NameReference": {
      const target = info.letTargets.get(expr);
      if (target !== undefined) return steps(target, info, depth + 1);
      return [{ op: "source", name: expr.name, ...names(info, expr) }];
    }
    case "Pipe":
      return [
        ...steps(expr.source, info, depth + 1),
        ...expr.operators.map((op) => operatorStep(op, info, depth)),
      ];
    case "Union":
      return [{
        op: "union",
        ...names(info, expr),
        inputs: expr.tables.map((t) => steps(t, info, depth + 1)),
      }];
    default:
      return [{ op: word(expr.kind), ...names(info, expr) }];
  }
}

function operatorStep(op: QueryOperatorNode, info: BoundInfo, depth: number): PlanStep {
  const columns = names(info, op);
  if (op.kind === "Join" || op.kind === "Lookup") {
    return { op: word(op.kind), ...columns, inputs: [steps(op.right, info, depth + 1)] };
  }
  if (op.kind === "Union") {
    return { op: "union", ...columns, inputs: op.tables.map((t) => steps(t, info, depth + 1)) };
  }
  return { op: word(op.kind), ...columns };
}

/**
 * Explain an analysed query.
 *
 * @param analysis the result of `analyzeQuery`
 * @returns the plan summary (empty steps when the query did not bind)
 */
export function explainPlan(analysis: QueryAnalysis): QueryPlan {
  const bound = analysis.bound;
  const last = [...analysis.query.statements].reverse().find((s) => s.kind === "ExpressionStatement");
  const result = bound?.result;
  const schema = result?.kind === "tabular"
    ? result.table.columns
    : result?.kind === "scalar"
    ? [{ name: "print_0", type: result.type }]
    : [];
  const leaves = analysis.mode.leaves?.map((l) => ({
    tables: l.union?.tables ?? [l.table],
    perEvent: l.operators.map((op) => word(op.kind)),
    summarize: l.summarize !== undefined,
  }));
  return {
    mode: analysis.mode.mode,
    reason: analysis.mode.reason,
    ...(leaves === undefined ? {} : { leaves }),
    schema,
    sources: bound === undefined ? [] : [...bound.info.sources],
    steps: bound === undefined || last?.kind !== "ExpressionStatement"
      ? []
      : steps(last.expression, bound.info, 0),
  };
}
