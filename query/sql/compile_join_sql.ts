/**
 * `join`, `lookup` and `union` to SQL. Keys match with `IS NOT DISTINCT FROM` (the in-memory engine matches null
 * keys with each other); an outer join's missing string is `""` (Kusto strings are never null), told apart from a
 * matched null by a marker column. `innerunique` (Kusto's default) keeps one left row per key, which SQL can only
 * reproduce when the left side is already unique on the key; otherwise the query falls back.
 */
import { parameterValue } from "../bind/bind_join.ts";
import type { ExpressionNode, JoinOperatorNode, LookupOperatorNode } from "../syntax/mod.ts";
import type { ColumnSchema } from "../symbols/types.ts";
import { duckDbType, quoteIdent } from "./duckdb_types.ts";
import { type Rel, type SqlContext, SqlFallback } from "./sql_context.ts";

const MARK = quoteIdent("kql$m");

interface KeyPair {
  readonly left: string;
  readonly right: string;
}

function sideName(expr: ExpressionNode): { side: string; name: string } | undefined {
  if (
    expr.kind === "MemberAccess" && expr.target.kind === "NameReference" &&
    (expr.target.name === "$left" || expr.target.name === "$right")
  ) {
    return { side: expr.target.name, name: expr.member.name };
  }
  return undefined;
}

function joinKeys(on: readonly ExpressionNode[], left: Rel, right: Rel): KeyPair[] {
  const keys: KeyPair[] = [];
  const typeOf = (rel: Rel, name: string) => rel.columns.find((c) => c.name === name)?.type;
  for (const item of on) {
    let pair: KeyPair | undefined;
    if (item.kind === "NameReference") pair = { left: item.name, right: item.name };
    else if (item.kind === "Binary" && item.operator === "==") {
      const a = sideName(item.left);
      const b = sideName(item.right);
      if (a !== undefined && b !== undefined && a.side !== b.side) {
        pair = a.side === "$left" ? { left: a.name, right: b.name } : { left: b.name, right: a.name };
      }
    }
    if (pair === undefined) throw new SqlFallback("a join condition other than equal keys", item.span);
    const lt = typeOf(left, pair.left);
    const rt = typeOf(right, pair.right);
    const cls = (t: string | undefined) => t === "guid" ? "string" : t === "int" ? "long" : t;
    if (lt === undefined || rt === undefined || cls(lt) !== cls(rt) || lt === "dynamic" || lt === "real") {
      throw new SqlFallback("join keys of different or unsupported types", item.span);
    }
    keys.push(pair);
  }
  if (keys.length === 0) throw new SqlFallback("a join without keys");
  return keys;
}

function condition(keys: readonly KeyPair[], l: string, r: string): string {
  return keys.map((k) => `${l}.${quoteIdent(k.left)} IS NOT DISTINCT FROM ${r}.${quoteIdent(k.right)}`)
    .join(" AND ");
}

function marked(rel: Rel): string {
  const cols = rel.columns.map((c) => quoteIdent(c.name)).join(", ");
  return `SELECT ${cols}${cols === "" ? "" : ", "}TRUE AS ${MARK} FROM (${rel.sql})`;
}

/** A column of an outer side: `""` for a missing string, the value otherwise. */
function outerColumn(alias: string, column: ColumnSchema): string {
  const ref = `${alias}.${quoteIdent(column.name)}`;
  return column.type === "string" ? `CASE WHEN ${alias}.${MARK} IS NULL THEN '' ELSE ${ref} END` : ref;
}

/**
 * Compile `join`.
 *
 * @param op the operator
 * @param left the input (left side)
 * @param right the right side, compiled
 * @param env the context and the binder's output columns
 */
