/**
 * A scheduled rule's incremental plan: the leaves of its query (query/bind/classify_mode.ts) fed one event at a
 * time, each keeping per pane (pane = gcd of the period and the frequency) either the rows its operators keep or
 * the partial aggregates of its summarize; at an instant, the rest of the query runs over the leaves' window
 * tables. The result equals the batch run of the query over the window's events (the test oracle), and the work
 * per event does not grow with the window.
 *
 * The plan holds no state of its own beyond what the events give: a restarted worker replays the stream (as it
 * does for its event store) and the plan is rebuilt by that replay, or from the store with `rebuild`.
 */
import type { BoundInfo } from "../../query/bind/binder.ts";
import type { PlanLeaf } from "../../query/bind/classify_mode.ts";
import { missingValue, type Row, type Table } from "../../query/eval/push_operator.ts";
import { unionTables } from "../../query/eval/union_tables.ts";
import type { QueryResult } from "../../query/eval/run_query.ts";
import type { Catalog, ColumnSchema, TableSchema } from "../../query/symbols/mod.ts";
import type { QueryNode, StatementNode } from "../../query/syntax/mod.ts";
import type { Value } from "../../query/values/mod.ts";
import { AggregatePanes } from "./aggregate_panes.ts";
import { compileLeaf } from "./leaf_pipeline.ts";
import { leafTableName, type PostQuery, preparePostQuery, replaceLeaves } from "./post_query.ts";
import { RowPanes } from "./row_panes.ts";
import { feedLeaf, type PlanLeafState as Leaf } from "./feed_leaf.ts";
import { absorbPartial, contributePartial, type PlanPartial } from "./plan_partial.ts";
import { LeafWindow } from "./leaf_window.ts";
import { alwaysTrue, span } from "../../query/bind/time_bounds.ts";

/** How much finer than gcd(P, F) event-time bounds may make the panes. */
const MAX_PANE_SPLIT = 1_000;
import { type KeyedRows, type KeyLocalPost, keyLocalPost } from "./key_local_post.ts";

/** Events of a table in a time range `(from, to]`, in the order the event store keeps them. */
export type EventScan = (table: string, from: number, to: number) => { rows: Value[][]; times: number[] };

/** What a plan is built from. */
export interface PlanOptions {
  /** The (expanded) rule query, as analysed. */
  readonly query: QueryNode;
  readonly info: BoundInfo;
  readonly leaves: readonly PlanLeaf[];
  readonly catalog: Catalog;
  /**
   * Pane length, microseconds (divides the period and the frequency); the plan shortens it to divide the
   * offsets of the leaves' event-time bounds too.
   */
  readonly pane: number;
  /** Reads the event store (backfill, rebuilds). */
  readonly scan: EventScan;
  /** The rule's period, microseconds: event-time bounds that keep its whole window are dropped. */
  readonly period?: number;
}

/** The plan. */
export class IncrementalPlan {
  readonly #leaves: Leaf[];
  readonly #post: PostQuery;
  readonly #scan: EventScan;
  /** Arrival order of events, for ties in event time. */
  #seq = 0;

  /** The rest of the query computed group by group, when it has that shape (key_local_post.ts). */
  #keyed: KeyLocalPost | undefined;

  private constructor(leaves: Leaf[], post: PostQuery, options: PlanOptions, keyed?: KeyLocalPost) {
    this.#leaves = leaves;
    this.#post = post;
    this.#keyed = keyed;
    this.#scan = options.scan;
  }

