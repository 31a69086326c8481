/**
 * The KQL syntax tree. Every node is a plain object with a `kind` discriminant and the `span` (UTF-16 offsets) of
 * the source text it was parsed from. Scalar and tabular expressions share one union, as in Kusto: whether
 * `(T | where x)` is a table or `a + 1` a scalar is the binder's business, not the parser's.
 *
 * Missing pieces never leave holes: the parser puts an `ErrorExpression` / `ErrorOperator` node where something
 * was expected and reports a KQL1xxx diagnostic, so later phases can walk a complete tree.
 *
 * Stability: other phases build on these names. Add kinds and optional fields; do not rename.
 */
import type { Span } from "../diagnostics/diagnostic.ts";

export type { Span };

/** Fields every node has. */
export interface NodeBase {
  readonly span: Span;
}

// ---------------------------------------------------------------------------------------------------------------
// Query and statements

/** A whole query: statements separated by `;`. The last expression statement is the query's result. */
export interface QueryNode extends NodeBase {
  readonly kind: "Query";
  readonly statements: readonly StatementNode[];
}

/** Any statement of a query or of a function body. */
export type StatementNode =
  | LetStatementNode
  | ExpressionStatementNode
  | DeclareQueryParametersStatementNode
  | SetStatementNode;

/** `let Name = value` where value is a scalar or tabular expression, or a function definition. */
export interface LetStatementNode extends NodeBase {
  readonly kind: "LetStatement";
  readonly name: NameNode;
  readonly value: ExpressionNode | FunctionDefinitionNode;
}

/** A tabular or scalar expression used as a statement (normally the query body). */
export interface ExpressionStatementNode extends NodeBase {
  readonly kind: "ExpressionStatement";
  readonly expression: ExpressionNode;
}

/** `declare query_parameters(name:type [= default], ...)`. */
export interface DeclareQueryParametersStatementNode extends NodeBase {
  readonly kind: "DeclareQueryParametersStatement";
  readonly parameters: readonly ParameterNode[];
}

/** `set name [= value]` (request options such as `set query_now = datetime(...)`). */
export interface SetStatementNode extends NodeBase {
  readonly kind: "SetStatement";
  /** Dotted option name as written, e.g. `notruncation` or `query_results_cache_max_age`. */
  readonly name: NameNode;
  readonly value: ExpressionNode | undefined;
}

/** `(a:string, b:long = 1, T:(*)) { statements; result }`, optionally written `view (...) { ... }`. */
export interface FunctionDefinitionNode extends NodeBase {
  readonly kind: "FunctionDefinition";
  readonly parameters: readonly ParameterNode[];
  /** The body's statements; the last expression statement is the result. */
  readonly body: readonly StatementNode[];
  /** Written with the `view` keyword. */
  readonly isView: boolean;
}

