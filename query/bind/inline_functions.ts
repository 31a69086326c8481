/**
 * The rule query as the incremental planner wants to see it: calls of tabular `let` functions (stored and ASIM
 * functions arrive as such, see expand_functions.ts) replaced by their bodies with the parameters bound to the
 * call's constant arguments (or the defaults), tabular lets used once put in place, `(T | a) | b` read as
 * `T | a | b`, and row-wise operators after a `union` of subqueries moved into each branch where the union's
 * column layout stays the same. The result means the same as the query; it is bound again before use, and any
 * step it cannot take safely is left as it was.
 *
 * `imAuthentication | where EventResult == 'Failure' | summarize count() by TargetUsername` thus becomes
 * `ASimAuthenticationEventLogs | where not(false) | ... | where EventResult == 'Failure' | summarize ...`: one
 * table followed by per-event operators and a summarize, which the planner keeps per pane.
 */
import type {
  ExpressionNode,
  FunctionCallNode,
  FunctionDefinitionNode,
  PipeNode,
  QueryNode,
  QueryOperatorNode,
  StatementNode,
  SyntaxNode,
} from "../syntax/mod.ts";
import type { Catalog } from "../symbols/mod.ts";
import { forEachDescendant } from "../syntax/mod.ts";
import type { BoundInfo } from "./binder.ts";
import { ROW_WISE_OPERATORS } from "./classify_mode.ts";

/** How deep calls are put in place (functions calling functions); deeper ones stay calls. */
const MAX_DEPTH = 12;

/** Functions whose value changes from call to call: an argument calling one is not copied into a body. */
const VOLATILE: ReadonlySet<string> = new Set(["rand", "new_guid"]);

interface Context {
  readonly catalog: Catalog;
  readonly info: BoundInfo;
  readonly functions: ReadonlyMap<string, FunctionDefinitionNode>;
  /** Scalar lets of the query (an argument may name them: they stay in scope at the top level). */
  readonly scalars: ReadonlyMap<string, ExpressionNode>;
  /** Tabular lets read once, by name: put in place. */
  readonly tabular: ReadonlyMap<string, ExpressionNode>;
  /** What the rewrite did, in words. */
  readonly done: Set<string>;
}

/** A rewritten query and what was done to it. */
export interface InlinedQuery {
  readonly query: QueryNode;
  /** E.g. "let function 'imAuthentication' put in place", "filters moved into union branches". */
  readonly steps: readonly string[];
}

/**
 * Rewrite a query for the planner.
 *
 * @param query the expanded query (stored functions as lets)
 * @param options its bound information and the catalog
 * @returns the rewritten query, or undefined when nothing changed
 */
export function inlineForPlan(
  query: QueryNode,
  options: { info: BoundInfo; catalog: Catalog },
): InlinedQuery | undefined {
  const statements = query.statements;
  const last = statements[statements.length - 1];
  if (last?.kind !== "ExpressionStatement") return undefined;
  const functions = new Map<string, FunctionDefinitionNode>();
  const scalars = new Map<string, ExpressionNode>();
  const tabularValues = new Map<string, ExpressionNode>();
  for (const s of statements) {
    if (s.kind !== "LetStatement") continue;
    const name = s.name.name;
    functions.delete(name);
    scalars.delete(name);
    tabularValues.delete(name);
    // A function sees the lets before it: one redefined later can not be put in place at the top level.
    for (const [f, definition] of functions) if (freeNames(definition).has(name)) functions.delete(f);
    if (s.value.kind === "FunctionDefinition") functions.set(name, s.value);
    else if (options.info.tables.has(s.value)) tabularValues.set(name, s.value);
    else scalars.set(name, s.value);
  }
  const uses = new Map<string, number>();
  for (const s of statements) {
    forEachDescendant(s, (n) => {
      if (n.kind === "NameReference") uses.set(n.name, (uses.get(n.name) ?? 0) + 1);
    });
  }
  const tabular = new Map([...tabularValues].filter(([name]) => uses.get(name) === 1));
  const done = new Set<string>();
  const context: Context = {
    catalog: options.catalog,
    info: options.info,
    functions,
    scalars,
    tabular,
    done,
  };
  let changed = false;
  const rewrite = (e: ExpressionNode) => {
    const out = rewriteExpression(e, context, 0);
    if (out !== e) changed = true;
    return out;
  };
  const expression = rewrite(last.expression);
  if (!changed) return undefined;
  // Keep the lets still referenced (the inlined functions and lets are gone).
  const kept: StatementNode[] = [{ ...last, expression }];
  const needed = new Set<string>();
  const need = (node: SyntaxNode) =>
    forEachDescendant(node, (n) => {
      if (n.kind === "NameReference") needed.add(n.name);
      if (n.kind === "FunctionCall") needed.add(n.name.name);
    });
  need(kept[0]);
  for (let i = statements.length - 2; i >= 0; i--) {
    const s = statements[i];
    if (s.kind !== "LetStatement") kept.unshift(s);
    else if (needed.has(s.name.name)) {
      kept.unshift(s);
      need(s.value);
    }
  }
  return { query: { ...query, statements: kept }, steps: [...done] };
}

