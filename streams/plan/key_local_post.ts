/**
 * The rest of a query that works group by group: `leaf | row-wise operators`, or `leafA | join (leafB) on <the
 * group keys of both> | row-wise operators`, where the leaves are summarize leaves grouped by the same keys and
 * nothing reads `now()`. Then each group's output rows depend on that group's rows only, so they are cached
 * per group key and recomputed only for the groups whose partial results changed since the last instant: an
 * instant costs O(changed groups) operator work, however many groups the window holds. The output lists the
 * groups in the left leaf's order, and a group's join output is `[...left, ...right]`, as the evaluator's join
 * gives them (query/eval/join_operator.ts).
 */
import type { BoundInfo } from "../../query/bind/binder.ts";
import { parameterValue } from "../../query/bind/bind_join.ts";
import { ROW_WISE_OPERATORS } from "../../query/bind/classify_mode.ts";
import { missingValue, type Row } from "../../query/eval/push_operator.ts";
import type { Catalog, ColumnSchema } from "../../query/symbols/mod.ts";
import type { ExpressionNode, QueryNode, SyntaxNode } from "../../query/syntax/mod.ts";
import { forEachDescendant } from "../../query/syntax/mod.ts";
import { compileRowWise } from "./leaf_pipeline.ts";

/** A summarize leaf's window result, by group key. */
export interface KeyedRows {
  /** The group keys, in the order the leaf's rows are listed. */
  readonly keys: () => readonly string[];
  /** Groups recomputed since the previous read (including the ones that left the window). */
  readonly changed: ReadonlySet<string>;
  /** A group's row, by key. */
  readonly rowOf: (key: string) => Row | undefined;
}

/** A leaf as the post query sees it. */
export interface PostLeaf {
  readonly name: string;
  readonly columns: readonly ColumnSchema[];
  /** Its group-key columns (the first columns of its output), or undefined when it has no summarize. */
  readonly keyColumns?: readonly string[];
}

/** The compiled group-by-group rest of a query. */
export interface KeyLocalPost {
  /** The leaves it reads: the left one, and the right one of the join. */
  readonly leaves: readonly string[];
  /** Forget the cached groups (the leaves start over). */
  reset(): void;
  run(inputs: readonly KeyedRows[]): { columns: readonly ColumnSchema[]; rows: Row[] };
}

function unwrap(e: ExpressionNode): ExpressionNode {
  return e.kind === "Parenthesized" ? unwrap(e.expression) : e;
}

function readsInstant(node: SyntaxNode): boolean {
  let found = false;
  const check = (n: SyntaxNode) => {
    if (n.kind === "FunctionCall" && ["now", "ago"].includes(n.name.name.toLowerCase())) found = true;
  };
  check(node);
  forEachDescendant(node, check);
  return found;
}

/**
 * Recognise and compile a group-by-group rest of a query.
 *
 * @param query the rewritten query (leaves replaced by their tables)
 * @param context its bound information, the catalog it was bound with, and the leaves
 * @returns the compiled rest, or undefined when the query has another shape
 */
export function keyLocalPost(
  query: QueryNode,
  context: { info: BoundInfo; catalog: Catalog; leaves: readonly PostLeaf[] },
): KeyLocalPost | undefined {
  const statements = query.statements;
  const last = statements[statements.length - 1];
  if (last?.kind !== "ExpressionStatement" || last.expression.kind !== "Pipe") return undefined;
  const pipe = last.expression;
  const leafOf = (e: ExpressionNode) => {
    const u = unwrap(e);
    return u.kind === "NameReference" ? context.leaves.find((l) => l.name === u.name) : undefined;
  };
  const left = leafOf(pipe.source);
  if (left?.keyColumns === undefined || left.keyColumns.length === 0) return undefined;
  let operators = pipe.operators;
  let right: PostLeaf | undefined;
  let outer = false;
  const first = operators[0];
  if (first?.kind === "Join") {
    right = leafOf(first.right);
    const kind = parameterValue(first.parameters, "kind") ?? "innerunique";
    if (right?.keyColumns === undefined || first.where !== undefined) return undefined;
    if (!["inner", "innerunique", "leftouter"].includes(kind)) return undefined;
    outer = kind === "leftouter";
    // Same group keys, same order and types, and the join is on exactly them.
    const keys = left.keyColumns;
    if (right.keyColumns.join("\u0001") !== keys.join("\u0001")) return undefined;
    const typeOf = (leaf: PostLeaf, name: string) => leaf.columns.find((c) => c.name === name)?.type;
    if (keys.some((k) => typeOf(left, k) !== typeOf(right!, k))) return undefined;
    const on = first.on.map((e) => (e.kind === "NameReference" ? e.name : undefined));
    if (on.some((n) => n === undefined) || new Set(on).size !== keys.length) return undefined;
    if (!on.every((n) => keys.includes(n!))) return undefined;
    operators = operators.slice(1);
  }
  const readsLeaf = (node: SyntaxNode) => {
    let found = false;
    forEachDescendant(node, (n) => {
      if (n.kind === "NameReference" && context.leaves.some((l) => l.name === n.name)) found = true;
    });
    return found;
  };
  if (!operators.every((op) => ROW_WISE_OPERATORS.has(op.kind) && !readsInstant(op) && !readsLeaf(op))) {
    return undefined;
  }
  for (const s of statements) if (s.kind === "LetStatement" && readsInstant(s)) return undefined;
  const input = right === undefined
    ? left.columns
    : (context.info.tables.get(first!)?.columns ?? [...left.columns, ...right.columns]);
  // Operators compiled once, as in a leaf: they run row by row.
  const { run: runRow, columns } = compileRowWise(operators, input, {
    info: context.info,
    lets: statements.slice(0, -1),
    catalog: context.catalog,
  });
  const nullsRight = right?.columns.map((c) => missingValue(c.type)) ?? [];
  const cache = new Map<string, Row[]>();
  /** Groups with output rows, and the last output: unchanged while no such group changes. */
  const producing = new Set<string>();
  let previous: Row[] | undefined;
  return {
    leaves: right === undefined ? [left.name] : [left.name, right.name],
    reset() {
      cache.clear();
      producing.clear();
      previous = undefined;
    },
    run(inputs) {
      const [l, r] = inputs;
      const changed = new Set([...l.changed, ...(r?.changed ?? [])]);
      let stale = previous === undefined;
      for (const key of changed) {
        if (producing.has(key)) stale = true;
        const lr = l.rowOf(key);
        let joined: Row | undefined = lr;
        if (lr !== undefined && r !== undefined) {
          const rr = r.rowOf(key);
          joined = rr !== undefined ? [...lr, ...rr] : outer ? [...lr, ...nullsRight] : undefined;
        }
        if (joined === undefined) {
          cache.delete(key);
          producing.delete(key);
          continue;
        }
        const out = runRow(joined);
        cache.set(key, out.slice());
        if (out.length > 0) {
          producing.add(key);
          stale = true;
        } else producing.delete(key);
      }
      if (!stale) return { columns, rows: previous!.slice() };
      const rows: Row[] = [];
      if (producing.size > 0) {
        for (const key of l.keys()) {
          const cached = cache.get(key);
          if (cached !== undefined) { for (const row of cached) rows.push(row); }
        }
      }
      previous = rows;
      return { columns, rows: rows.slice() };
    },
  };
}