export function compileJoin(
  op: JoinOperatorNode,
  left: Rel,
  right: Rel,
  env: { ctx: SqlContext; output: readonly ColumnSchema[] },
): Rel {
  const { ctx, output } = env;
  if (op.where !== undefined) throw new SqlFallback("a join with a where condition", op.span);
  let kind = (parameterValue(op.parameters, "kind") ?? "innerunique").toLowerCase();
  const keys = joinKeys(op.on, left, right);
  if (kind === "innerunique") {
    const keyNames = new Set(keys.map((k) => k.left));
    if (left.uniqueOn === undefined || !left.uniqueOn.every((n) => keyNames.has(n))) {
      throw new SqlFallback("an innerunique join whose left side is not unique on the key", op.span);
    }
    kind = "inner";
  }
  const l = ctx.alias();
  const r = ctx.alias();
  const on = condition(keys, l, r);
  const select = (alias: string, rel: Rel) => rel.columns.map((c) => `${alias}.${quoteIdent(c.name)}`);
  let items: string[];
  let from: string;
  switch (kind) {
    case "inner":
      items = [...select(l, left), ...select(r, right)];
      from = `(${left.sql}) AS ${l} INNER JOIN (${right.sql}) AS ${r} ON ${on}`;
      break;
    case "leftouter":
      items = [...select(l, left), ...right.columns.map((c) => outerColumn(r, c))];
      from = `(${left.sql}) AS ${l} LEFT JOIN (${marked(right)}) AS ${r} ON ${on}`;
      break;
    case "rightouter":
      items = [...left.columns.map((c) => outerColumn(l, c)), ...select(r, right)];
      from = `(${marked(left)}) AS ${l} RIGHT JOIN (${right.sql}) AS ${r} ON ${on}`;
      break;
    case "fullouter":
      items = [...left.columns.map((c) => outerColumn(l, c)), ...right.columns.map((c) => outerColumn(r, c))];
      from = `(${marked(left)}) AS ${l} FULL JOIN (${marked(right)}) AS ${r} ON ${on}`;
      break;
    case "leftsemi":
      items = select(l, left);
      from = `(${left.sql}) AS ${l} SEMI JOIN (${right.sql}) AS ${r} ON ${on}`;
      break;
    case "leftanti":
    case "anti":
    case "leftantisemi":
      items = select(l, left);
      from = `(${left.sql}) AS ${l} ANTI JOIN (${right.sql}) AS ${r} ON ${on}`;
      break;
    case "rightsemi":
      items = select(r, right);
      from = `(${right.sql}) AS ${r} SEMI JOIN (${left.sql}) AS ${l} ON ${on}`;
      break;
    case "rightanti":
    case "rightantisemi":
      items = select(r, right);
      from = `(${right.sql}) AS ${r} ANTI JOIN (${left.sql}) AS ${l} ON ${on}`;
      break;
    default:
      throw new SqlFallback(`join kind '${kind}'`, op.span);
  }
  if (items.length !== output.length) throw new SqlFallback("join output columns", op.span);
  const columns = items.map((sql, i) => `${sql} AS ${quoteIdent(output[i].name)}`);
  const semi = kind.includes("semi") || kind.includes("anti");
  const uniqueOn = semi ? (kind.startsWith("right") ? right.uniqueOn : left.uniqueOn) : undefined;
  return { sql: `SELECT ${columns.join(", ")} FROM ${from}`, columns: output, ordered: false, uniqueOn };
}

/**
 * Compile `lookup` (`on` key names only): the left rows with the right side's other columns.
 *
 * @param op the operator
 * @param left the input
 * @param right the right side, compiled
 * @param env the context and the binder's output columns
 */
export function compileLookup(
  op: LookupOperatorNode,
  left: Rel,
  right: Rel,
  env: { ctx: SqlContext; output: readonly ColumnSchema[] },
): Rel {
  const { ctx, output } = env;
  const kind = (parameterValue(op.parameters, "kind") ?? "leftouter").toLowerCase();
  if (kind !== "leftouter" && kind !== "inner") throw new SqlFallback(`lookup kind '${kind}'`, op.span);
  if (op.on.some((e) => e.kind !== "NameReference")) {
    throw new SqlFallback("a lookup on $left/$right", op.span);
  }
  const keys = joinKeys(op.on, left, right);
  const keyNames = new Set(keys.map((k) => k.right));
  const l = ctx.alias();
  const r = ctx.alias();
  const rest = right.columns.filter((c) => !keyNames.has(c.name));
  const items = [
    ...left.columns.map((c) => `${l}.${quoteIdent(c.name)}`),
    ...rest.map((c) => kind === "leftouter" ? outerColumn(r, c) : `${r}.${quoteIdent(c.name)}`),
  ];
  if (items.length !== output.length) throw new SqlFallback("lookup output columns", op.span);
  const join = kind === "inner" ? "INNER JOIN" : "LEFT JOIN";
  const rightSql = kind === "inner" ? right.sql : marked(right);
  const columns = items.map((sql, i) => `${sql} AS ${quoteIdent(output[i].name)}`);
  return {
    sql: `SELECT ${columns.join(", ")} FROM (${left.sql}) AS ${l} ${join} (${rightSql}) AS ${r} ON ${
      condition(keys, l, r)
    }`,
    columns: output,
    ordered: false,
  };
}

/**
 * Compile an outer `union` of relations into the binder's output schema: each part supplies the columns it has,
 * nulls elsewhere. A name with different types in different parts falls back.
 *
 * @param parts the relations
 * @param output the binder's output columns
 * @param span where to report a fallback
 */
export function compileUnion(
  parts: readonly Rel[],
  output: readonly ColumnSchema[],
  span: ExpressionNode["span"],
): Rel {
  const types = new Map<string, string>();
  for (const part of parts) {
    for (const c of part.columns) {
      if (types.has(c.name) && types.get(c.name) !== c.type) {
        throw new SqlFallback("a union of a column with different types", span);
      }
      types.set(c.name, c.type);
    }
  }
  const selects = parts.map((part) => {
    const used = new Set<string>();
    const items = output.map((col) => {
      const found = part.columns.find((c) => c.name === col.name && c.type === col.type);
      if (found === undefined) {
        // Kusto strings are never null: a part without the column gives "" there, as the in-memory engine does.
        const missing = col.type === "string" ? "''" : `CAST(NULL AS ${sqlTypeOf(col)})`;
        return `${missing} AS ${quoteIdent(col.name)}`;
      }
      used.add(found.name);
      return `${quoteIdent(found.name)} AS ${quoteIdent(col.name)}`;
    });
    if (part.columns.some((c) => !used.has(c.name))) throw new SqlFallback("union columns", span);
    return `SELECT ${items.join(", ")} FROM (${part.sql})`;
  });
  return { sql: selects.map((s) => `(${s})`).join(" UNION ALL "), columns: output, ordered: false };
}

function sqlTypeOf(col: ColumnSchema): string {
  return duckDbType(col.type);
}