/** `e` rewritten; `depth`: how many calls deep it was put in place. */
function rewriteExpression(e: ExpressionNode, context: Context, depth: number): ExpressionNode {
  if (depth > MAX_DEPTH) return e;
  const out = mapChildren(e, (child) => rewriteExpression(child, context, depth));
  if (out.kind === "NameReference") {
    const value = context.tabular.get(out.name);
    if (value !== undefined && context.info.letTargets.has(e as typeof out)) {
      context.done.add(`let '${out.name}' read once put in place`);
      return parenthesize(rewriteExpression(value, context, depth + 1));
    }
    if (context.functions.has(out.name) && isTabularPosition(e, context)) {
      const call: FunctionCallNode = {
        kind: "FunctionCall",
        name: { kind: "Name", name: out.name, bracketed: out.bracketed, span: out.span },
        arguments: [],
        span: out.span,
      };
      const body = inlineCall(call, context);
      if (body === undefined) return out;
      context.done.add(`function '${out.name}' put in place`);
      return parenthesize(rewriteExpression(body, context, depth + 1));
    }
  }
  if (out.kind === "FunctionCall" && context.functions.has(out.name.name)) {
    const body = inlineCall(out, context);
    if (body !== undefined) {
      context.done.add(`function '${out.name.name}' put in place`);
      return parenthesize(rewriteExpression(body, context, depth + 1));
    }
  }
  if (out.kind === "Pipe") return pushIntoUnion(flatten(out), context);
  // `(f())` put in place is `((body))`.
  if (out.kind === "Parenthesized" && out.expression.kind === "Parenthesized") return out.expression;
  return out;
}

/** A name read as a table (not a scalar): the binder recorded its table type. */
function isTabularPosition(e: ExpressionNode, context: Context): boolean {
  return context.info.tables.has(e) || !context.info.types.has(e);
}

function parenthesize(e: ExpressionNode): ExpressionNode {
  return e.kind === "Parenthesized" || e.kind === "NameReference" || e.kind === "Literal" ||
      e.kind === "FunctionCall"
    ? e
    : { kind: "Parenthesized", expression: e, span: e.span };
}

/** `(T | a) | b` as `T | a | b`. */
function flatten(pipe: PipeNode): PipeNode {
  let source = pipe.source;
  while (source.kind === "Parenthesized") source = source.expression;
  if (source.kind !== "Pipe") return pipe;
  return { ...pipe, source: source.source, operators: [...source.operators, ...pipe.operators] };
}

/**
 * The body of a call of a tabular let function, its parameters replaced by the arguments, or undefined when
 * that would not mean the same: an argument that reads columns or calls a volatile function, a tabular
 * parameter, a parameter or argument name that a column of the body's tables could hide, nested functions.
 */
