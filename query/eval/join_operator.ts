/**
 * `join` (every kind) and `lookup`. The right side is materialized and hashed on its key values; the left side
 * is streamed against the hash. Keys are `Col`, `$left.a == $right.b` and `and` of those; the
 * `join ... where predicate` form and other conditions run as a nested loop over the pair.
 */
import { uniqueName } from "../bind/table_type.ts";
import { parameterValue } from "../bind/bind_join.ts";
import type { ExpressionNode, JoinOperatorNode, LookupOperatorNode } from "../syntax/ast.ts";
import type { ColumnSchema } from "../symbols/types.ts";
import { type Value, valueKey } from "../values/mod.ts";
import { evalDiagnostic, EvalStop } from "./eval_codes.ts";
import { layoutOf } from "./eval_context.ts";
import { compileScalar } from "./compile_scalar.ts";
import type { OperatorSite, PipeEnv } from "./pipe_env.ts";
import { type Eval, missingValue, type PushOperator, type Row, type Table } from "./push_operator.ts";

const KINDS = new Set([
  "innerunique",
  "inner",
  "leftouter",
  "rightouter",
  "fullouter",
  "leftanti",
  "anti",
  "leftantisemi",
  "rightanti",
  "rightantisemi",
  "leftsemi",
  "rightsemi",
]);

interface JoinKeys {
  left: number[];
  right: number[];
  /** Conditions that are not plain key equalities, over `[...left, ...right]`. */
  residual: Eval[];
}

function joinKeys(
  on: readonly ExpressionNode[],
  where: ExpressionNode | undefined,
  left: readonly ColumnSchema[],
  right: readonly ColumnSchema[],
  env: PipeEnv,
): JoinKeys {
  const keys: JoinKeys = { left: [], right: [], residual: [] };
  const ll = layoutOf(left);
  const rl = layoutOf(right);
  const sideColumn = (e: ExpressionNode, side: "$left" | "$right") =>
    e.kind === "MemberAccess" && e.target.kind === "NameReference" && e.target.name === side
      ? (side === "$left" ? ll : rl).index.get(e.member.name)
      : undefined;
  const residual = (e: ExpressionNode) =>
    keys.residual.push(
      compileScalar(e, { ctx: env.ctx, scope: env.scope, layout: ll, sides: { left: ll, right: rl } }).eval,
    );
  const visit = (e: ExpressionNode): void => {
    if (e.kind === "Parenthesized") return visit(e.expression);
    if (e.kind === "Binary" && e.operator === "and") {
      visit(e.left);
      visit(e.right);
      return;
    }
    if (e.kind === "NameReference") {
      const a = ll.index.get(e.name);
      const b = rl.index.get(e.name);
      if (a === undefined || b === undefined) {
        throw new EvalStop(evalDiagnostic("unsupportedExpression", e.span, e.name));
      }
      keys.left.push(a);
      keys.right.push(b);
      return;
    }
    if (e.kind === "Binary" && e.operator === "==") {
      const a = sideColumn(e.left, "$left") ?? sideColumn(e.right, "$left");
      const b = sideColumn(e.right, "$right") ?? sideColumn(e.left, "$right");
      if (a !== undefined && b !== undefined) {
        keys.left.push(a);
        keys.right.push(b);
        return;
      }
    }
    residual(e);
  };
  for (const e of on) visit(e);
  if (where !== undefined) residual(where);
  return keys;
}

function keyOf(row: Row, positions: readonly number[]): string {
  if (positions.length === 1) return valueKey(row[positions[0]]);
  let key = "";
  for (const p of positions) key += valueKey(row[p]) + "\u0001";
  return key;
}

function combinedColumns(left: readonly ColumnSchema[], right: readonly ColumnSchema[], skip?: Set<number>) {
  const taken = new Set(left.map((c) => c.name));
  const columns = [...left];
  right.forEach((c, i) => {
    if (skip?.has(i)) return;
    const name = uniqueName(c.name, taken);
    taken.add(name);
    columns.push({ name, type: c.type });
  });
  return columns;
}

/** `join kind=... (right) on keys`. */
export function compileJoin(
  op: JoinOperatorNode,
  site: OperatorSite,
): PushOperator {
  const { input, next, env } = site;
  const kind = (parameterValue(op.parameters, "kind") ?? "innerunique").toLowerCase();
  if (!KINDS.has(kind)) {
    throw new EvalStop(evalDiagnostic("unsupportedOption", op.span, "join", `kind=${kind}`));
  }
  const right = env.ctx.evaluateTable(op.right, env.scope);
  const keys = joinKeys(op.on, op.where, input, right.columns, env);
  const leftOnly = kind === "leftanti" || kind === "anti" || kind === "leftantisemi" || kind === "leftsemi";
  const rightOnly = kind === "rightanti" || kind === "rightantisemi" || kind === "rightsemi";
  let columns = leftOnly
    ? [...input]
    : rightOnly
    ? [...right.columns]
    : combinedColumns(input, right.columns);
  const bound = env.ctx.info.tables.get(op)?.columns;
  if (bound !== undefined && bound.length === columns.length) columns = bound.map((c) => ({ ...c }));
  const downstream = next(columns);
  return joinRunner(kind, keys, input, right, downstream, env, op.span);
}

