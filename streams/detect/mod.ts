/**
 * Detection: the engine that runs analytic rules over the event stream with Sentinel's scheduled and NRT meaning,
 * and the in-memory event store behind its windows.
 *
 * @example
 * ```ts
 * import { DetectionEngine } from "./mod.ts";
 * import { Catalog } from "../../query/symbols/mod.ts";
 * const engine = new DetectionEngine({ catalog: () => Catalog.builtin(), publish: async () => {} });
 * engine.bufferedEvents; // 0
 * ```
 * @module
 */
export {
  type DecodedBatch,
  DetectionEngine,
  type DetectionEngineOptions,
  type EngineRule,
  type FiredKeys,
  type FiringState,
  type RuleFiringState,
} from "./detection_engine.ts";
export { EventStore, type SchemaLookup, type TableSlice } from "./event_store.ts";
export { ownerOf } from "./rendezvous.ts";
export { type EarlyFiring, earlyFiring } from "./early_firing.ts";