  /**
   * Compile a plan and fill it from the event store.
   *
   * @returns the plan, or why it could not be built (the rule then runs in batch)
   */
  static create(options: PlanOptions): IncrementalPlan | { error: string } {
    const lets: StatementNode[] = options.query.statements.filter((s) => s.kind === "LetStatement");
    const leaves: Leaf[] = [];
    const boundsOf = (leaf: PlanLeaf) =>
      (leaf.timeFilters ?? []).flatMap((f) => f.bounds).filter((b) =>
        options.period === undefined || !alwaysTrue(b, options.period)
      );
    let pane = options.pane;
    for (const leaf of options.leaves) for (const b of boundsOf(leaf)) pane = gcd(pane, Math.abs(b.offset));
    // Offsets off the schedule's grid (ago(90s) in a 14d window) would need a great many panes per window.
    if (options.pane / pane > MAX_PANE_SPLIT) {
      return {
        error: `the event-time bounds need panes of ${span(pane)}, ${
          options.pane / pane
        } times finer than the schedule's`,
      };
    }
    const names: { name: string; columns: readonly ColumnSchema[] }[] = [];
    try {
      options.leaves.forEach((leaf, i) => {
        const tables = leaf.union?.tables ?? [leaf.table];
        const schemas = tables.map((t) => {
          const schema = options.catalog.get(t);
          if (schema === undefined) throw new Error(`unknown table '${t}'`);
          return schema;
        });
        // A union branch's operators run on its table's rows; the union lays out what they output.
        const branches = leaf.union?.branches?.map((operators, k) =>
          compileLeaf({
            ...leaf,
            operators,
            summarize: undefined,
            timeFilters: leaf.union?.branchTimeFilters?.[k],
          }, {
            info: options.info,
            lets,
            catalog: options.catalog,
            input: schemas[k].columns,
          })
        );
        const outputs = branches === undefined
          ? schemas
          : schemas.map((schema, k) => ({ ...schema, columns: branches[k].columns as ColumnSchema[] }));
        const union = leaf.union === undefined ? undefined : unionLayout(outputs, leaf.union.withSource);
        const pipeline = compileLeaf(leaf, {
          info: options.info,
          lets,
          catalog: options.catalog,
          input: union?.columns ?? schemas[0].columns,
        });
        const name = leafTableName(i);
        names.push({ name, columns: pipeline.columns });
        const sources = schemas.map((schema, k) => ({
          table: schema.name,
          width: schema.columns.length,
          ...(union === undefined ? {} : { map: union.maps[k] }),
          ...(branches === undefined ? {} : { branch: branches[k].run }),
        }));
        leaves.push({
          name,
          pipeline,
          sources,
          window: new LeafWindow(boundsOf(leaf), pane),
        });
      });
    } catch (error) {
      const e = error as { diagnostic?: { message: string }; message?: string };
      return { error: e.diagnostic?.message ?? e.message ?? String(error) };
    }
    const rewritten = replaceLeaves(options.query, options.leaves);
    const catalog = options.catalog.withSchemas(names);
    const post = preparePostQuery(rewritten, catalog);
    if ("errors" in post) return { error: post.errors[0].message };
    let keyed: KeyLocalPost | undefined;
    try {
      keyed = keyLocalPost(rewritten, {
        info: post.info,
        catalog,
        leaves: leaves.map((l) => ({
          name: l.name,
          columns: l.pipeline.columns,
          ...(l.pipeline.summarize === undefined || l.sources.length > 1
            ? {}
            : { keyColumns: l.pipeline.columns.slice(0, l.pipeline.summarize.keyCount).map((c) => c.name) }),
        })),
      });
    } catch {
      // Not compiled group by group: the general post query runs.
    }
    const plan = new IncrementalPlan(leaves, post, options, keyed);
    plan.rebuild();
    return plan;
  }