function joinRunner(
  kind: string,
  keys: JoinKeys,
  leftColumns: readonly ColumnSchema[],
  right: Table,
  downstream: PushOperator,
  env: PipeEnv,
  span: ExpressionNode["span"],
): PushOperator {
  const hash = new Map<string, number[]>();
  right.rows.forEach((row, i) => {
    const key = keyOf(row, keys.right);
    const list = hash.get(key);
    if (list === undefined) hash.set(key, [i]);
    else list.push(i);
  });
  const matchedRight = new Uint8Array(right.rows.length);
  const seenLeft = new Set<string>();
  const nullsLeft: Value[] = leftColumns.map((c) => missingValue(c.type));
  const nullsRight: Value[] = right.columns.map((c) => missingValue(c.type));
  const residual = keys.residual;
  const pairOk = (l: Row, r: Row) => {
    if (residual.length === 0) return true;
    const both = [...l, ...r];
    return residual.every((f) => f(both) === true);
  };
  let produced = 0;
  return {
    push(rows) {
      env.ctx.checkAbort(span);
      const out: Row[] = [];
      for (const l of rows) {
        const key = keyOf(l, keys.left);
        if (kind === "innerunique") {
          if (seenLeft.has(key)) continue;
          seenLeft.add(key);
        }
        const candidates = hash.get(key) ?? [];
        let matched = false;
        for (const ri of candidates) {
          const r = right.rows[ri];
          if (!pairOk(l, r)) continue;
          matched = true;
          matchedRight[ri] = 1;
          if (
            kind === "innerunique" || kind === "inner" || kind === "leftouter" || kind === "rightouter" ||
            kind === "fullouter"
          ) {
            out.push([...l, ...r]);
          } else if (kind === "leftsemi") break;
        }
        if (!matched && (kind === "leftouter" || kind === "fullouter")) out.push([...l, ...nullsRight]);
        if (matched && kind === "leftsemi") out.push(l);
        if (!matched && (kind === "leftanti" || kind === "anti" || kind === "leftantisemi")) out.push(l);
      }
      produced += out.length;
      env.ctx.checkRows(produced, span);
      if (out.length > 0) downstream.push(out);
    },
    finish() {
      const out: Row[] = [];
      right.rows.forEach((r, i) => {
        const m = matchedRight[i] === 1;
        if (!m && (kind === "rightouter" || kind === "fullouter")) out.push([...nullsLeft, ...r]);
        if (m && kind === "rightsemi") out.push(r);
        if (!m && (kind === "rightanti" || kind === "rightantisemi")) out.push(r);
      });
      if (out.length > 0) downstream.push(out);
      downstream.finish();
    },
  };
}

/** `lookup kind=leftouter|inner (right) on keys`: like a join, without the right key columns. */
export function compileLookup(
  op: LookupOperatorNode,
  site: OperatorSite,
): PushOperator {
  const { input, next, env } = site;
  const kind = (parameterValue(op.parameters, "kind") ?? "leftouter").toLowerCase();
  if (kind !== "leftouter" && kind !== "inner") {
    throw new EvalStop(evalDiagnostic("unsupportedOption", op.span, "lookup", `kind=${kind}`));
  }
  const right = env.ctx.evaluateTable(op.right, env.scope);
  const keys = joinKeys(op.on, undefined, input, right.columns, env);
  const skip = new Set(keys.right);
  let columns = combinedColumns(input, right.columns, skip);
  const bound = env.ctx.info.tables.get(op)?.columns;
  if (bound !== undefined && bound.length === columns.length) columns = bound.map((c) => ({ ...c }));
  const keep = right.columns.map((_, i) => i).filter((i) => !skip.has(i));
  const downstream = next(columns);
  const projected: Table = {
    columns: keep.map((i) => right.columns[i]),
    rows: right.rows.map((r) => keep.map((i) => r[i])),
  };
  // Hash on the full right rows, emit only the non-key columns.
  const hash = new Map<string, number[]>();
  right.rows.forEach((row, i) => {
    const key = keyOf(row, keys.right);
    const list = hash.get(key);
    if (list === undefined) hash.set(key, [i]);
    else list.push(i);
  });
  const nulls: Value[] = keep.map((i) => missingValue(right.columns[i].type));
  return {
    push(rows) {
      const out: Row[] = [];
      for (const l of rows) {
        const candidates = hash.get(keyOf(l, keys.left));
        if (candidates === undefined || candidates.length === 0) {
          if (kind === "leftouter") out.push([...l, ...nulls]);
          continue;
        }
        for (const ri of candidates) out.push([...l, ...projected.rows[ri]]);
      }
      if (out.length > 0) downstream.push(out);
    },
    finish: () => downstream.finish(),
  };
}
