/**
 * Operators that combine tables: `join` (every kind, `$left`/`$right` keys, `1` suffixes on collisions),
 * `lookup` and `union` (wildcards, `withsource`, `isfuzzy`).
 */
import { bindDiagnostic } from "../diagnostics/bind_codes.ts";
import type {
  ExpressionNode,
  JoinOperatorNode,
  LookupOperatorNode,
  OperatorParameterNode,
  UnionOperatorNode,
} from "../syntax/mod.ts";
import type { ColumnSchema, ScalarType } from "../symbols/mod.ts";
import type { BindContext } from "./context.ts";
import type { Scope } from "./scope.ts";
import { column, findColumn, matchesWildcard, tableOf, type TableType, uniqueName } from "./table_type.ts";

/** The value of a `name=value` operator parameter as written (bare word or literal), lower-cased. */
export function parameterValue(
  parameters: readonly OperatorParameterNode[],
  name: string,
): string | undefined {
  const p = parameters.find((x) => x.name === name);
  if (p === undefined) return undefined;
  const v = p.value;
  if (v.kind === "NameReference") return v.name;
  if (v.kind === "Literal") return String(v.value);
  return undefined;
}

/** Check `on` keys: `Col` (both sides), `$left.a == $right.b`, and `and` of those. Returns the common key names. */
function bindJoinKeys(
  ctx: BindContext,
  on: readonly ExpressionNode[],
  left: TableType,
  right: TableType,
  scope: Scope,
): Set<string> {
  const keys = new Set<string>();
  const visit = (expr: ExpressionNode) => {
    if (expr.kind === "NameReference") {
      for (const [side, table] of [["left", left], ["right", right]] as const) {
        if (findColumn(table, expr.name) === undefined && !table.open) {
          ctx.report(bindDiagnostic("joinKey", expr.span, expr.name, side));
        }
      }
      keys.add(expr.name);
      return;
    }
    if (expr.kind === "Binary" && expr.operator === "and") {
      visit(expr.left);
      visit(expr.right);
      return;
    }
    if (expr.kind === "Parenthesized") return visit(expr.expression);
    ctx.scalar(expr, { table: left, scope, aggregates: false, left, right, operator: "join" });
  };
  for (const expr of on) visit(expr);
  return keys;
}

/**
 * Bind `join`. Semi and anti kinds keep one side's columns; the others keep all the left columns, then the
 * right ones, a right column whose name is taken getting a `1` (then `2`, ...) suffix, as Kusto does.
 */
export function bindJoin(ctx: BindContext, left: TableType, op: JoinOperatorNode, scope: Scope): TableType {
  const right = ctx.tabular(op.right, scope);
  bindJoinKeys(ctx, op.on, left, right, scope);
  const kind = (parameterValue(op.parameters, "kind") ?? "innerunique").toLowerCase();
  if (kind === "leftanti" || kind === "leftsemi" || kind === "anti" || kind === "leftantisemi") {
    return { ...left, table: undefined, serialized: false };
  }
  if (kind === "rightanti" || kind === "rightsemi" || kind === "rightantisemi") {
    return { ...right, table: undefined, serialized: false };
  }
  const taken = new Set(left.columns.map((c) => c.name));
  const columns: ColumnSchema[] = [...left.columns];
  for (const c of right.columns) {
    const name = uniqueName(c.name, taken);
    taken.add(name);
    columns.push(column(name, c.type));
  }
  return tableOf(columns, { open: left.open || right.open });
}

/** Bind `lookup`: the left columns, then the right ones except the keys. */
export function bindLookup(
  ctx: BindContext,
  left: TableType,
  op: LookupOperatorNode,
  scope: Scope,
): TableType {
  const right = ctx.tabular(op.right, scope);
  const keys = bindJoinKeys(ctx, op.on, left, right, scope);
  for (const expr of op.on) {
    if (expr.kind === "Binary" && expr.operator === "==") {
      if (expr.right.kind === "MemberAccess") keys.add(expr.right.member.name);
    }
  }
  const taken = new Set(left.columns.map((c) => c.name));
  const columns: ColumnSchema[] = [...left.columns];
  for (const c of right.columns) {
    if (keys.has(c.name)) continue;
    const name = uniqueName(c.name, taken);
    taken.add(name);
    columns.push(column(name, c.type));
  }
  return tableOf(columns, { open: left.open || right.open });
}

/**
 * Bind `union` (as an operator, `input` is the piped table). Columns are merged by name in order of first
 * appearance; a name seen with several types gives one `Name_type` column per type, as in Kusto.
 */
export function bindUnion(
  ctx: BindContext,
  input: TableType | undefined,
  op: UnionOperatorNode,
  scope: Scope,
): TableType {
  const fuzzy = parameterValue(op.parameters, "isfuzzy") === "true";
  const tables: TableType[] = input === undefined ? [] : [input];
  for (const expr of op.tables) {
    if (expr.kind === "WildcardName") {
      const matches = ctx.catalog.names().filter((n) => matchesWildcard(expr.pattern, n));
      for (const name of matches) {
        const schema = ctx.catalog.get(name)!;
        tables.push(tableOf(schema.columns, { table: name }));
      }
      continue;
    }
    if (
      fuzzy && expr.kind === "NameReference" && scope.lookup(expr.name) === undefined &&
      !ctx.catalog.has(expr.name)
    ) {
      // isfuzzy=true: a missing table is skipped without an error, as Kusto does.
      continue;
    }
    tables.push(ctx.tabular(expr, scope));
  }
  const columns: ColumnSchema[] = [];
  const source = parameterValue(op.parameters, "withsource");
  if (source !== undefined) columns.push(column(source, "string"));
  // Kusto keeps one column per name; a name seen with several types becomes one column per type,
  // named `Name_type` (e.g. `EventData_string` and `EventData_dynamic`).
  const typesByName = new Map<string, ScalarType[]>();
  for (const table of tables) {
    for (const c of table.columns) {
      const types = typesByName.get(c.name) ?? [];
      if (!types.includes(c.type)) types.push(c.type);
      typesByName.set(c.name, types);
    }
  }
  const emitted = new Set<string>();
  for (const table of tables) {
    for (const c of table.columns) {
      const types = typesByName.get(c.name)!;
      const name = types.length === 1 ? c.name : `${c.name}_${c.type}`;
      if (emitted.has(name)) continue;
      emitted.add(name);
      columns.push(column(name, c.type));
    }
  }
  const open = fuzzy || tables.some((t) => t.open) || tables.length === 0;
  const single = tables.length === 1 && source === undefined ? tables[0].table : undefined;
  return tableOf(columns, { open, table: single });
}
