/**
 * Correlation: alerts linked by shared entities within a horizon, raised as one multi-stage alert when they span
 * enough kill-chain stages.
 *
 * @example
 * ```ts
 * import { KILL_CHAIN } from "./mod.ts";
 * KILL_CHAIN.indexOf("InitialAccess") < KILL_CHAIN.indexOf("Exfiltration"); // true
 * ```
 * @module
 */
export {
  CORRELATION_INCIDENT_CONFIGURATION,
  CORRELATION_RULE_ID,
  Correlator,
  type CorrelatorOptions,
  KILL_CHAIN,
} from "./correlator.ts";