/** A function or query parameter. */
export interface ParameterNode extends NodeBase {
  readonly kind: "Parameter";
  readonly name: NameNode;
  readonly type: TypeNode;
  readonly defaultValue: ExpressionNode | undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Names and types

/** A declared name (let name, parameter, column declaration, assignment target). */
export interface NameNode extends NodeBase {
  readonly kind: "Name";
  /** The name without brackets or quotes. */
  readonly name: string;
  /** Written as `['name']` or `["name"]`. */
  readonly bracketed: boolean;
}

/** A type annotation. */
export type TypeNode = ScalarTypeNode | TabularTypeNode;

/** A scalar type name as written (`string`, `long`, `dynamic`, `bool`, `datetime`, aliases like `double`). */
export interface ScalarTypeNode extends NodeBase {
  readonly kind: "ScalarType";
  readonly name: string;
}

/** A tabular parameter type `(*)` or `(a:string, b:long)` or `(a:string, *)`. */
export interface TabularTypeNode extends NodeBase {
  readonly kind: "TabularType";
  readonly columns: readonly ColumnDeclarationNode[];
  /** Contains `*`: any further columns are allowed. */
  readonly open: boolean;
}

/** `name:type` in datatable, externaldata, parse-kv and tabular parameter types. */
export interface ColumnDeclarationNode extends NodeBase {
  readonly kind: "ColumnDeclaration";
  readonly name: NameNode;
  readonly type: ScalarTypeNode;
}

// ---------------------------------------------------------------------------------------------------------------
// Expressions

/** Every expression: scalar forms, tabular sources and the pipe. */
export type ExpressionNode =
  | LiteralNode
  | NameReferenceNode
  | WildcardNameNode
  | StarNode
  | ParenthesizedNode
  | UnaryNode
  | BinaryNode
  | InNode
  | BetweenNode
  | FunctionCallNode
  | MemberAccessNode
  | ElementAccessNode
  | NamedExpressionNode
  | TypeOfNode
  | DatatableNode
  | ExternalDataNode
  | PipeNode
  | LeadingOperatorNode
  | ErrorExpressionNode;

/** Kusto literal types, i.e. the scalar types. */
export type LiteralType =
  | "bool"
  | "int"
  | "long"
  | "real"
  | "decimal"
  | "string"
  | "datetime"
  | "timespan"
  | "guid"
  | "dynamic";

/** A JSON value, the content of a `dynamic(...)` literal. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | {
  readonly [key: string]: JsonValue;
};

/**
 * A literal. `value` follows the run-time value model (docs/decisions/0001-value-model.md): numbers for
 * int/long/real/decimal (NaN and ±Infinity for `real(nan)`, `real(+inf)`), microseconds for datetime and timespan,
 * strings for string and guid, a JSON value for dynamic, and `null` for typed nulls such as `long(null)`.
 */
export interface LiteralNode extends NodeBase {
  readonly kind: "Literal";
  readonly type: LiteralType;
  readonly value: JsonValue;
  /** The literal exactly as written (for strings: all adjacent parts, quotes included). */
  readonly text: string;
}

/** A reference to a column, let name, parameter or table: `x`, `['a b']`, `$left`, `$right`. */
export interface NameReferenceNode extends NodeBase {
  readonly kind: "NameReference";
  readonly name: string;
  readonly bracketed: boolean;
}

/** A name pattern with `*` wildcards (`union Device*`, `project-away Extra*`). */
export interface WildcardNameNode extends NodeBase {
  readonly kind: "WildcardName";
  /** The pattern as written, e.g. `Device*Events`. */
  readonly pattern: string;
}

/** A bare `*` (e.g. `arg_max(TimeGenerated, *)`, `distinct *`, `search * has "x"`). */
export interface StarNode extends NodeBase {
  readonly kind: "Star";
}

/** `( expression )`; kept so that spans and printing follow the source. */
export interface ParenthesizedNode extends NodeBase {
  readonly kind: "Parenthesized";
  readonly expression: ExpressionNode;
}

/** Prefix `-` or `+`. (`not` is a function in KQL.) */
export interface UnaryNode extends NodeBase {
  readonly kind: "Unary";
  readonly operator: "-" | "+";
  readonly operand: ExpressionNode;
}

/** Binary operators, spelled as in KQL but lower-cased (`matches regex` with one space). */
export const BINARY_OPERATORS = [
  "or",
  "and",
  "==",
  "!=",
  "<>",
  "<",
  "<=",
  ">",
  ">=",
  "=~",
  "!~",
  "has",
  "!has",
  "has_cs",
  "!has_cs",
  "hasprefix",
  "!hasprefix",
  "hasprefix_cs",
  "!hasprefix_cs",
  "hassuffix",
  "!hassuffix",
  "hassuffix_cs",
  "!hassuffix_cs",
  "contains",
  "!contains",
  "contains_cs",
  "!contains_cs",
  "containscs",
  "!containscs",
  "startswith",
  "!startswith",
  "startswith_cs",
  "!startswith_cs",
  "endswith",
  "!endswith",
  "endswith_cs",
  "!endswith_cs",
  "matches regex",
  "like",
  "notlike",
  "likecs",
  "notlikecs",
  "+",
  "-",
  "*",
  "/",
  "%",
  ":",
] as const;

/** One of {@link BINARY_OPERATORS}. `:` is the `Column:"term"` form of `search`. */
export type BinaryOperator = typeof BINARY_OPERATORS[number];

/** `left op right`. */
export interface BinaryNode extends NodeBase {
  readonly kind: "Binary";
  readonly operator: BinaryOperator;
  readonly left: ExpressionNode;
  readonly right: ExpressionNode;
}

/** List-membership operators. */
export type InOperator =
  | "in"
  | "!in"
  | "in~"
  | "!in~"
  | "has_any"
  | "has_all"
  | "has_any_cs"
  | "has_all_cs";

/**
 * `left in (a, b, c)`; the list may hold scalars, a dynamic array, or one tabular expression
 * (`x in (T | project y)`), which the binder tells apart.
 */
export interface InNode extends NodeBase {
  readonly kind: "In";
  readonly operator: InOperator;
  readonly left: ExpressionNode;
  readonly values: readonly ExpressionNode[];
}

/** `left between (low .. high)` and `!between`. */
export interface BetweenNode extends NodeBase {
  readonly kind: "Between";
  readonly negated: boolean;
  readonly left: ExpressionNode;
  readonly low: ExpressionNode;
  readonly high: ExpressionNode;
}

/**
 * `name(args)`: built-in, aggregate, let-defined or stored function, also `materialize(...)`, `toscalar(...)`,
 * `table('T')`. Named arguments appear as {@link NamedExpressionNode}.
 */
export interface FunctionCallNode extends NodeBase {
  readonly kind: "FunctionCall";
  readonly name: NameNode;
  readonly arguments: readonly ExpressionNode[];
}

/** `target.member` (dynamic path or `$left.Column`). */
export interface MemberAccessNode extends NodeBase {
  readonly kind: "MemberAccess";
  readonly target: ExpressionNode;
  readonly member: NameNode;
}

/** `target[index]` (`a['x']`, `a[0]`, `a[-1]`). */
export interface ElementAccessNode extends NodeBase {
  readonly kind: "ElementAccess";
  readonly target: ExpressionNode;
  readonly index: ExpressionNode;
}

/**
 * `Name = expression` in extend/project/summarize/print and named arguments, and the tuple form
 * `(a, b) = expression` (then `names` has several entries).
 */
export interface NamedExpressionNode extends NodeBase {
  readonly kind: "NamedExpression";
  readonly names: readonly NameNode[];
  readonly expression: ExpressionNode;
}

/** `typeof(string)` (mv-expand/mv-apply `to typeof(...)`). */
export interface TypeOfNode extends NodeBase {
  readonly kind: "TypeOf";
  readonly type: ScalarTypeNode;
}

/** `datatable(a:string, b:long) [ 'x', 1, 'y', 2 ]`; values are row-major. */
export interface DatatableNode extends NodeBase {
  readonly kind: "Datatable";
  readonly parameters: readonly OperatorParameterNode[];
  readonly columns: readonly ColumnDeclarationNode[];
  readonly values: readonly ExpressionNode[];
}

/** `externaldata(a:string) [ "url", ... ] with (format="csv", ...)`. */
export interface ExternalDataNode extends NodeBase {
  readonly kind: "ExternalData";
  readonly parameters: readonly OperatorParameterNode[];
  readonly columns: readonly ColumnDeclarationNode[];
  readonly uris: readonly ExpressionNode[];
  readonly properties: readonly OperatorParameterNode[];
}

/** `source | op | op ...`. Nested pipes are flattened into one list, left to right. */
export interface PipeNode extends NodeBase {
  readonly kind: "Pipe";
  readonly source: ExpressionNode;
  readonly operators: readonly QueryOperatorNode[];
}

/** A placeholder where an expression was required but missing or unreadable (a diagnostic was reported). */
export interface ErrorExpressionNode extends NodeBase {
  readonly kind: "ErrorExpression";
}

// ---------------------------------------------------------------------------------------------------------------
// Query operators

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

/** The `count` operator (`| count`, optionally `| count as Name`). */
export interface CountOperatorNode extends NodeBase {
  readonly kind: "Count";
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

/** Every node kind. */
export type SyntaxNode =
  | QueryNode
  | StatementNode
  | FunctionDefinitionNode
  | ParameterNode
  | NameNode
  | TypeNode
  | ColumnDeclarationNode
  | ExpressionNode
  | OperatorParameterNode
  | QueryOperatorNode
  | SortExpressionNode
  | TopNestedClauseNode
  | ParseCaptureNode
  | MvExpandItemNode
  | MakeSeriesAggregateNode;

/** The `kind` of any node. */
export type SyntaxKind = SyntaxNode["kind"];
