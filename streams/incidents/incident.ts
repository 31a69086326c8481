/**
 * Incidents (cases) in the shape of Sentinel's SecurityIncident, plus the entities, tactics and audit trail an
 * analyst works with. Pure: creating an incident from an alert, adding an alert, and applying an analyst's change
 * are functions from old to new state; storage and concurrency live in the runtime.
 */
import type { AlertEntity, SecurityAlert, Severity } from "../alerts/mod.ts";

/** Incident statuses. */
export const INCIDENT_STATUSES = ["New", "Active", "Closed"] as const;
export type IncidentStatus = typeof INCIDENT_STATUSES[number];

/** Classifications on close (Sentinel's). */
export const CLASSIFICATIONS = ["Undetermined", "TruePositive", "BenignPositive", "FalsePositive"] as const;
export type Classification = typeof CLASSIFICATIONS[number];

/** One audit entry: who changed what, when. */
export interface AuditEntry {
  readonly time: string;
  readonly actor: string;
  readonly action: string;
  readonly changes?: Readonly<Record<string, { readonly from: unknown; readonly to: unknown }>>;
}

/** An analyst's comment. */
export interface IncidentComment {
  readonly id: string;
  readonly author: string;
  readonly message: string;
  readonly createdTime: string;
}

/** An incident. */
export interface Incident {
  /** GUID; also `IncidentName` as in Sentinel. */
  readonly IncidentName: string;
  readonly IncidentNumber: number;
  readonly Title: string;
  readonly Description: string;
  readonly Severity: Severity;
  readonly Status: IncidentStatus;
  readonly Classification: Classification | null;
  readonly ClassificationReason: string | null;
  readonly ClassificationComment: string | null;
  readonly Owner: { readonly assignedTo: string | null };
  readonly Labels: readonly string[];
  readonly ProviderName: string;
  readonly FirstActivityTime: string;
  readonly LastActivityTime: string;
  readonly CreatedTime: string;
  readonly LastModifiedTime: string;
  readonly ClosedTime: string | null;
  readonly RelatedAnalyticRuleIds: readonly string[];
  readonly AlertIds: readonly string[];
  readonly Entities: readonly AlertEntity[];
  readonly Tactics: readonly string[];
  readonly Comments: readonly IncidentComment[];
  readonly History: readonly AuditEntry[];
  /** The grouping key that collects alerts into this incident. */
  readonly GroupingKey: string;
}

/** Most alerts one incident collects (Sentinel's limit); later ones start a new incident. */
export const MAX_ALERTS_PER_INCIDENT = 150;

const SEVERITY_RANK: Record<Severity, number> = { Informational: 0, Low: 1, Medium: 2, High: 3 };

/**
 * A new incident for an alert.
 *
 * @param alert the first alert
 * @param options id, number, grouping key, time
 * @returns the incident
 */
export function incidentFromAlert(
  alert: SecurityAlert,
  options: { id: string; number: number; groupingKey: string; now: Date },
): Incident {
  const now = options.now.toISOString();
  return {
    IncidentName: options.id,
    IncidentNumber: options.number,
    Title: alert.AlertName,
    Description: alert.Description,
    Severity: alert.AlertSeverity,
    Status: "New",
    Classification: null,
    ClassificationReason: null,
    ClassificationComment: null,
    Owner: { assignedTo: null },
    Labels: [],
    ProviderName: "siem",
    FirstActivityTime: alert.StartTime,
    LastActivityTime: alert.EndTime,
    CreatedTime: now,
    LastModifiedTime: now,
    ClosedTime: null,
    RelatedAnalyticRuleIds: [alert.RuleId],
    AlertIds: [alert.SystemAlertId],
    Entities: alert.Entities,
    Tactics: alert.Tactics,
    Comments: [],
    History: [{ time: now, actor: "system", action: `Created from alert ${alert.SystemAlertId}` }],
    GroupingKey: options.groupingKey,
  };
}

/**
 * The incident with one more alert: activity times widen, severity rises to the highest, entities and tactics
 * merge. Adding an alert that is already there changes nothing (redelivery is harmless).
 *
 * @param incident the incident
 * @param alert the alert
 * @param options time, and whether a closed incident is reopened
 * @returns the new state, or the same object when nothing changed
 */