function inlineCall(call: FunctionCallNode, context: Context): ExpressionNode | undefined {
  const definition = context.functions.get(call.name.name);
  if (definition === undefined) return undefined;
  const positional = call.arguments.filter((a) => a.kind !== "NamedExpression");
  const named = new Map<string, ExpressionNode>();
  for (const arg of call.arguments) {
    if (arg.kind === "NamedExpression") named.set(arg.names[0].name, arg.expression);
  }
  if (positional.length > definition.parameters.length) return undefined;
  const env = new Map<string, ExpressionNode>();
  let next = 0;
  for (const param of definition.parameters) {
    if (param.type.kind === "TabularType") return undefined;
    const name = param.name.name;
    const arg = named.get(name) ??
      (named.size === 0 || next < positional.length ? positional[next++] : undefined);
    const value = arg ?? param.defaultValue;
    if (value === undefined || !isConstant(value, context)) return undefined;
    env.set(name, value);
  }
  const hidden = namesInBody(definition, context);
  if (hidden.has("\u0000unknown")) return undefined;
  for (const [name, value] of env) {
    if (hidden.has(name)) return undefined;
    let captured = false;
    forEachDescendant(value, (n) => {
      if (n.kind === "NameReference" && hidden.has(n.name)) captured = true;
    });
    if (captured) return undefined;
  }
  let result: ExpressionNode | undefined;
  for (const s of definition.body) {
    if (s.kind === "LetStatement") {
      if (s.value.kind === "FunctionDefinition" || hidden.has(s.name.name)) return undefined;
      env.set(s.name.name, parenthesize(substitute(s.value, env)));
    } else if (s.kind === "ExpressionStatement") result = substitute(s.expression, env);
    else return undefined;
  }
  // A fresh copy: a body put in place twice must not share nodes (leaves and bound types are kept by node).
  // The query's scalar lets that no column of the body hides (the fold reads their values).
  const visible: Lets = new Map([...context.scalars].filter(([name]) => !hidden.has(name)));
  return result === undefined ? undefined : simplifyFilters(copyTree(result), visible);
}

/** Scalar lets of the query, by name. */
type Lets = ReadonlyMap<string, ExpressionNode>;

const TRUE = { kind: "Literal", type: "bool", value: true, text: "true" } as const;
const FALSE = { kind: "Literal", type: "bool", value: false, text: "false" } as const;

/**
 * The `where` filters of an inlined body with what the arguments decide folded away: ASIM's
 * `where isnull(starttime) or TimeGenerated >= starttime` with `starttime = ago(1h)` is the event-time bound
 * `where TimeGenerated >= ago(1h)`, which the planner can use, and `where not(disabled)` with `false` goes.
 */
function simplifyFilters(e: ExpressionNode, lets: Lets): ExpressionNode {
  if (e.kind === "Parenthesized") {
    const inner = simplifyFilters(e.expression, lets);
    return inner === e.expression ? e : { ...e, expression: inner };
  }
  if (e.kind !== "Pipe") return e;
  const operators: QueryOperatorNode[] = [];
  for (const op of e.operators) {
    if (op.kind !== "Where") {
      operators.push(op);
      continue;
    }
    const predicate = fold(op.predicate, lets);
    if (isBool(predicate, true)) continue;
    operators.push(predicate === op.predicate ? op : { ...op, predicate });
  }
  return { ...e, source: simplifyFilters(e.source, lets), operators };
}

function isBool(e: ExpressionNode, value: boolean): boolean {
  while (e.kind === "Parenthesized") e = e.expression;
  return e.kind === "Literal" && e.type === "bool" && e.value === value;
}

/** Whether a constant is null (true), never null (false), or unknown. */
function nullness(e: ExpressionNode, lets: Lets, depth = 0): boolean | undefined {
  while (e.kind === "Parenthesized") e = e.expression;
  // A scalar let of the query (no column of that name: a let's name is not a column of the ASIM tables).
  const value = e.kind === "NameReference" ? lets.get(e.name) : undefined;
  if (value !== undefined) return depth < MAX_DEPTH ? nullness(value, lets, depth + 1) : undefined;
  if (e.kind === "Literal") return e.value === null;
  if (e.kind === "FunctionCall" && ["ago", "now"].includes(e.name.name)) return false;
  return undefined;
}

/** Fold `isnull`/`isnotnull` of constants, `not` of a literal, and `and`/`or` with a literal side. */
function fold(e: ExpressionNode, lets: Lets): ExpressionNode {
  const span = e.span;
  if (e.kind === "Parenthesized") {
    const inner = fold(e.expression, lets);
    if (inner.kind === "Literal") return inner;
    return inner === e.expression ? e : { ...e, expression: inner };
  }
  if (e.kind === "FunctionCall" && e.arguments.length === 1) {
    const name = e.name.name;
    if (name === "isnull" || name === "isnotnull") {
      const isNull = nullness(e.arguments[0], lets);
      if (isNull !== undefined) return { ...(isNull === (name === "isnull") ? TRUE : FALSE), span };
    }
    if (name === "not") {
      const arg = fold(e.arguments[0], lets);
      if (isBool(arg, true)) return { ...FALSE, span };
      if (isBool(arg, false)) return { ...TRUE, span };
    }
    return e;
  }
  if (e.kind === "Binary" && (e.operator === "and" || e.operator === "or")) {
    const left = fold(e.left, lets);
    const right = fold(e.right, lets);
    const absorbing = e.operator === "or";
    if (isBool(left, absorbing) || isBool(right, absorbing)) return { ...(absorbing ? TRUE : FALSE), span };
    if (isBool(left, !absorbing)) return right;
    if (isBool(right, !absorbing)) return left;
    return left === e.left && right === e.right ? e : { ...e, left, right };
  }
  return e;
}

