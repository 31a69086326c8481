/**
 * The printer: syntax tree back to KQL text. Literals print as written, so `parse(print(parse(q)))` gives the
 * same tree as `parse(q)` apart from spans. Binary operands get parentheses where precedence needs them, so
 * trees built by code (not only parsed ones) print correctly too.
 */
import type {
  BinaryOperator,
  ColumnDeclarationNode,
  ExpressionNode,
  FunctionDefinitionNode,
  MvExpandItemNode,
  NameNode,
  OperatorParameterNode,
  ParameterNode,
  QueryNode,
  QueryOperatorNode,
  SortExpressionNode,
  StatementNode,
  TopNestedClauseNode,
  TypeNode,
} from "./ast.ts";

/**
 * Print a query, a statement, an expression or an operator as KQL.
 *
 * @example
 * ```ts
 * import { printKql } from "./printer.ts";
 * const where = { kind: "NameReference", name: "T", bracketed: false, span: { start: 0, end: 1 } } as const;
 * printKql(where); // "T"
 * ```
 */
export function printKql(node: QueryNode | StatementNode | ExpressionNode | QueryOperatorNode): string {
  switch (node.kind) {
    case "Query":
      return node.statements.map(statement).join(";\n");
    case "LetStatement":
    case "ExpressionStatement":
    case "DeclareQueryParametersStatement":
    case "SetStatement":
      return statement(node);
    default:
      return isOperator(node) ? operator(node) : expression(node);
  }
}

const OPERATOR_KINDS: ReadonlySet<string> = new Set([
  "Where",
  "Extend",
  "Project",
  "ProjectAway",
  "ProjectKeep",
  "ProjectRename",
  "ProjectReorder",
  "Summarize",
  "Top",
  "TopNested",
  "Sort",
  "Take",
  "Distinct",
  "Count",
  "Join",
  "Lookup",
  "Parse",
  "ParseKv",
  "MvExpand",
  "MvApply",
  "MakeSeries",
  "Serialize",
  "As",
  "Invoke",
  "Render",
  "GetSchema",
  "Sample",
  "SampleDistinct",
  "ErrorOperator",
]);

function isOperator(node: ExpressionNode | QueryOperatorNode): node is QueryOperatorNode {
  return OPERATOR_KINDS.has(node.kind);
}

function statement(node: StatementNode): string {
  switch (node.kind) {
    case "LetStatement":
      return `let ${name(node.name)} = ${
        node.value.kind === "FunctionDefinition" ? functionDefinition(node.value) : expression(node.value)
      }`;
    case "ExpressionStatement":
      return expression(node.expression);
    case "DeclareQueryParametersStatement":
      return `declare query_parameters(${node.parameters.map(parameter).join(", ")})`;
    case "SetStatement":
      return `set ${node.name.name}${node.value ? ` = ${expression(node.value)}` : ""}`;
  }
}

function functionDefinition(node: FunctionDefinitionNode): string {
  const body = node.body.map(statement).join(";\n");
  return `${node.isView ? "view " : ""}(${node.parameters.map(parameter).join(", ")}) {\n${body}\n}`;
}

function parameter(node: ParameterNode): string {
  const value = node.defaultValue ? ` = ${expression(node.defaultValue)}` : "";
  return `${name(node.name)}:${type(node.type)}${value}`;
}

function type(node: TypeNode): string {
  if (node.kind === "ScalarType") return node.name;
  const parts = node.columns.map(column);
  if (node.open) parts.push("*");
  return `(${parts.join(", ")})`;
}

function column(node: ColumnDeclarationNode): string {
  return `${name(node.name)}:${node.type.name}`;
}

/** A name, bracketed when it was written so (or must be). */
function name(node: NameNode): string {
  return node.bracketed ? bracketed(node.name) : node.name;
}

function bracketed(text: string): string {
  return `[${JSON.stringify(text)}]`;
}

/** Binding strength of each binary operator, as the parser reads them. */
function precedence(op: BinaryOperator): number {
  switch (op) {
    case "or":
      return 1;
    case "and":
      return 2;
    case "==":
    case "!=":
    case "<>":
      return 3;
    case "<":
    case "<=":
    case ">":
    case ">=":
      return 4;
    case "+":
    case "-":
      return 5;
    case "*":
    case "/":
    case "%":
      return 6;
    default:
      return 7; // string operators, =~, !~, matches regex, like, `:` bind tighter than arithmetic in KQL
  }
}