export function addAlert(
  incident: Incident,
  alert: SecurityAlert,
  options: { now: Date; reopen: boolean },
): Incident {
  if (incident.AlertIds.includes(alert.SystemAlertId)) return incident;
  const now = options.now.toISOString();
  const entityKeys = new Set(incident.Entities.map((e) => JSON.stringify(e)));
  const entities = [
    ...incident.Entities,
    ...alert.Entities.filter((e) => !entityKeys.has(JSON.stringify(e))),
  ];
  const reopened = options.reopen && incident.Status === "Closed";
  const history: AuditEntry[] = [...incident.History, {
    time: now,
    actor: "system",
    action: `Added alert ${alert.SystemAlertId}`,
  }];
  if (reopened) {
    history.push({
      time: now,
      actor: "system",
      action: "Reopened by a new alert",
      changes: { Status: { from: "Closed", to: "Active" } },
    });
  }
  return {
    ...incident,
    Severity: SEVERITY_RANK[alert.AlertSeverity] > SEVERITY_RANK[incident.Severity]
      ? alert.AlertSeverity
      : incident.Severity,
    Status: reopened ? "Active" : incident.Status,
    ClosedTime: reopened ? null : incident.ClosedTime,
    FirstActivityTime: alert.StartTime < incident.FirstActivityTime
      ? alert.StartTime
      : incident.FirstActivityTime,
    LastActivityTime: alert.EndTime > incident.LastActivityTime ? alert.EndTime : incident.LastActivityTime,
    LastModifiedTime: now,
    RelatedAnalyticRuleIds: [...new Set([...incident.RelatedAnalyticRuleIds, alert.RuleId])],
    AlertIds: [...incident.AlertIds, alert.SystemAlertId],
    Entities: entities,
    Tactics: [...new Set([...incident.Tactics, ...alert.Tactics])],
    History: history,
  };
}

/** What an analyst may change. */
export interface IncidentChange {
  readonly Title?: string;
  readonly Description?: string;
  readonly Severity?: Severity;
  readonly Status?: IncidentStatus;
  readonly Classification?: Classification;
  readonly ClassificationReason?: string;
  readonly ClassificationComment?: string;
  readonly Owner?: { readonly assignedTo: string | null };
  readonly Labels?: readonly string[];
}

/** A change that breaks a rule of the incident lifecycle. */
export class InvalidIncidentChange extends Error {
  override name = "InvalidIncidentChange";
}

/**
 * Apply an analyst's change, with an audit entry listing what changed. Closing needs a classification (as in
 * Sentinel); reopening clears it.
 *
 * @param incident the incident
 * @param change the fields to set
 * @param options who and when
 * @returns the new state
 * @throws InvalidIncidentChange
 */
export function applyChange(
  incident: Incident,
  change: IncidentChange,
  options: { actor: string; now: Date },
): Incident {
  const next: Record<string, unknown> = { ...incident };
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, value] of Object.entries(change)) {
    if (value === undefined) continue;
    const before = (incident as unknown as Record<string, unknown>)[key];
    if (JSON.stringify(before) === JSON.stringify(value)) continue;
    next[key] = value;
    changes[key] = { from: before, to: value };
  }
  const now = options.now.toISOString();
  if (next.Status === "Closed" && incident.Status !== "Closed") {
    if (!next.Classification) {
      throw new InvalidIncidentChange(
        "Cannot close incident: set 'Classification' (TruePositive, BenignPositive, FalsePositive or Undetermined)",
      );
    }
    next.ClosedTime = now;
  }
  if (next.Status !== "Closed" && incident.Status === "Closed") {
    next.ClosedTime = null;
    if (change.Classification === undefined) {
      next.Classification = null;
      next.ClassificationReason = null;
    }
  }
  if (Object.keys(changes).length === 0) return incident;
  next.LastModifiedTime = now;
  next.History = [...incident.History, { time: now, actor: options.actor, action: "Updated", changes }];
  return next as unknown as Incident;
}

/**
 * Add a comment.
 *
 * @param incident the incident
 * @param comment author and text
 * @param options id and time
 * @returns the new state
 */
export function addComment(
  incident: Incident,
  comment: { author: string; message: string },
  options: { id: string; now: Date },
): Incident {
  const now = options.now.toISOString();
  return {
    ...incident,
    LastModifiedTime: now,
    Comments: [...incident.Comments, {
      id: options.id,
      author: comment.author,
      message: comment.message,
      createdTime: now,
    }],
    History: [...incident.History, { time: now, actor: comment.author, action: "Commented" }],
  };
}
