/**
 * The binder: resolves tables, columns, `let` names and functions against the catalog and the function
 * registry, infers every expression's type and every operator's output schema, and reports KQL2xxx
 * diagnostics. It never throws on user input.
 */
import { bindDiagnostic } from "../diagnostics/bind_codes.ts";
import type { KqlDiagnostic } from "../diagnostics/diagnostic.ts";
import type {
  ExpressionNode,
  FunctionCallNode,
  FunctionDefinitionNode,
  NameReferenceNode,
  QueryNode,
  QueryOperatorNode,
  StatementNode,
} from "../syntax/mod.ts";
import { accepts, FunctionRegistry } from "../symbols/mod.ts";
import { Catalog } from "../symbols/mod.ts";
import { type ScalarType, toScalarType } from "../symbols/mod.ts";
import { bindLeadingOperator, bindOperator } from "./bind_operators.ts";
import { bindScalarExpression } from "./bind_scalar.ts";
import type { BindContext, CallResult, RowContext } from "./context.ts";
import { Scope } from "./scope.ts";
import { column, ERROR_TABLE, tableOf, type TableType } from "./table_type.ts";

/** How deep tabular expressions and function calls may nest before binding gives up (with KQL2017). */
const MAX_DEPTH = 64;

/** What binding found out about a query, for the planners and `kql explain`. */
export interface BoundInfo {
  /** The type of every bound scalar expression. */
  readonly types: ReadonlyMap<ExpressionNode, ScalarType>;
  /** The schema of every bound tabular expression and the output of every operator. */
  readonly tables: ReadonlyMap<ExpressionNode | QueryOperatorNode, TableType>;
  /** Catalog tables the query reads. */
  readonly sources: ReadonlySet<string>;
  /** Names that refer to a tabular `let`, with the expression they stand for. */
  readonly letTargets: ReadonlyMap<NameReferenceNode, ExpressionNode>;
  /** Calls of `let` functions, with the function they call. */
  readonly calls: ReadonlyMap<FunctionCallNode, FunctionDefinitionNode>;
}

/** The query's result: a table (most queries) or a scalar (`print`-less scalar statements). */
export type BoundResult = CallResult;

/** The outcome of binding: the result shape, the diagnostics and the bound information. */
export interface BindResult {
  readonly result: BoundResult | undefined;
  readonly diagnostics: KqlDiagnostic[];
  readonly info: BoundInfo;
}

/** What binding needs besides the tree. */
export interface BindOptions {
  /** The tables; defaults to the built-in catalog. */
  readonly catalog?: Catalog;
  /** The functions; defaults to the built-in registry. */
  readonly functions?: FunctionRegistry;
}

class Binder implements BindContext {
  readonly catalog: Catalog;
  readonly functions: FunctionRegistry;
  readonly diagnostics: KqlDiagnostic[] = [];
  readonly types = new Map<ExpressionNode, ScalarType>();
  readonly tables = new Map<ExpressionNode | QueryOperatorNode, TableType>();
  readonly sources = new Set<string>();
  readonly letTargets = new Map<NameReferenceNode, ExpressionNode>();
  readonly calls = new Map<FunctionCallNode, FunctionDefinitionNode>();
  #depth = 0;
  #tooDeep = false;

  constructor(catalog: Catalog, functions: FunctionRegistry) {
    this.catalog = catalog;
    this.functions = functions;
  }

  report(diagnostic: KqlDiagnostic): void {
    this.diagnostics.push(diagnostic);
  }

  #enter(span: { start: number; end: number }): boolean {
    if (this.#depth >= MAX_DEPTH) {
      if (!this.#tooDeep) this.report(bindDiagnostic("tooDeep", span));
      this.#tooDeep = true;
      return false;
    }
    this.#depth++;
    return true;
  }