function expressionPrecedence(node: ExpressionNode): number {
  if (node.kind === "Binary") return precedence(node.operator);
  if (node.kind === "In" || node.kind === "Between") return 3;
  if (node.kind === "Pipe" || node.kind === "NamedExpression") return 0;
  if (node.kind === "Unary") return 8; // a sign applies to one operand only: `-(-x)`
  return 10;
}

/** Print `child`, in parentheses when it binds less tightly than `min` requires. */
function operand(child: ExpressionNode, min: number): string {
  const text = expression(child);
  return expressionPrecedence(child) < min ? `(${text})` : text;
}

function list(nodes: readonly ExpressionNode[]): string {
  return nodes.map(expression).join(", ");
}

function parameters(nodes: readonly OperatorParameterNode[]): string {
  return nodes.map((p) => `${p.name}=${expression(p.value)} `).join("");
}

function expression(node: ExpressionNode): string {
  switch (node.kind) {
    case "Literal":
      return node.text;
    case "NameReference":
      return node.bracketed ? bracketed(node.name) : node.name;
    case "WildcardName":
      return node.pattern;
    case "Star":
      return "*";
    case "Parenthesized":
      return `(${expression(node.expression)})`;
    case "Unary":
      return `${node.operator}${operand(node.operand, 9)}`;
    case "Binary": {
      const p = precedence(node.operator);
      // Comparisons do not chain in KQL, so both sides of one need a tighter operand.
      const nonAssociative = p === 3 || p === 4 || p === 7;
      const left = operand(node.left, nonAssociative ? p + 1 : p);
      return `${left} ${node.operator} ${operand(node.right, p + 1)}`;
    }
    case "In":
      return `${operand(node.left, 4)} ${node.operator} (${list(node.values)})`;
    case "Between":
      return `${operand(node.left, 4)} ${node.negated ? "!between" : "between"} (${expression(node.low)} .. ${
        expression(node.high)
      })`;
    case "FunctionCall":
      return `${name(node.name)}(${list(node.arguments)})`;
    case "MemberAccess":
      return `${operand(node.target, 9)}.${name(node.member)}`;
    case "ElementAccess":
      return `${operand(node.target, 9)}[${expression(node.index)}]`;
    case "NamedExpression": {
      const names = node.names.length === 1 ? name(node.names[0]) : `(${node.names.map(name).join(", ")})`;
      return `${names} = ${expression(node.expression)}`;
    }
    case "TypeOf":
      return `typeof(${node.type.name})`;
    case "Datatable":
      return `datatable${node.parameters.length ? " " + parameters(node.parameters) : ""}(${
        node.columns.map(column).join(", ")
      }) [${list(node.values)}]`;
    case "ExternalData": {
      const props = node.properties.length ? ` with (${properties(node.properties)})` : "";
      return `externaldata ${parameters(node.parameters)}(${node.columns.map(column).join(", ")}) [${
        list(node.uris)
      }]${props}`;
    }
    case "Pipe":
      return [expression(node.source), ...node.operators.map(operator)].join("\n| ");
    case "ErrorExpression":
      return "";
    default:
      return operator(node);
  }
}

function properties(nodes: readonly OperatorParameterNode[]): string {
  return nodes.map((p) => `${p.name}=${expression(p.value)}`).join(", ");
}

function sortExpression(node: SortExpressionNode): string {
  let text = expression(node.expression);
  if (node.direction) text += ` ${node.direction}`;
  if (node.nulls) text += ` nulls ${node.nulls}`;
  return text;
}

function mvItem(node: MvExpandItemNode): string {
  return expression(node.expression) + (node.toType ? ` to typeof(${node.toType.name})` : "");
}

function topNestedClause(node: TopNestedClauseNode): string {
  let text = "top-nested ";
  if (node.count) text += `${expression(node.count)} `;
  text += `of ${expression(node.of)}`;
  if (node.withOthers) text += ` with others = ${expression(node.withOthers)}`;
  text += ` by ${expression(node.by)}`;
  if (node.direction) text += ` ${node.direction}`;
  return text;
}