/** Whether an argument means the same wherever it is copied: no columns, nothing volatile. */
function isConstant(e: ExpressionNode, context: Context): boolean {
  let constant = true;
  const check = (n: SyntaxNode) => {
    if (n.kind === "NameReference" && !context.scalars.has(n.name)) constant = false;
    if (n.kind === "FunctionCall" && VOLATILE.has(n.name.name)) constant = false;
    if (n.kind === "Pipe" || n.kind === "Datatable" || n.kind === "Union") constant = false;
  };
  check(e);
  forEachDescendant(e, check);
  return constant;
}

/**
 * Columns of the tables a body reads (catalog tables, tabular lets, other functions' bodies) and names it
 * declares: a parameter or argument of one of these names could be hidden by a column.
 */
function namesInBody(definition: FunctionDefinitionNode, context: Context, depth = 0): Set<string> {
  const names = new Set<string>();
  // The function's own declarations (parameters, lets of its body) are what may be substituted.
  const declarations = new Set<SyntaxNode>([
    ...definition.parameters.map((p) => p.name),
    ...definition.body.flatMap((s) => s.kind === "LetStatement" ? [s.name] : []),
  ]);
  forEachDescendant(definition, (n) => {
    if (n.kind === "NameReference") {
      for (const c of context.catalog.get(n.name)?.columns ?? []) names.add(c.name);
      const target = context.info.letTargets.get(n);
      for (const c of (target && context.info.tables.get(target)?.columns) ?? []) names.add(c.name);
    }
    const called = n.kind === "FunctionCall" ? n.name.name : n.kind === "NameReference" ? n.name : undefined;
    const other = called === undefined ? undefined : context.functions.get(called);
    if (other !== undefined && other !== definition) {
      // A function it calls gives it a table whose columns are those of that function's tables.
      if (depth >= MAX_DEPTH) names.add("\u0000unknown");
      else for (const name of namesInBody(other, context, depth + 1)) names.add(name);
    }
    if (n.kind === "Name" && !declarations.has(n)) names.add(n.name);
  });
  return names;
}

/** A copy of `e` with the names of `env` replaced by their values. */
function substitute(e: ExpressionNode, env: ReadonlyMap<string, ExpressionNode>): ExpressionNode {
  if (e.kind === "NameReference") {
    const value = env.get(e.name);
    return value === undefined ? e : parenthesize(value);
  }
  return mapChildren(e, (child) => substitute(child, env));
}

/**
 * `union (A | ...), (B | ...) | where ... | summarize ...`: the row-wise operators that follow the union move
 * into each branch when every branch gives the columns they read with the same type, and (for operators that
 * add or rename columns) every branch has the same columns, so the union's layout is what it was.
 */
function pushIntoUnion(pipe: PipeNode, context: Context): PipeNode {
  let source = pipe.source;
  while (source.kind === "Parenthesized") source = source.expression;
  if (source.kind !== "Union") return pipe;
  if (source.parameters.some((p) => p.name !== "isfuzzy")) return pipe;
  const branches = source.tables;
  const schemas = branches.map((b) => {
    while (b.kind === "Parenthesized" && !context.info.tables.has(b)) b = b.expression;
    return context.info.tables.get(b)?.columns;
  });
  if (branches.length < 2 || schemas.some((s) => s === undefined)) return pipe;
  const types = schemas.map((s) => new Map(s!.map((c) => [c.name, c.type])));
  const sameLayout = types.every((t) =>
    t.size === types[0].size && [...t].every(([name, type]) => types[0].get(name) === type)
  );
  let moved = 0;
  for (const op of pipe.operators) {
    if (!ROW_WISE_OPERATORS.has(op.kind)) break;
    const keepsLayout = op.kind === "Where" || op.kind === "Project" || op.kind === "ProjectAway";
    if (!keepsLayout && !sameLayout) break;
    if (moved > 0 && !keepsLayout) break;
    if (!readsSharedColumns(op, types)) break;
    moved++;
    // After a project or project-away the branches' layouts are what the binder knows no more: stop there.
    if (op.kind !== "Where") break;
  }
  if (moved === 0) return pipe;
  context.done.add("filters after a union moved into its branches");
  const ops = pipe.operators.slice(0, moved);
  const tables = branches.map((b, i) => {
    const copies = i === 0 ? ops : ops.map(copyTree);
    const branch: PipeNode = { kind: "Pipe", source: b, operators: copies, span: b.span };
    return parenthesize(flatten(branch));
  });
  const union = { ...source, tables };
  return { ...pipe, source: union, operators: pipe.operators.slice(moved) };
}

