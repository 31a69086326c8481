/**
 * Syntax tree nodes for tabular query operators (everything that can follow `|`), split out of ast.ts to keep
 * files small. Import them from ast.ts or mod.ts like every other node type.
 */
import type {
  ColumnDeclarationNode,
  ExpressionNode,
  FunctionCallNode,
  LiteralNode,
  NameNode,
  NodeBase,
  ScalarTypeNode,
  StarNode,
} from "./ast.ts";

/** `name=value` operator options: `kind=inner`, `hint.strategy=shuffle`, `withsource=T`, `isfuzzy=true`, ... */
export interface OperatorParameterNode extends NodeBase {
  readonly kind: "OperatorParameter";
  /** Lower-cased as written, e.g. `kind`, `hint.strategy`, `with_itemindex`. */
  readonly name: string;
  /** A literal, or a NameReference for bare words such as `inner` or a column name. */
  readonly value: ExpressionNode;
}

/** Operators that can also start a tabular expression (`union A, B`, `range x from ...`, `print 1`). */
export type LeadingOperatorNode =
  | UnionOperatorNode
  | RangeOperatorNode
  | PrintOperatorNode
  | SearchOperatorNode
  | FindOperatorNode
  | EvaluateOperatorNode;

/** Every tabular operator that can follow `|`. */
export type QueryOperatorNode =
  | WhereOperatorNode
  | ExtendOperatorNode
  | ProjectOperatorNode
  | ProjectAwayOperatorNode
  | ProjectKeepOperatorNode
  | ProjectRenameOperatorNode
  | ProjectReorderOperatorNode
  | SummarizeOperatorNode
  | TopOperatorNode
  | TopNestedOperatorNode
  | SortOperatorNode
  | TakeOperatorNode
  | DistinctOperatorNode
  | CountOperatorNode
  | JoinOperatorNode
  | LookupOperatorNode
  | ParseOperatorNode
  | ParseKvOperatorNode
  | MvExpandOperatorNode
  | MvApplyOperatorNode
  | MakeSeriesOperatorNode
  | SerializeOperatorNode
  | AsOperatorNode
  | InvokeOperatorNode
  | RenderOperatorNode
  | GetSchemaOperatorNode
  | SampleOperatorNode
  | SampleDistinctOperatorNode
  | LeadingOperatorNode
  | ErrorOperatorNode;

/** `where predicate` / `filter predicate`. */
export interface WhereOperatorNode extends NodeBase {
  readonly kind: "Where";
  readonly keyword: "where" | "filter";
  readonly predicate: ExpressionNode;
}

/** `extend a = x, b, (c, d) = f()`. */
export interface ExtendOperatorNode extends NodeBase {
  readonly kind: "Extend";
  readonly expressions: readonly ExpressionNode[];
}

/** `project a, b = x`. */
export interface ProjectOperatorNode extends NodeBase {
  readonly kind: "Project";
  readonly expressions: readonly ExpressionNode[];
}

/** `project-away a, b*`. */
export interface ProjectAwayOperatorNode extends NodeBase {
  readonly kind: "ProjectAway";
  readonly columns: readonly ExpressionNode[];
}

/** `project-keep a, b*`. */
export interface ProjectKeepOperatorNode extends NodeBase {
  readonly kind: "ProjectKeep";
  readonly columns: readonly ExpressionNode[];
}

/** `project-rename New = Old, ...`. */
export interface ProjectRenameOperatorNode extends NodeBase {
  readonly kind: "ProjectRename";
  readonly expressions: readonly ExpressionNode[];
}

/** `project-reorder a, b* asc, c`. */
export interface ProjectReorderOperatorNode extends NodeBase {
  readonly kind: "ProjectReorder";
  readonly columns: readonly SortExpressionNode[];
}

/** `summarize [hint.x=y] aggregates [by keys]`. */
export interface SummarizeOperatorNode extends NodeBase {
  readonly kind: "Summarize";
  readonly parameters: readonly OperatorParameterNode[];
  readonly aggregates: readonly ExpressionNode[];
  readonly by: readonly ExpressionNode[];
}

/** `expr [asc|desc] [nulls first|last]`: `direction`/`nulls` undefined when not written. */
export interface SortExpressionNode extends NodeBase {
  readonly kind: "SortExpression";
  readonly expression: ExpressionNode;
  readonly direction: "asc" | "desc" | undefined;
  readonly nulls: "first" | "last" | undefined;
}

/** `top N by expr [asc|desc] [nulls ...]`. */
export interface TopOperatorNode extends NodeBase {
  readonly kind: "Top";
  readonly parameters: readonly OperatorParameterNode[];
  readonly count: ExpressionNode;
  readonly by: SortExpressionNode;
}

