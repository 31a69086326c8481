/**
 * Alerts: from a rule and an evaluation's result to SecurityAlert-shaped alerts with stable ids.
 *
 * @example
 * ```ts
 * import { triggered } from "./mod.ts";
 * triggered(3, "gt", 0); // true
 * ```
 * @module
 */
export {
  buildAlerts,
  buildKeyedAlerts,
  type Evaluation,
  type KeyedAlert,
  MAX_ALERTS_PER_RUN,
  MAX_RESULT_ROWS,
  type SecurityAlert,
  type Severity,
  stableGuid,
  systemAlertId,
  triggered,
} from "./build_alerts.ts";
export { type AlertEntity, mapEntities, MAX_ENTITIES } from "./entities.ts";
export { type Json, type ResultTable, rowToObject, valueToJson } from "./result_table.ts";
export { alertRow } from "./alert_row.ts";
