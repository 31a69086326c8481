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
import type {
  LeadingOperatorNode,
  MakeSeriesAggregateNode,
  MvExpandItemNode,
  OperatorParameterNode,
  ParseCaptureNode,
  QueryOperatorNode,
  SortExpressionNode,
  TopNestedClauseNode,
} from "./ast_operators.ts";

export type { Span };
export type * from "./ast_operators.ts";

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