  scalar(expr: ExpressionNode, row: RowContext): ScalarType {
    if (!this.#enter(expr.span)) return "dynamic";
    try {
      const type = bindScalarExpression(this, expr, row);
      this.types.set(expr, type);
      return type;
    } finally {
      this.#depth--;
    }
  }

  tabular(expr: ExpressionNode, scope: Scope): TableType {
    if (!this.#enter(expr.span)) return ERROR_TABLE;
    try {
      const table = this.#tabular(expr, scope);
      this.tables.set(expr, table);
      return table;
    } finally {
      this.#depth--;
    }
  }

  operators(input: TableType, operators: readonly QueryOperatorNode[], scope: Scope): TableType {
    let table = input;
    for (const op of operators) {
      table = bindOperator(this, table, op, scope);
      this.tables.set(op, table);
    }
    return table;
  }

  #tabular(expr: ExpressionNode, scope: Scope): TableType {
    switch (expr.kind) {
      case "Pipe":
        return this.operators(this.tabular(expr.source, scope), expr.operators, scope);
      case "Parenthesized":
        return this.tabular(expr.expression, scope);
      case "NameReference":
        return this.#tableName(expr, scope);
      case "FunctionCall":
        return this.#tableCall(expr, scope);
      case "Datatable":
      case "ExternalData": {
        const columns = expr.columns.map((c) => {
          const type = toScalarType(c.type.name);
          if (type === undefined) this.report(bindDiagnostic("invalidType", c.type.span, c.type.name));
          return column(c.name.name, type ?? "dynamic");
        });
        const row: RowContext = { table: tableOf([]), scope, aggregates: false };
        const values = expr.kind === "Datatable" ? expr.values : expr.uris;
        for (const value of values) this.scalar(value, row);
        return tableOf(columns, { serialized: true });
      }
      case "Union":
      case "Range":
      case "Print":
      case "Search":
      case "Find":
      case "Evaluate":
        return bindLeadingOperator(this, undefined, expr, scope);
      case "ErrorExpression":
        return ERROR_TABLE;
      default:
        this.scalar(expr, { table: ERROR_TABLE, scope, aggregates: false });
        this.report(bindDiagnostic("expectedTabular", expr.span));
        return ERROR_TABLE;
    }
  }

  #tableName(expr: NameReferenceNode, scope: Scope): TableType {
    const symbol = scope.lookup(expr.name);
    if (symbol?.kind === "tabular") {
      if (symbol.expression !== undefined) this.letTargets.set(expr, symbol.expression);
      return symbol.table;
    }
    if (symbol?.kind === "function") {
      const call: FunctionCallNode = {
        kind: "FunctionCall",
        name: { kind: "Name", name: expr.name, bracketed: expr.bracketed, span: expr.span },
        arguments: [],
        span: expr.span,
      };
      const result = this.callLetFunction(call, scope, undefined);
      if (result?.kind === "tabular") return result.table;
      this.report(bindDiagnostic("expectedTabular", expr.span));
      return ERROR_TABLE;
    }
    if (symbol?.kind === "scalar") {
      this.report(bindDiagnostic("expectedTabular", expr.span));
      return ERROR_TABLE;
    }
    const schema = this.catalog.get(expr.name);
    if (schema !== undefined) {
      this.sources.add(schema.name);
      return tableOf(schema.columns, { table: schema.name, open: this.catalog.isOpen(schema.name) });
    }
    this.report(bindDiagnostic("unknownTable", expr.span, expr.name, this.catalog.suggest(expr.name)));
    return ERROR_TABLE;
  }

