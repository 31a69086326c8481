/**
 * An alert as a row of Sentinel's `SecurityAlert` table (string-typed `Entities`, `ExtendedProperties`, `Tactics`,
 * `Techniques`, as Sentinel stores them), so alerts can be hunted and correlated with KQL like any event.
 */
import type { SecurityAlert } from "./build_alerts.ts";

/**
 * The SecurityAlert row of an alert.
 *
 * @param alert the alert
 * @returns the row (datetimes as ISO 8601 strings)
 */
export function alertRow(alert: SecurityAlert): Record<string, string | number | boolean> {
  return {
    TimeGenerated: alert.TimeGenerated,
    DisplayName: alert.DisplayName,
    AlertName: alert.AlertName,
    AlertSeverity: alert.AlertSeverity,
    Description: alert.Description,
    ProviderName: alert.ProviderName,
    VendorName: "siem",
    ProductName: alert.ProductName,
    SystemAlertId: alert.SystemAlertId,
    VendorOriginalId: alert.SystemAlertId,
    AlertType: alert.AlertType,
    StartTime: alert.StartTime,
    EndTime: alert.EndTime,
    ProcessingEndTime: alert.TimeGenerated,
    Status: alert.Status,
    IsIncident: false,
    Tactics: alert.Tactics.join(", "),
    Techniques: JSON.stringify(alert.Techniques),
    Entities: JSON.stringify(alert.Entities),
    ExtendedProperties: JSON.stringify({
      ...alert.ExtendedProperties,
      RuleId: alert.RuleId,
      RuleName: alert.RuleName,
    }),
    SourceSystem: "siem",
  };
}
