/**
 * Incidents: alerts grouped into cases per the rule's incident configuration, and the analyst's changes to them.
 *
 * @example
 * ```ts
 * import { INCIDENT_STATUSES } from "./mod.ts";
 * INCIDENT_STATUSES[0]; // "New"
 * ```
 * @module
 */
export {
  addAlert,
  addComment,
  applyChange,
  type AuditEntry,
  type Classification,
  CLASSIFICATIONS,
  type Incident,
  INCIDENT_STATUSES,
  type IncidentChange,
  type IncidentComment,
  incidentFromAlert,
  type IncidentStatus,
  InvalidIncidentChange,
  MAX_ALERTS_PER_INCIDENT,
} from "./incident.ts";
export { type GroupingDecision, groupingFor } from "./grouping.ts";
export { incidentRow } from "./incident_row.ts";
