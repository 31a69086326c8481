/** The JSON shapes the UI reads, as the README documents them (Sentinel's field names). */

/** One entity of an alert or incident: `Type` plus type-specific fields. */
export interface Entity {
  readonly Type: string;
  readonly [field: string]: unknown;
}

/** A `SecurityAlert`. */
export interface Alert {
  readonly SystemAlertId: string;
  readonly AlertName: string;
  readonly DisplayName?: string;
  readonly AlertSeverity: string;
  readonly Description?: string;
  readonly RuleId?: string;
  readonly RuleName?: string;
  readonly StartTime?: string;
  readonly EndTime?: string;
  readonly TimeGenerated: string;
  readonly Tactics?: readonly string[];
  readonly Entities?: readonly Entity[];
  readonly ExtendedProperties?: {
    readonly Results?: readonly Record<string, unknown>[];
    readonly [k: string]: unknown;
  };
}

export interface IncidentComment {
  readonly id: string;
  readonly author: string;
  readonly message: string;
  readonly createdTime: string;
}

export interface AuditEntry {
  readonly time: string;
  readonly actor: string;
  readonly action: string;
  readonly changes?: Readonly<Record<string, { readonly from: unknown; readonly to: unknown }>>;
}

/** A `SecurityIncident`. */
export interface Incident {
  readonly IncidentName: string;
  readonly IncidentNumber: number;
  readonly Title: string;
  readonly Description: string;
  readonly Severity: string;
  readonly Status: string;
  readonly Classification: string | null;
  readonly ClassificationReason: string | null;
  readonly ClassificationComment: string | null;
  readonly Owner: { readonly assignedTo: string | null };
  readonly Labels: readonly string[];
  readonly FirstActivityTime: string;
  readonly LastActivityTime: string;
  readonly CreatedTime: string;
  readonly LastModifiedTime: string;
  readonly ClosedTime: string | null;
  readonly AlertIds: readonly string[];
  readonly Entities: readonly Entity[];
  readonly Tactics: readonly string[];
  readonly Comments: readonly IncidentComment[];
  readonly History: readonly AuditEntry[];
}

/** What `PATCH /api/v1/incidents/{id}` accepts. */
export interface IncidentChange {
  Status?: string;
  Classification?: string;
  ClassificationReason?: string;
  ClassificationComment?: string;
  Owner?: { assignedTo: string | null };
  Severity?: string;
}

export const SEVERITIES = ["High", "Medium", "Low", "Informational"] as const;
export const INCIDENT_STATUSES = ["New", "Active", "Closed"] as const;
export const CLASSIFICATIONS = ["TruePositive", "BenignPositive", "FalsePositive", "Undetermined"] as const;

/** `GET /api/v1/rules/{id}`: the summary plus the YAML as written. */
export interface RuleDetail {
  readonly id: string;
  readonly name: string;
  readonly severity: string;
  readonly kind: string;
  readonly enabled: boolean;
  readonly mode: string;
  readonly modeReason?: string;
  readonly source: string;
}