/** One level of `top-nested [N] of Expr [with others = V] by Agg [asc|desc]`. */
export interface TopNestedClauseNode extends NodeBase {
  readonly kind: "TopNestedClause";
  readonly count: ExpressionNode | undefined;
  readonly of: ExpressionNode;
  readonly withOthers: ExpressionNode | undefined;
  readonly by: ExpressionNode;
  readonly direction: "asc" | "desc" | undefined;
}

/** `top-nested ... , top-nested ...`. */
export interface TopNestedOperatorNode extends NodeBase {
  readonly kind: "TopNested";
  readonly clauses: readonly TopNestedClauseNode[];
}

/** `sort by ...` / `order by ...`. */
export interface SortOperatorNode extends NodeBase {
  readonly kind: "Sort";
  readonly keyword: "sort" | "order";
  readonly parameters: readonly OperatorParameterNode[];
  readonly expressions: readonly SortExpressionNode[];
}

/** `take N` / `limit N`. */
export interface TakeOperatorNode extends NodeBase {
  readonly kind: "Take";
  readonly keyword: "take" | "limit";
  readonly parameters: readonly OperatorParameterNode[];
  readonly count: ExpressionNode;
}

/** `distinct a, b` or `distinct *`. */
export interface DistinctOperatorNode extends NodeBase {
  readonly kind: "Distinct";
  readonly parameters: readonly OperatorParameterNode[];
  readonly columns: readonly ExpressionNode[];
}

/** The `count` operator (`| count`); its result column is `Count`. */
export interface CountOperatorNode extends NodeBase {
  readonly kind: "Count";
  /** Always undefined from the parser: Kusto's `count` takes no name (rename with `project-rename`). */
  readonly asName: NameNode | undefined;
}

/** `join [kind=..] [hint.x=..] right on keys`. */
export interface JoinOperatorNode extends NodeBase {
  readonly kind: "Join";
  readonly parameters: readonly OperatorParameterNode[];
  readonly right: ExpressionNode;
  /** `on` conditions, comma-separated: column names, `$left.a == $right.b`, or `and`-combined conditions. */
  readonly on: readonly ExpressionNode[];
  /** The `join ... where predicate` form (instead of `on`), as in `join kind=inner (T) where a has b`. */
  readonly where?: ExpressionNode;
}

/** `lookup [kind=..] right on keys`. */
export interface LookupOperatorNode extends NodeBase {
  readonly kind: "Lookup";
  readonly parameters: readonly OperatorParameterNode[];
  readonly right: ExpressionNode;
  readonly on: readonly ExpressionNode[];
}

/** `union [kind=..] [withsource=..] [isfuzzy=..] A, B*, (subquery)`. */
export interface UnionOperatorNode extends NodeBase {
  readonly kind: "Union";
  readonly parameters: readonly OperatorParameterNode[];
  readonly tables: readonly ExpressionNode[];
}

/** One piece of a `parse` pattern: a string literal, a capture `Name[:type]`, or `*`. */
export type ParsePatternPartNode = LiteralNode | ParseCaptureNode | StarNode;

/** A capture in a `parse` pattern: `Name` or `Name:type`. */
export interface ParseCaptureNode extends NodeBase {
  readonly kind: "ParseCapture";
  readonly name: NameNode;
  readonly type: ScalarTypeNode | undefined;
}

/** `parse [kind=simple|regex|relaxed] [flags=..] source with pattern` and `parse-where`. */
export interface ParseOperatorNode extends NodeBase {
  readonly kind: "Parse";
  readonly keyword: "parse" | "parse-where";
  readonly parameters: readonly OperatorParameterNode[];
  readonly source: ExpressionNode;
  readonly pattern: readonly ParsePatternPartNode[];
}

/** `parse-kv source as (a:string, ...) [with (pair_delimiter=.., ...)]`. */
export interface ParseKvOperatorNode extends NodeBase {
  readonly kind: "ParseKv";
  readonly source: ExpressionNode;
  readonly columns: readonly ColumnDeclarationNode[];
  readonly properties: readonly OperatorParameterNode[];
}

/** One column of mv-expand/mv-apply: `[Name =] expr [to typeof(T)]`. */
export interface MvExpandItemNode extends NodeBase {
  readonly kind: "MvExpandItem";
  readonly expression: ExpressionNode;
  readonly toType: ScalarTypeNode | undefined;
}

/** `mv-expand [bagexpansion=..] [with_itemindex=..] items [limit N]`. */
export interface MvExpandOperatorNode extends NodeBase {
  readonly kind: "MvExpand";
  readonly parameters: readonly OperatorParameterNode[];
  readonly items: readonly MvExpandItemNode[];
  readonly limit: ExpressionNode | undefined;
}