/** Every column an operator reads exists in every branch with one type. */
function readsSharedColumns(op: QueryOperatorNode, types: readonly ReadonlyMap<string, string>[]): boolean {
  let ok = true;
  forEachDescendant(op, (n) => {
    if (n.kind !== "NameReference") return;
    const type = types[0].get(n.name);
    if (type === undefined || types.some((t) => t.get(n.name) !== type)) ok = false;
  });
  return ok;
}

/** A shallow copy of a node with its child nodes mapped (the node itself when none changed). */
function mapChildren<T extends SyntaxNode>(node: T, map: (child: ExpressionNode) => ExpressionNode): T {
  let changed = false;
  const out: Record<string, unknown> = {};
  const one = (value: unknown): unknown => {
    if (value === null || typeof value !== "object" || !("kind" in value) || !("span" in value)) return value;
    const child = value as SyntaxNode;
    const mapped = isExpression(child) ? map(child as ExpressionNode) : mapChildren(child, map);
    if (mapped !== child) changed = true;
    return mapped;
  };
  for (const [key, value] of Object.entries(node)) {
    out[key] = Array.isArray(value) ? value.map(one) : one(value);
  }
  return changed ? out as T : node;
}

/** Node kinds that are not expressions (statements, operators, names, types...): walked through, not mapped. */
const NOT_EXPRESSIONS: ReadonlySet<string> = new Set([
  "Query",
  "LetStatement",
  "ExpressionStatement",
  "DeclareQueryParametersStatement",
  "SetStatement",
  "FunctionDefinition",
  "Parameter",
  "Name",
  "ScalarType",
  "TabularType",
  "ColumnDeclaration",
  "OperatorParameter",
  "SortExpression",
  "TopNestedClause",
  "ParseCapture",
  "MvExpandItem",
  "MakeSeriesAggregate",
]);

function isExpression(node: SyntaxNode): boolean {
  return !NOT_EXPRESSIONS.has(node.kind) && !ROW_WISE_OPERATORS.has(node.kind as QueryOperatorNode["kind"]) &&
    !OPERATOR_KINDS.has(node.kind);
}

const OPERATOR_KINDS: ReadonlySet<string> = new Set([
  "Summarize",
  "Top",
  "TopNested",
  "Sort",
  "Take",
  "Distinct",
  "Count",
  "Join",
  "Lookup",
  "Union",
  "MvApply",
  "MakeSeries",
  "Evaluate",
  "Serialize",
  "As",
  "Invoke",
  "Range",
  "Print",
  "Render",
  "GetSchema",
  "Sample",
  "SampleDistinct",
  "Search",
  "Find",
  "ErrorOperator",
]);

/** A deep copy of a syntax tree (spans shared: they are plain values). */
function copyTree<T>(node: T): T {
  if (Array.isArray(node)) return node.map(copyTree) as T;
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = key === "span" ? value : copyTree(value);
  return out as T;
}

/** Names a function's body reads besides its parameters and its own lets. */
function freeNames(definition: FunctionDefinitionNode): Set<string> {
  const names = new Set<string>();
  forEachDescendant(definition, (n) => {
    if (n.kind === "NameReference") names.add(n.name);
    if (n.kind === "FunctionCall") names.add(n.name.name);
  });
  for (const p of definition.parameters) names.delete(p.name.name);
  for (const s of definition.body) if (s.kind === "LetStatement") names.delete(s.name.name);
  return names;
}