  #tableCall(call: FunctionCallNode, scope: Scope): TableType {
    const local = this.callLetFunction(call, scope, undefined);
    if (local !== undefined) {
      if (local.kind === "tabular") return local.table;
      this.report(bindDiagnostic("expectedTabular", call.span));
      return ERROR_TABLE;
    }
    const name = call.name.name;
    const args = call.arguments;
    if ((name === "materialize" || name === "view") && args.length === 1) return this.tabular(args[0], scope);
    if (name === "table" && args.length >= 1) {
      const arg = args[0];
      if (arg.kind === "Literal" && typeof arg.value === "string") {
        return this.#tableName(
          { kind: "NameReference", name: arg.value, bracketed: true, span: arg.span },
          scope,
        );
      }
      this.scalar(arg, { table: tableOf([]), scope, aggregates: false });
      // `table(name)` inside a function, with `name` a parameter given a literal at the call.
      const symbol = arg.kind === "NameReference" ? scope.lookup(arg.name) : undefined;
      if (symbol?.kind === "scalar" && symbol.value !== undefined) {
        return this.#tableName(
          { kind: "NameReference", name: symbol.value, bracketed: true, span: arg.span },
          scope,
        );
      }
      return ERROR_TABLE;
    }
    const open: RowContext = { table: ERROR_TABLE, scope, aggregates: false };
    for (const arg of args) this.scalar(arg.kind === "NamedExpression" ? arg.expression : arg, open);
    if (this.functions.get(name) !== undefined) {
      this.report(bindDiagnostic("expectedTabular", call.span));
      return ERROR_TABLE;
    }
    // Not a let function nor a built-in: a stored function (ASIM or vendor parser) we do not have.
    this.report(bindDiagnostic("unknownTable", call.name.span, name, this.catalog.suggest(name)));
    return ERROR_TABLE;
  }

  isTabular(expr: ExpressionNode, scope: Scope, row?: TableType): boolean {
    switch (expr.kind) {
      case "Pipe":
      case "Datatable":
      case "ExternalData":
      case "Union":
      case "Range":
      case "Print":
      case "Search":
      case "Find":
      case "Evaluate":
        return true;
      case "Parenthesized":
        return this.isTabular(expr.expression, scope, row);
      case "NameReference": {
        if (row !== undefined && row.columns.some((c) => c.name === expr.name)) return false;
        const symbol = scope.lookup(expr.name);
        if (symbol?.kind === "function") {
          // A bare name calls a function when it needs no arguments (stored functions are used that way).
          const definition = symbol.definition;
          return definition.isView ||
            (definition.parameters.every((p) => p.defaultValue !== undefined) &&
              this.#returnsTabular(definition, symbol.scope));
        }
        if (symbol !== undefined) return symbol.kind === "tabular";
        // Outside a row (the value of a `let`), an unknown name is most likely a table or stored function.
        return this.catalog.has(expr.name) || row === undefined;
      }
      case "FunctionCall": {
        const name = expr.name.name;
        const symbol = scope.lookup(name);
        if (symbol?.kind === "function") return this.#returnsTabular(symbol.definition, symbol.scope);
        if (symbol !== undefined) return false;
        if (name === "materialize" || name === "table" || name === "view") return true;
        if (this.functions.get(name) !== undefined || name === "toscalar" || name === "column_ifexists") {
          return false;
        }
        return row === undefined;
      }
      default:
        return false;
    }
  }

  #returnsTabular(definition: FunctionDefinitionNode, closure: Scope): boolean {
    // A function that refers to itself would otherwise recurse here without end.
    if (!this.#enter(definition.span)) return false;
    try {
      return this.#bodyIsTabular(definition, closure);
    } finally {
      this.#depth--;
    }
  }

  #bodyIsTabular(definition: FunctionDefinitionNode, closure: Scope): boolean {
    const scope = new Scope(closure);
    for (const p of definition.parameters) {
      scope.define(
        p.name.name,
        p.type.kind === "TabularType"
          ? { kind: "tabular", table: ERROR_TABLE }
          : { kind: "scalar", type: toScalarType(p.type.name) ?? "dynamic" },
      );
    }
    const statements = definition.body;
    for (const s of statements) {
      if (s.kind !== "LetStatement") continue;
      if (s.value.kind === "FunctionDefinition") {
        scope.define(s.name.name, { kind: "function", definition: s.value, scope });
      } else {
        const tabular = this.isTabular(s.value, scope);
        scope.define(
          s.name.name,
          tabular ? { kind: "tabular", table: ERROR_TABLE } : { kind: "scalar", type: "dynamic" },
        );
      }
    }
    const last = [...statements].reverse().find((s) => s.kind === "ExpressionStatement");
    return last?.kind === "ExpressionStatement" && this.isTabular(last.expression, scope);
  }

  callLetFunction(
    call: FunctionCallNode,
    scope: Scope,
    row: RowContext | undefined,
    input?: TableType,
  ): CallResult | undefined {
    const symbol = scope.lookup(call.name.name);
    if (symbol?.kind !== "function") return undefined;
    const definition = symbol.definition;
    this.calls.set(call, definition);
    if (!this.#enter(call.span)) return { kind: "tabular", table: ERROR_TABLE };
    try {
      const body = new Scope(symbol.scope);
      const params = definition.parameters;
      const positional = call.arguments.filter((a) => a.kind !== "NamedExpression");
      const named = new Map<string, ExpressionNode>();
      for (const arg of call.arguments) {
        if (arg.kind !== "NamedExpression") continue;
        const name = arg.names[0].name;
        if (!params.some((p) => p.name.name === name)) {
          this.report(bindDiagnostic("unknownParameter", arg.span, name, call.name.name));
        }
        named.set(name, arg.expression);
      }
      const given = positional.length + named.size + (input === undefined ? 0 : 1);
      const required = params.filter((p) => p.defaultValue === undefined).length;
      if (given < required || positional.length + (input === undefined ? 0 : 1) > params.length) {
        const expected = required === params.length ? `${required}` : `${required} to ${params.length}`;
        this.report(bindDiagnostic("wrongArgumentCount", call.span, call.name.name, expected, given));
      }
      const argRow: RowContext = row ?? { table: tableOf([]), scope, aggregates: false };
      let next = 0;
      params.forEach((param, i) => {
        const name = param.name.name;
        if (i === 0 && input !== undefined) {
          body.define(name, { kind: "tabular", table: input });
          return;
        }
        const arg = named.get(name) ??
          (named.size === 0 || next < positional.length ? positional[next++] : undefined);
        if (param.type.kind === "TabularType") {
          body.define(name, {
            kind: "tabular",
            table: arg === undefined ? ERROR_TABLE : this.tabular(arg, scope),
          });
          return;
        }
        const declared = toScalarType(param.type.name);
        if (declared === undefined) {
          this.report(bindDiagnostic("invalidType", param.type.span, param.type.name));
        }
        const source = arg ?? param.defaultValue;
        if (source !== undefined) {
          const actual = this.scalar(source, arg === undefined ? { ...argRow, table: tableOf([]) } : argRow);
          if (declared !== undefined && !accepts(declared, actual)) {
            this.report(
              bindDiagnostic("wrongArgumentType", source.span, call.name.name, i + 1, declared, actual),
            );
          }
        }
        const value = source?.kind === "Literal" && typeof source.value === "string"
          ? source.value
          : undefined;
        body.define(name, { kind: "scalar", type: declared ?? "dynamic", value });
      });
      return this.statements(definition.body, body) ?? { kind: "tabular", table: ERROR_TABLE };
    } finally {
      this.#depth--;
    }
  }

  /** Bind statements in order; the result is the last expression statement's. */
  statements(statements: readonly StatementNode[], scope: Scope): CallResult | undefined {
    let result: CallResult | undefined;
    for (const statement of statements) {
      switch (statement.kind) {
        case "LetStatement": {
          const value = statement.value;
          const name = statement.name.name;
          if (value.kind === "FunctionDefinition") {
            scope.define(name, { kind: "function", definition: value, scope });
          } else if (this.isTabular(value, scope)) {
            scope.define(name, { kind: "tabular", table: this.tabular(value, scope), expression: value });
          } else {
            const type = this.scalar(value, { table: tableOf([]), scope, aggregates: false });
            scope.define(name, { kind: "scalar", type });
          }
          break;
        }
        case "DeclareQueryParametersStatement":
          for (const p of statement.parameters) {
            const type = p.type.kind === "ScalarType" ? toScalarType(p.type.name) : undefined;
            if (p.defaultValue !== undefined) {
              this.scalar(p.defaultValue, { table: tableOf([]), scope, aggregates: false });
            }
            if (p.type.kind === "TabularType") {
              scope.define(p.name.name, { kind: "tabular", table: ERROR_TABLE });
            } else scope.define(p.name.name, { kind: "scalar", type: type ?? "dynamic" });
          }
          break;
        case "SetStatement":
          break;
        case "ExpressionStatement": {
          const expr = statement.expression;
          result = this.isTabular(expr, scope)
            ? { kind: "tabular", table: this.tabular(expr, scope) }
            : { kind: "scalar", type: this.scalar(expr, { table: tableOf([]), scope, aggregates: false }) };
        }
      }
    }
    return result;
  }
}

