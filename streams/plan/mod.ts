/**
 * Incremental plans for scheduled detection rules (DESIGN.md "Incremental plan"): the planner's leaves
 * (query/bind/classify_mode.ts) run once per event as events arrive and keep per pane either their rows or the
 * partial aggregates of their summarize; an instant merges the panes of its window and runs the rest of the
 * query over the small result. A leaf's `where` bounds on the event time (`TimeGenerated > ago(1h)`) become its
 * own window within the rule's (leaf_window.ts). The detection engine (streams/detect) uses them for every rule
 * the planner accepts, and keeps the batch run of the window as the definition (and test oracle). When the
 * planner rewrote the query (functions put in place), the leaves belong to `analysis.mode.plan`.
 *
 * A plan can also be fed by parts computed elsewhere (plan_partial.ts): `contribute` gives what some
 * events add, as JSON-safe data (values through wire_value.ts), without changing the plan; the owner `absorb`s
 * the parts in any order and holds exactly what `add` of all the events would have given.
 *
 * @example
 * ```ts
 * import { analyzeQuery } from "../../query/bind/analyze_query.ts";
 * import { Catalog } from "../../query/symbols/mod.ts";
 * import { IncrementalPlan } from "./mod.ts";
 * const catalog = Catalog.builtin();
 * const analysis = analyzeQuery("SecurityEvent | where EventID == 4625 | summarize count() by Account", { catalog });
 * const plan = IncrementalPlan.create({
 *   query: analysis.mode.plan?.query ?? analysis.query,
 *   info: analysis.mode.plan?.info ?? analysis.bound!.info,
 *   leaves: analysis.mode.leaves!,
 *   catalog,
 *   pane: 300_000_000,
 *   scan: () => ({ rows: [], times: [] }),
 * });
 * "error" in plan; // false
 * ```
 * @module
 */
export { type EventScan, IncrementalPlan, type PlanOptions } from "./incremental_plan.ts";
export { KeyWindow, type StateOps } from "./key_window.ts";
export type { LeafPartial, PartialGroup, PartialRow, PlanPartial } from "./plan_partial.ts";
export { decodeWireValue, encodeWireValue } from "./wire_value.ts";
