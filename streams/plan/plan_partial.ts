/**
 * What some events contribute to a plan, computed apart from the plan's state so that a rule's events can be
 * split across processes: each runs the leaves over its share and ships the result as JSON; the rule's owner
 * merges the shares in any order and holds what `add` of all the events would have given.
 *
 * Exact because everything a plan keeps merges without loss: a summarize leaf keeps per pane and group its
 * aggregate states (mergeable in any order: order-dependent aggregates keep their values' places in the window
 * order, positional_list.ts in query/functions), the group's first row (source,
 * event time, place in the event order: the result lists groups by it, and a minimum merges) and the key
 * values of its earliest row (equal keys can differ, as 0 and -0 do); a leaf without summarize keeps rows sorted
 * by (event time, place), which any arrival order rebuilds. The place in the event order is the caller's global
 * sequence, where `add` uses its arrival counter: the two order events alike.
 */
import type { Row } from "../../query/eval/push_operator.ts";
import type { AggregateState, Json } from "../../query/functions/mod.ts";
import type { Value } from "../../query/values/mod.ts";
import type { ForeignGroup } from "./aggregate_panes.ts";
import { feedLeaf, type PlanLeafState } from "./feed_leaf.ts";
import type { CompiledSummarize } from "./leaf_pipeline.ts";
import { decodeWireRow, decodeWireValue, encodeWireRow, encodeWireValue } from "./wire_value.ts";

/** One group of one pane of a summarize leaf. */
export interface PartialGroup {
  readonly pane: number;
  /** Its table's place in the leaf's union (0 for one table). */
  readonly source: number;
  /** Event time of its first row (by time, then place in the event order). */
  readonly time: number;
  /** Place of its first row in the event order. */
  readonly seq: number;
  /** Place of its first row among that event's rows (a union branch's mv-expand gives several). */
  readonly sub: number;
  /** The group-key values (wire_value.ts) of its row earliest in the event order. */
  readonly keys: readonly Json[];
  /** That row's place in the event order. */
  readonly keysSeq: number;
  /** Each aggregate slot's saved state (wire_value.ts). */
  readonly states: readonly Json[];
}

/** One output row of a leaf without summarize. */
export interface PartialRow {
  readonly pane: number;
  /** Its table's place in the leaf's union (0 for one table). */
  readonly source: number;
  readonly time: number;
  readonly seq: number;
  /** The values (wire_value.ts). */
  readonly row: readonly Json[];
}

/** What events give one leaf: groups for a summarize leaf, rows otherwise. */
export type LeafPartial =
  | { readonly kind: "groups"; readonly groups: readonly PartialGroup[] }
  | { readonly kind: "rows"; readonly rows: readonly PartialRow[] };

/** What some events contribute to one plan: JSON-safe (survives JSON.stringify/JSON.parse exactly). */
export interface PlanPartial {
  /** One entry per leaf, in plan order. */
  readonly leaves: readonly LeafPartial[];
  /** Latest event time among the events (microseconds), null when no event. */
  readonly maxTime: number | null;
}

interface LocalGroup {
  readonly pane: number;
  readonly source: number;
  time: number;
  seq: number;
  sub: number;
  keys: Value[];
  keysSeq: number;
  readonly states: AggregateState[];
}

/**
 * What events of a table give the leaves, without touching their panes.
 *
 * @param leaves the plan's leaves
 * @param events the events, with each row's place in the event order
 * @returns the contribution; throws the evaluator's EvalStop when an operator fails at run time
 */
export function contributePartial(
  leaves: readonly PlanLeafState[],
  events: { table: string; rows: readonly Value[][]; times: readonly number[]; seqs: readonly number[] },
): PlanPartial {
  let maxTime: number | null = null;
  for (const t of events.times) if (maxTime === null || t > maxTime) maxTime = t;
  return {
    leaves: leaves.map((leaf) => {
      const s = leaf.pipeline.summarize;
      return s === undefined ? { kind: "rows", rows: leafRows(leaf, events) } : {
        kind: "groups",
        groups: leafGroups(leaf, s, events),
      };
    }),
    maxTime,
  };
}

function leafRows(leaf: PlanLeafState, events: Parameters<typeof feedLeaf>[1]): PartialRow[] {
  const out: PartialRow[] = [];
  feedLeaf(leaf, events, (source, pane, time, seq, rows) => {
    for (const r of rows) out.push({ pane, source, time, seq, row: encodeWireRow(r) });
  });
  return out;
}

function leafGroups(
  leaf: PlanLeafState,
  s: CompiledSummarize,
  events: Parameters<typeof feedLeaf>[1],
): PartialGroup[] {
  // By pane, union table and group key: the pane state's own grouping.
  const groups = new Map<string, LocalGroup>();
  feedLeaf(leaf, events, (source, pane, time, seq, rows: readonly Row[], sub0) => {
    for (let j = 0; j < rows.length; j++) {
      const row = rows[j];
      const sub = sub0 + j;
      const id = `${pane}\u0003${source}\u0002${s.keyOf(row)}`;
      let g = groups.get(id);
      if (g === undefined) {
        g = { pane, source, time, seq, sub, keys: s.keyValues(row), keysSeq: seq, states: s.init() };
        groups.set(id, g);
      } else {
        if (time < g.time || (time === g.time && (seq < g.seq || (seq === g.seq && sub < g.sub)))) {
          g.time = time;
          g.seq = seq;
          g.sub = sub;
        }
        if (seq < g.keysSeq) {
          g.keys = s.keyValues(row);
          g.keysSeq = seq;
        }
      }
      s.add(g.states, row, time, seq, sub);
    }
  });
  return [...groups.values()].map((g) => ({
    pane: g.pane,
    source: g.source,
    time: g.time,
    seq: g.seq,
    sub: g.sub,
    keys: g.keys.map(encodeWireValue),
    keysSeq: g.keysSeq,
    states: s.save(g.states).map(encodeWireValue),
  }));
}

/**
 * Merge a contribution into the leaves' panes, as `add` of its events would.
 *
 * @param leaves the plan's leaves (none with order-dependent aggregates)
 * @param partial what `contributePartial` gave for a plan of the same query, possibly through JSON
 */
export function absorbPartial(leaves: readonly PlanLeafState[], partial: PlanPartial): void {
  if (partial.leaves.length !== leaves.length) {
    throw new Error(
      `Cannot absorb a plan partial: it has ${partial.leaves.length} leaves, the plan ${leaves.length}`,
    );
  }
  leaves.forEach((leaf, i) => {
    const p = partial.leaves[i];
    const aggregates = leaf.aggregates;
    if ((aggregates === undefined) !== (p.kind === "rows")) {
      throw new Error(`Cannot absorb a plan partial: leaf ${i} has '${p.kind}', not what the plan keeps`);
    }
    if (p.kind === "groups") {
      const s = leaf.pipeline.summarize!;
      for (const g of p.groups) {
        const group: ForeignGroup = {
          keys: g.keys.map(decodeWireValue),
          keysSeq: g.keysSeq,
          states: s.load(g.states.map((j) => decodeWireValue(j) as Json)),
          source: g.source,
          time: g.time,
          seq: g.seq,
          sub: g.sub,
        };
        aggregates!.mergeGroup(g.pane, group);
      }
      return;
    }
    for (const r of p.rows) {
      const rows = leaf.sources[r.source]?.rows;
      if (rows === undefined) {
        throw new Error(`Cannot absorb a plan partial: leaf ${i} has no table ${r.source}`);
      }
      rows.add(r.pane, r.time, r.seq, [decodeWireRow(r.row)]);
    }
  });
}
