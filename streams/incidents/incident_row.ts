/**
 * An incident's state as a row of Sentinel's `SecurityIncident` table. As in Sentinel, every change adds a row
 * (the latest row per `IncidentName` is the current state: `summarize arg_max(TimeGenerated, *) by IncidentName`).
 */
import type { Incident } from "./incident.ts";

/**
 * The SecurityIncident row of an incident's current state.
 *
 * @param incident the incident
 * @returns the row (datetimes as ISO 8601 strings, dynamic columns as JSON values)
 */
export function incidentRow(incident: Incident): Record<string, unknown> {
  return {
    TimeGenerated: incident.LastModifiedTime,
    IncidentName: incident.IncidentName,
    IncidentNumber: incident.IncidentNumber,
    Title: incident.Title,
    Description: incident.Description,
    Severity: incident.Severity,
    Status: incident.Status,
    Classification: incident.Classification ?? "",
    ClassificationReason: incident.ClassificationReason ?? "",
    ClassificationComment: incident.ClassificationComment ?? "",
    Owner: incident.Owner,
    ProviderName: incident.ProviderName,
    ProviderIncidentId: String(incident.IncidentNumber),
    FirstActivityTime: incident.FirstActivityTime,
    LastActivityTime: incident.LastActivityTime,
    FirstModifiedTime: incident.CreatedTime,
    LastModifiedTime: incident.LastModifiedTime,
    CreatedTime: incident.CreatedTime,
    ...(incident.ClosedTime ? { ClosedTime: incident.ClosedTime } : {}),
    RelatedAnalyticRuleIds: incident.RelatedAnalyticRuleIds,
    AlertIds: incident.AlertIds,
    Comments: incident.Comments,
    Labels: incident.Labels.map((l) => ({ labelName: l, labelType: "User" })),
    AdditionalData: {
      alertsCount: incident.AlertIds.length,
      tactics: incident.Tactics,
      commentsCount: incident.Comments.length,
    },
    ModifiedBy: incident.History.at(-1)?.actor ?? "system",
    SourceSystem: "siem",
  };
}