/**
 * `mv-apply [params] items [limit N] [id=..] on ( subquery )`. The subquery has no source: its operators apply
 * to each row's expanded sub-table.
 */
export interface MvApplyOperatorNode extends NodeBase {
  readonly kind: "MvApply";
  readonly parameters: readonly OperatorParameterNode[];
  readonly items: readonly MvExpandItemNode[];
  readonly limit: ExpressionNode | undefined;
  readonly subquery: readonly QueryOperatorNode[];
}

/** One aggregate of make-series: `[Name =] agg [default = value]`. */
export interface MakeSeriesAggregateNode extends NodeBase {
  readonly kind: "MakeSeriesAggregate";
  readonly expression: ExpressionNode;
  readonly defaultValue: ExpressionNode | undefined;
}

/** `make-series aggs on Axis [from a] [to b] step s | in range(a, b, s) [by keys]`. */
export interface MakeSeriesOperatorNode extends NodeBase {
  readonly kind: "MakeSeries";
  readonly parameters: readonly OperatorParameterNode[];
  readonly aggregates: readonly MakeSeriesAggregateNode[];
  readonly on: ExpressionNode;
  readonly from: ExpressionNode | undefined;
  readonly to: ExpressionNode | undefined;
  readonly step: ExpressionNode | undefined;
  /** The `in range(from, to, step)` form (then from/to/step are undefined). */
  readonly inRange: ExpressionNode | undefined;
  readonly by: readonly ExpressionNode[];
}

/** `evaluate [hint..] plugin(args)`. */
export interface EvaluateOperatorNode extends NodeBase {
  readonly kind: "Evaluate";
  readonly parameters: readonly OperatorParameterNode[];
  readonly plugin: FunctionCallNode;
}

/** `serialize [Name = expr, ...]`. */
export interface SerializeOperatorNode extends NodeBase {
  readonly kind: "Serialize";
  readonly expressions: readonly ExpressionNode[];
}

/** `as [hint.materialized=true] Name`. */
export interface AsOperatorNode extends NodeBase {
  readonly kind: "As";
  readonly parameters: readonly OperatorParameterNode[];
  readonly name: NameNode;
}

/** `invoke f(args)`: calls a tabular function with the pipe input as first argument. */
export interface InvokeOperatorNode extends NodeBase {
  readonly kind: "Invoke";
  readonly call: FunctionCallNode;
}

/** `range Name from a to b step c`. */
export interface RangeOperatorNode extends NodeBase {
  readonly kind: "Range";
  readonly column: NameNode;
  readonly from: ExpressionNode;
  readonly to: ExpressionNode;
  readonly step: ExpressionNode;
}

/** `print a, b = x`. */
export interface PrintOperatorNode extends NodeBase {
  readonly kind: "Print";
  readonly expressions: readonly ExpressionNode[];
}

/** `render chart [with (prop = value, ...)]` (older `kind=stacked` style parameters land in `properties` too). */
export interface RenderOperatorNode extends NodeBase {
  readonly kind: "Render";
  readonly chart: NameNode;
  readonly properties: readonly OperatorParameterNode[];
}

/** `getschema`. */
export interface GetSchemaOperatorNode extends NodeBase {
  readonly kind: "GetSchema";
}

/** `sample N`. */
export interface SampleOperatorNode extends NodeBase {
  readonly kind: "Sample";
  readonly count: ExpressionNode;
}

/** `sample-distinct N of Column`. */
export interface SampleDistinctOperatorNode extends NodeBase {
  readonly kind: "SampleDistinct";
  readonly count: ExpressionNode;
  readonly of: ExpressionNode;
}

/** `search [kind=case_sensitive] [in (T1, T2)] predicate`. */
export interface SearchOperatorNode extends NodeBase {
  readonly kind: "Search";
  readonly parameters: readonly OperatorParameterNode[];
  readonly tables: readonly ExpressionNode[];
  readonly predicate: ExpressionNode;
}

/** `find [withsource=..] [in (T1, T2)] where predicate [project a, b | project-smart]`. */
export interface FindOperatorNode extends NodeBase {
  readonly kind: "Find";
  readonly parameters: readonly OperatorParameterNode[];
  readonly tables: readonly ExpressionNode[];
  readonly predicate: ExpressionNode;
  /** `project` columns; empty for none; a single Star for `project-smart`. */
  readonly project: readonly ExpressionNode[];
}

/** A placeholder where an operator was expected or could not be read (a diagnostic was reported). */
export interface ErrorOperatorNode extends NodeBase {
  readonly kind: "ErrorOperator";
  /** The operator word as written, when there was one. */
  readonly name: string;
}