/** Keep one copy of diagnostics repeated by binding a function body at each call. */
function dedupe(diagnostics: readonly KqlDiagnostic[]): KqlDiagnostic[] {
  const seen = new Set<string>();
  const out: KqlDiagnostic[] = [];
  for (const d of diagnostics) {
    const key = `${d.code}|${d.span.start}|${d.span.end}|${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

/**
 * Bind a parsed query.
 *
 * @param query the syntax tree from `parseQuery`
 * @param options the catalog and function registry (built-ins by default)
 * @returns the result shape, KQL2xxx diagnostics and bound information; never throws
 * @example
 * ```ts
 * import { parseQuery } from "../parse/mod.ts";
 * import { bindQuery } from "./binder.ts";
 * const { result, diagnostics } = bindQuery(parseQuery("SecurityEvent | summarize count() by Account").query);
 * result?.kind === "tabular" && result.table.columns.map((c) => c.name); // ["Account", "count_"]
 * diagnostics.length; // 0
 * ```
 */
export function bindQuery(query: QueryNode, options: BindOptions = {}): BindResult {
  const binder = new Binder(
    options.catalog ?? Catalog.builtin(),
    options.functions ?? FunctionRegistry.builtin(),
  );
  const result = binder.statements(query.statements, new Scope());
  if (result === undefined && query.statements.length > 0) {
    binder.report(bindDiagnostic("noResult", query.span));
  }
  return {
    result,
    diagnostics: dedupe(binder.diagnostics),
    info: {
      types: binder.types,
      tables: binder.tables,
      sources: binder.sources,
      letTargets: binder.letTargets,
      calls: binder.calls,
    },
  };
}