function operator(node: QueryOperatorNode): string {
  switch (node.kind) {
    case "Where":
      return `${node.keyword} ${expression(node.predicate)}`;
    case "Extend":
      return `extend ${list(node.expressions)}`;
    case "Project":
      return `project ${list(node.expressions)}`;
    case "ProjectAway":
      return `project-away ${list(node.columns)}`;
    case "ProjectKeep":
      return `project-keep ${list(node.columns)}`;
    case "ProjectRename":
      return `project-rename ${list(node.expressions)}`;
    case "ProjectReorder":
      return `project-reorder ${node.columns.map(sortExpression).join(", ")}`;
    case "Summarize": {
      const by = node.by.length ? ` by ${list(node.by)}` : "";
      return `summarize ${parameters(node.parameters)}${list(node.aggregates)}${by}`;
    }
    case "Top":
      return `top ${parameters(node.parameters)}${expression(node.count)} by ${sortExpression(node.by)}`;
    case "TopNested":
      return node.clauses.map(topNestedClause).join(", ");
    case "Sort":
      return `${node.keyword} ${parameters(node.parameters)}by ${
        node.expressions.map(sortExpression).join(", ")
      }`;
    case "Take":
      return `${node.keyword} ${parameters(node.parameters)}${expression(node.count)}`;
    case "Distinct":
      return `distinct ${parameters(node.parameters)}${list(node.columns)}`;
    case "Count":
      return "count";
    case "Join":
    case "Lookup": {
      const where = node.kind === "Join" && node.where ? ` where ${expression(node.where)}` : "";
      const on = node.on.length ? ` on ${list(node.on)}` : where;
      return `${node.kind === "Join" ? "join" : "lookup"} ${parameters(node.parameters)}${
        operand(node.right, 9)
      }${on}`;
    }
    case "Union":
      return `union ${parameters(node.parameters)}${list(node.tables)}`;
    case "Parse": {
      const pattern = node.pattern.map((part) =>
        part.kind === "ParseCapture"
          ? name(part.name) + (part.type ? `:${part.type.name}` : "")
          : part.kind === "Star"
          ? "*"
          : part.text
      );
      return `${node.keyword} ${parameters(node.parameters)}${expression(node.source)} with ${
        pattern.join(" ")
      }`;
    }
    case "ParseKv": {
      const props = node.properties.length ? ` with (${properties(node.properties)})` : "";
      return `parse-kv ${expression(node.source)} as (${node.columns.map(column).join(", ")})${props}`;
    }
    case "MvExpand":
      return `mv-expand ${parameters(node.parameters)}${node.items.map(mvItem).join(", ")}${
        node.limit ? ` limit ${expression(node.limit)}` : ""
      }`;
    case "MvApply":
      return `mv-apply ${parameters(node.parameters)}${node.items.map(mvItem).join(", ")}${
        node.limit ? ` limit ${expression(node.limit)}` : ""
      } on (${node.subquery.map(operator).join("\n| ")})`;
    case "MakeSeries": {
      const aggregates = node.aggregates.map((a) =>
        expression(a.expression) + (a.defaultValue ? ` default = ${expression(a.defaultValue)}` : "")
      );
      let text = `make-series ${parameters(node.parameters)}${aggregates.join(", ")} on ${
        expression(node.on)
      }`;
      if (node.inRange) text += ` in ${expression(node.inRange)}`;
      if (node.from) text += ` from ${expression(node.from)}`;
      if (node.to) text += ` to ${expression(node.to)}`;
      if (node.step) text += ` step ${expression(node.step)}`;
      if (node.by.length) text += ` by ${list(node.by)}`;
      return text;
    }
    case "Evaluate":
      return `evaluate ${parameters(node.parameters)}${expression(node.plugin)}`;
    case "Serialize":
      return `serialize${node.expressions.length ? " " + list(node.expressions) : ""}`;
    case "As":
      return `as ${parameters(node.parameters)}${name(node.name)}`;
    case "Invoke":
      return `invoke ${expression(node.call)}`;
    case "Render":
      return `render ${name(node.chart)}${
        node.properties.length ? ` with (${properties(node.properties)})` : ""
      }`;
    case "GetSchema":
      return "getschema";
    case "Sample":
      return `sample ${expression(node.count)}`;
    case "SampleDistinct":
      return `sample-distinct ${expression(node.count)} of ${expression(node.of)}`;
    case "Range":
      return `range ${name(node.column)} from ${expression(node.from)} to ${expression(node.to)} step ${
        expression(node.step)
      }`;
    case "Print":
      return `print ${list(node.expressions)}`;
    case "Search": {
      const tables = node.tables.length ? `in (${list(node.tables)}) ` : "";
      return `search ${parameters(node.parameters)}${tables}${expression(node.predicate)}`;
    }
    case "Find": {
      const tables = node.tables.length ? `in (${list(node.tables)}) ` : "";
      const project = node.project.length === 1 && node.project[0].kind === "Star"
        ? " project-smart"
        : node.project.length
        ? ` project ${list(node.project)}`
        : "";
      return `find ${parameters(node.parameters)}${tables}where ${expression(node.predicate)}${project}`;
    }
    case "ErrorOperator":
      return node.name;
  }
}
