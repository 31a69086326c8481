/**
 * Stored functions reach a query as `let` statements: each function the query calls (directly or through
 * another function) is parsed once from its own text and put ahead of the query as
 * `let F = (params) { body };`. The binder, the evaluator and the planners then see an ordinary `let`
 * function, so they need nothing of their own for stored functions ("the planners inline them").
 *
 * The injected nodes keep their own positions, moved past the end of the query text, so a diagnostic
 * found inside a function can be told apart and reported against the function: its name and its own line
 * and column, with the span of the call in the query.
 */
import { bindDiagnostic } from "../diagnostics/bind_codes.ts";
import { type KqlDiagnostic, lineColumnAt, type Span } from "../diagnostics/diagnostic.ts";
import { parseQuery } from "../parse/mod.ts";
import type { LetStatementNode, QueryNode, StatementNode } from "../syntax/mod.ts";
import { type Catalog, parameterListText, type StoredFunction } from "../symbols/mod.ts";

/** A query with the stored functions it calls put ahead of it. */
export interface ExpandedQuery {
  /** The query, with one `let` per stored function it needs (dependencies first). */
  readonly query: QueryNode;
  /** Syntax errors in the functions and recursive calls, already placed on the query. */
  readonly diagnostics: readonly KqlDiagnostic[];
  /** The stored functions injected, in order. */
  readonly functions: readonly string[];
  /** Place a diagnostic found in an injected function onto the query (others are returned as they are). */
  relocate(diagnostic: KqlDiagnostic): KqlDiagnostic;
}

/** A stored function parsed from its own text, cached per function object (catalogs are immutable). */
interface ParsedFunction {
  /** `let F = (params) {\n body \n};`: the body starts on line 2, so body line = text line - 1. */
  readonly text: string;
  readonly statement: LetStatementNode | undefined;
  readonly diagnostics: readonly KqlDiagnostic[];
  /** Names the body refers to that it does not declare itself, with their first position. */
  readonly references: ReadonlyMap<string, Span>;
}

const parsedFunctions = new WeakMap<StoredFunction, ParsedFunction>();

function parseFunction(fn: StoredFunction): ParsedFunction {
  const cached = parsedFunctions.get(fn);
  if (cached !== undefined) return cached;
  const name = `['${fn.name.replaceAll("'", "\\'")}']`;
  const text = `let ${name} = (${parameterListText(fn.parameters)}) {\n${fn.body}\n};`;
  const parsed = parseQuery(text);
  const first = parsed.query.statements[0];
  const statement = first?.kind === "LetStatement" && first.value.kind === "FunctionDefinition"
    ? first
    : undefined;
  const diagnostics = parsed.diagnostics.filter((d) => d.severity === "error");
  if (statement === undefined && diagnostics.length === 0) {
    diagnostics.push({
      code: "KQL1001",
      severity: "error",
      message: `Invalid function '${fn.name}': the body is not a function body`,
      span: { start: 0, end: text.length },
    });
  }
  const result: ParsedFunction = {
    text,
    statement,
    diagnostics,
    references: statement === undefined ? new Map() : freeNames(statement.value),
  };
  parsedFunctions.set(fn, result);
  return result;
}

/** Names referenced (as `Name` or `Name(...)`) under a node, minus the names it declares itself. */
function freeNames(root: unknown): Map<string, Span> {
  const used = new Map<string, Span>();
  const declared = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const n = node as { kind?: string; name?: { name?: string; span?: Span } | string; span?: Span };
    if (n.kind === "NameReference" && typeof n.name === "string" && n.span !== undefined) {
      if (!used.has(n.name)) used.set(n.name, n.span);
    } else if (n.kind === "FunctionCall" && typeof n.name === "object" && n.name.name !== undefined) {
      if (!used.has(n.name.name)) used.set(n.name.name, n.name.span ?? n.span!);
    } else if ((n.kind === "LetStatement" || n.kind === "Parameter") && typeof n.name === "object") {
      if (n.name.name !== undefined) declared.add(n.name.name);
    }
    for (const [key, value] of Object.entries(node)) {
      if (key !== "span" && value !== null && typeof value === "object") visit(value);
    }
  };
  visit(root);
  for (const name of declared) used.delete(name);
  return used;
}

/** A deep copy of a syntax tree with every span moved by `offset` (shared sub-trees stay shared). */
function shifted<T>(node: T, offset: number, seen = new Map<object, unknown>()): T {
  if (node === null || typeof node !== "object") return node;
  const memo = seen.get(node);
  if (memo !== undefined) return memo as T;
  if (Array.isArray(node)) {
    const out: unknown[] = [];
    seen.set(node, out);
    for (const item of node) out.push(shifted(item, offset, seen));
    return out as T;
  }
  const out: Record<string, unknown> = {};
  seen.set(node, out);
  for (const [key, value] of Object.entries(node)) {
    if (key === "span" && value !== null && typeof value === "object" && "start" in value) {
      const span = value as Span;
      out[key] = { start: span.start + offset, end: span.end + offset };
    } else out[key] = shifted(value, offset, seen);
  }
  return out as T;
}

