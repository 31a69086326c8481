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
import type { Row, Table } from "../../query/eval/push_operator.ts";
import type { QueryResult } from "../../query/eval/run_query.ts";
import type { Catalog, ColumnSchema } from "../../query/symbols/mod.ts";
import type { QueryNode, StatementNode } from "../../query/syntax/mod.ts";
import type { Value } from "../../query/values/mod.ts";
import { AggregatePanes } from "./aggregate_panes.ts";
import { compileLeaf, type LeafPipeline } from "./leaf_pipeline.ts";
import { leafTableName, type PostQuery, preparePostQuery, replaceLeaves } from "./post_query.ts";
import { RowPanes } from "./row_panes.ts";

/** Events of a table in a time range `(from, to]`, in the order the event store keeps them. */
export type EventScan = (table: string, from: number, to: number) => { rows: Value[][]; times: number[] };

/** What a plan is built from. */
export interface PlanOptions {
  /** The (expanded) rule query, as analysed. */
  readonly query: QueryNode;
  readonly info: BoundInfo;
  readonly leaves: readonly PlanLeaf[];
  readonly catalog: Catalog;
  /** Pane length, microseconds (divides the period and the frequency). */
  readonly pane: number;
  /** Reads the event store (backfill, rebuilds). */
  readonly scan: EventScan;
}

interface Leaf {
  readonly table: string;
  readonly name: string;
  readonly pipeline: LeafPipeline;
  readonly width: number;
  rows?: RowPanes;
  aggregates?: AggregatePanes;
  readonly ordered: boolean;
}

/** The plan. */
export class IncrementalPlan {
  readonly #leaves: Leaf[];
  readonly #post: PostQuery;
  readonly #pane: number;
  readonly #scan: EventScan;
  /** Arrival order of events, for ties in event time. */
  #seq = 0;

  private constructor(leaves: Leaf[], post: PostQuery, options: PlanOptions) {
    this.#leaves = leaves;
    this.#post = post;
    this.#pane = options.pane;
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
    const schemas: { name: string; columns: readonly ColumnSchema[] }[] = [];
    try {
      options.leaves.forEach((leaf, i) => {
        const schema = options.catalog.get(leaf.table);
        if (schema === undefined) throw new Error(`unknown table '${leaf.table}'`);
        const pipeline = compileLeaf(leaf, {
          info: options.info,
          lets,
          catalog: options.catalog,
          input: schema.columns,
        });
        const name = leafTableName(i);
        schemas.push({ name, columns: pipeline.columns });
        leaves.push({
          table: leaf.table,
          name,
          pipeline,
          width: schema.columns.length,
          ordered: leaf.ordered,
        });
      });
    } catch (error) {
      const e = error as { diagnostic?: { message: string }; message?: string };
      return { error: e.diagnostic?.message ?? e.message ?? String(error) };
    }
    const post = preparePostQuery(
      replaceLeaves(options.query, options.leaves),
      options.catalog.withSchemas(schemas),
    );
    if ("errors" in post) return { error: post.errors[0].message };
    const plan = new IncrementalPlan(leaves, post, options);
    plan.rebuild();
    return plan;
  }

  /** The tables the plan reads. */
  get tables(): string[] {
    return [...new Set(this.#leaves.map((l) => l.table))];
  }

  /** The row width the plan was compiled for (a custom table that grew a column needs a new plan). */
  widthOf(table: string): number | undefined {
    return this.#leaves.find((l) => l.table === table)?.width;
  }

  /** Forget everything and refill from the event store. */
  rebuild(): void {
    for (const leaf of this.#leaves) {
      leaf.rows = undefined;
      leaf.aggregates = undefined;
      const summarize = leaf.pipeline.summarize;
      if (summarize === undefined) leaf.rows = new RowPanes();
      else {
        leaf.aggregates = new AggregatePanes(summarize, {
          ordered: leaf.ordered,
          replay: (pane, add) => this.#replay(leaf, pane, add),
        });
      }
    }
    for (const table of this.tables) {
      const { rows, times } = this.#scan(table, -Infinity, Infinity);
      this.add(table, rows, times);
    }
  }

  #replay(leaf: Leaf, pane: number, add: (time: number, seq: number, rows: readonly Row[]) => void): void {
    const { rows, times } = this.#scan(leaf.table, (pane - 1) * this.#pane, pane * this.#pane);
    for (let i = 0; i < rows.length; i++) {
      add(times[i], i - rows.length, leaf.pipeline.run(this.#pad(leaf, rows[i])));
    }
  }

  #pad(leaf: Leaf, row: Value[]): Value[] {
    if (row.length >= leaf.width) return row;
    const out = row.slice();
    while (out.length < leaf.width) out.push(null);
    return out;
  }

  /**
   * Take new events of a table (decoded rows with their TimeGenerated, in arrival order). Throws the evaluator's
   * EvalStop when an operator fails at run time (the rule then runs in batch, which reports it).
   */
  add(table: string, rows: readonly Value[][], times: readonly number[]): void {
    const w = this.#pane;
    for (const leaf of this.#leaves) {
      if (leaf.table !== table) continue;
      const run = leaf.pipeline.run;
      const seq0 = this.#seq;
      for (let i = 0; i < rows.length; i++) {
        const time = times[i];
        const out = run(this.#pad(leaf, rows[i]));
        if (out.length === 0) continue;
        const pane = Math.ceil(time / w);
        if (leaf.aggregates !== undefined) leaf.aggregates.add(pane, time, seq0 + i, out);
        else leaf.rows!.add(pane, time, seq0 + i, out.slice());
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
    const lo = Math.floor(window.windowStart / this.#pane) + 1;
    const hi = Math.floor(window.windowEnd / this.#pane);
    const readable = (l: Leaf) => l.aggregates?.canRead(lo, hi) ?? l.rows!.canRead(lo);
    // Windows are read in time order; anything else (a restored, earlier instant) starts from the store again.
    if (!this.#leaves.every(readable)) this.rebuild();
    const tables = new Map<string, Table>();
    for (const leaf of this.#leaves) {
      let rows: Row[];
      if (leaf.aggregates !== undefined) rows = leaf.aggregates.read(lo, hi, window.final);
      else {
        leaf.rows!.dropBefore(lo);
        rows = leaf.rows!.window(lo, hi);
      }
      tables.set(leaf.name, { columns: leaf.pipeline.columns, rows });
    }
    return this.#post.run(tables, window.windowEnd);
  }
}