  /** The tables the plan reads. */
  get tables(): string[] {
    return [...new Set(this.#leaves.flatMap((l) => l.sources.map((s) => s.table)))];
  }

  /** The row width the plan was compiled for (a custom table that grew a column needs a new plan). */
  widthOf(table: string): number | undefined {
    for (const leaf of this.#leaves) for (const s of leaf.sources) if (s.table === table) return s.width;
    return undefined;
  }

  /**
   * What these events of `table` give the plan, without changing it (plan_partial.ts).
   *
   * @param seqs each row's place in the global event order, which `add` takes from its arrival counter (ties in
   *   event time; a group's first row)
   * @returns JSON-safe data for `absorb`; throws the evaluator's EvalStop when an operator fails at run time
   */
  contribute(
    table: string,
    rows: readonly Value[][],
    times: readonly number[],
    seqs: readonly number[],
  ): PlanPartial {
    return contributePartial(this.#leaves, { table, rows, times, seqs });
  }

  /**
   * Take in a contribution as if `add` had been given its events. Contributions may come in any order, each
   * once (every plan merges exactly: its aggregates keep their rows' places where order matters). Throws when
   * the partial was made by another plan shape.
   */
  absorb(partial: PlanPartial): void {
    absorbPartial(this.#leaves, partial);
  }

  /** Forget every event (a plan fed by contributions starts over from them). */
  clear(): void {
    this.#keyed?.reset();
    for (const leaf of this.#leaves) {
      for (const source of leaf.sources) source.rows = undefined;
      leaf.aggregates = undefined;
      const summarize = leaf.pipeline.summarize;
      if (summarize === undefined) { for (const source of leaf.sources) source.rows = new RowPanes(); }
      else {
        leaf.aggregates = new AggregatePanes(summarize, { union: leaf.sources.length > 1 });
      }
    }
  }

  /** Forget everything and refill from the event store. */
  rebuild(): void {
    this.clear();
    for (const table of this.tables) {
      const { rows, times } = this.#scan(table, -Infinity, Infinity);
      this.add(table, rows, times);
    }
  }

  /**
   * Take new events of a table (decoded rows with their TimeGenerated, in arrival order). Throws the evaluator's
   * EvalStop when an operator fails at run time (the rule then runs in batch, which reports it).
   */
  add(table: string, rows: readonly Value[][], times: readonly number[]): void {
    const events = { table, rows, times, seqs: this.#seq };
    for (const leaf of this.#leaves) {
      const aggregates = leaf.aggregates;
      if (aggregates !== undefined) {
        feedLeaf(
          leaf,
          events,
          (k, pane, time, seq, out, sub) => aggregates.add(pane, time, seq, out, k, sub),
        );
      } else {
        feedLeaf(
          leaf,
          events,
          (k, pane, time, seq, out) => leaf.sources[k].rows!.add(pane, time, seq, out.slice()),
        );
      }
    }
    this.#seq += rows.length;
  }

  /**
   * The query's result over the window `(windowStart, windowEnd]`.
   *
   * @param window the window; `final` when the instant is evaluated at its scheduled time (its panes are then
   *   sealed), not early while its events still arrive
   * @returns the result, as `runQuery` over the window's events would give it
   */
  result(window: { windowStart: number; windowEnd: number; final: boolean }): QueryResult {
    const ranges = new Map(this.#leaves.map((l) => [l, l.window.range(window)]));
    const readable = (l: Leaf) => {
      const { lo, hi } = ranges.get(l)!;
      return l.aggregates?.canRead(lo, hi) ?? l.sources.every((s) => s.rows!.canRead(lo));
    };
    // Windows are read in time order; anything else (a restored, earlier instant) starts from the store again.
    if (!this.#leaves.every(readable)) this.rebuild();
    if (this.#keyed !== undefined) {
      // Group by group: only the groups that changed are computed again.
      const keyed = new Map<string, KeyedRows>();
      for (const leaf of this.#leaves) {
        const aggregates = leaf.aggregates;
        if (aggregates === undefined) continue;
        const { lo, hi } = ranges.get(leaf)!;
        const changed = aggregates.update(lo, hi, window.final);
        keyed.set(leaf.name, { changed, keys: () => aggregates.keys(), rowOf: (k) => aggregates.rowOf(k) });
      }
      const { columns, rows } = this.#keyed.run(this.#keyed.leaves.map((name) => keyed.get(name)!));
      return { columns, rows, diagnostics: [] };
    }
    const tables = new Map<string, Table>();
    for (const leaf of this.#leaves) {
      const { lo, hi } = ranges.get(leaf)!;
      let rows: Row[];
      if (leaf.aggregates !== undefined) rows = leaf.aggregates.read(lo, hi, window.final);
      else {
        rows = [];
        for (const source of leaf.sources) {
          source.rows!.dropBefore(lo);
          for (const r of source.rows!.window(lo, hi)) rows.push(r);
        }
      }
      tables.set(leaf.name, { columns: leaf.pipeline.columns, rows });
    }
    return this.#post.run(tables, window.windowEnd);
  }
}

/**
 * The row layout of `union T1, T2, ...` as the evaluator builds it (query/eval/union_tables.ts: columns by name
 * in order of first appearance, a name seen with two types becomes dynamic), and per table the map into it.
 */
function unionLayout(
  schemas: readonly Pick<TableSchema, "name" | "columns">[],
  withSource: string | undefined,
): { columns: ColumnSchema[]; maps: ((row: Value[]) => Value[])[] } {
  const parts = schemas.map((s) => ({ name: s.name, table: { columns: s.columns, rows: [] } }));
  const columns = unionTables(parts, withSource).columns as ColumnSchema[];
  const index = new Map(columns.map((c, i) => [c.name, i]));
  const template = columns.map((c) => missingValue(c.type));
  const maps = schemas.map((schema) => {
    const positions = schema.columns.map((c) => index.get(c.name)!);
    return (row: Value[]) => {
      const out = template.slice();
      if (withSource !== undefined) out[0] = schema.name;
      for (let i = 0; i < positions.length; i++) out[positions[i]] = row[i];
      return out;
    };
  });
  return { columns, maps };
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}