/** Where one injected function's text sits in the combined offsets, and the call it is reported at. */
interface Region {
  readonly name: string;
  readonly body: string;
  readonly start: number;
  readonly parsed: ParsedFunction;
  readonly anchor: Span;
}

/**
 * Put the stored functions a query calls ahead of it, as `let` statements.
 *
 * A name counts as a call of a stored function when the catalog has a function and no table of that name
 * and the query (or an injected function) refers to it. A `let` of the query with the same name still
 * wins, as it comes later. Recursion (direct or mutual) is refused with KQL2022.
 *
 * @param query the parsed query
 * @param options `text`: the query text (its length places the functions); `catalog`: the functions
 * @returns the expanded query and how to report diagnostics found in the functions
 * @example
 * ```ts
 * import { parseQuery } from "../parse/mod.ts";
 * import { Catalog } from "../symbols/mod.ts";
 * import { expandFunctions } from "./expand_functions.ts";
 * const catalog = Catalog.builtin().withFunctions([{ name: "Fails", parameters: [], body: "SigninLogs" }]);
 * const text = "Fails | take 1";
 * const expanded = expandFunctions(parseQuery(text).query, { text, catalog });
 * expanded.functions; // ["Fails"]
 * expanded.query.statements.length; // 2
 * ```
 */
export function expandFunctions(
  query: QueryNode,
  options: { text: string; catalog: Catalog },
): ExpandedQuery {
  const { catalog, text } = options;
  const none: ExpandedQuery = { query, diagnostics: [], functions: [], relocate: (d) => d };
  if (catalog.functions().length === 0) return none;
  const order: StoredFunction[] = [];
  const anchors = new Map<string, Span>();
  const state = new Map<string, "visiting" | "done">();
  const diagnostics: KqlDiagnostic[] = [];
  const stack: string[] = [];
  // Functions on a cycle are left out: binding their calls then says the name is unknown, after KQL2022.
  const cyclic = new Set<string>();
  const visit = (name: string, anchor: Span): void => {
    if (catalog.has(name)) return;
    const fn = catalog.function(name);
    if (fn === undefined) return;
    const status = state.get(name);
    if (status === "done") return;
    if (status === "visiting") {
      const path = [...stack.slice(stack.indexOf(name)), name].map((n) => `'${n}'`).join(" -> ");
      diagnostics.push(bindDiagnostic("recursiveFunction", anchor, path));
      for (const n of stack.slice(stack.indexOf(name))) cyclic.add(n);
      return;
    }
    state.set(name, "visiting");
    stack.push(name);
    anchors.set(name, anchor);
    for (const ref of parseFunction(fn).references.keys()) visit(ref, anchor);
    stack.pop();
    state.set(name, "done");
    order.push(fn);
  };
  for (const [name, span] of freeNames(query.statements)) visit(name, span);
  const acyclic = order.filter((fn) => !cyclic.has(fn.name));
  if (acyclic.length === 0) return { ...none, diagnostics };

  const regions: Region[] = [];
  const injected: StatementNode[] = [];
  let base = text.length + 1;
  for (const fn of acyclic) {
    const parsed = parseFunction(fn);
    regions.push({ name: fn.name, body: fn.body, start: base, parsed, anchor: anchors.get(fn.name)! });
    if (parsed.statement !== undefined) injected.push(shifted(parsed.statement, base));
    for (const d of parsed.diagnostics) {
      diagnostics.push({ ...d, span: { start: d.span.start + base, end: d.span.end + base } });
    }
    base += parsed.text.length + 1;
  }
  const relocate = (d: KqlDiagnostic): KqlDiagnostic => {
    if (d.span.start <= text.length || d.origin !== undefined) return d;
    const region = regions.findLast((r) => r.start <= d.span.start);
    if (region === undefined) return d;
    const at = lineColumnAt(region.parsed.text, d.span.start - region.start);
    let line = at.line - 1;
    let column = at.column;
    // Past the body (the closing brace we added): an error at the end of the body's last line.
    const bodyLines = region.body.split(/\r\n|\r|\n/);
    if (line > bodyLines.length) {
      line = bodyLines.length;
      column = bodyLines[line - 1].length + 1;
    }
    const where = line < 1 ? "parameters" : `line ${line}, column ${column}`;
    return {
      ...d,
      message: `In function '${region.name}' (${where}): ${d.message}`,
      span: region.anchor,
      origin: { function: region.name, line: Math.max(line, 0), column },
    };
  };
  return {
    query: { ...query, statements: [...injected, ...query.statements] },
    diagnostics: diagnostics.map(relocate),
    functions: acyclic.map((f) => f.name),
    relocate,
  };
}
