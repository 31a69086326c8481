import * as v from "valibot";
import type { JsonValue, ParseContext, ParsedRecord } from "../connector.ts";
import { RowEncoder } from "../encode/row_encoder.ts";
import { describeIssues } from "../generic/describe_issues.ts";
import { MdeAlertSchema } from "./schema.ts";

/** The table Defender alerts go to. */
export const ALERT_TABLE = "SecurityAlert";

const ENCODER = RowEncoder.forTable(ALERT_TABLE);

type Evidence = Record<string, unknown>;

/**
 * Map a Defender for Endpoint alert (alerts API shape) to a SecurityAlert row as Sentinel's Microsoft 365 Defender
 * connector writes it: ProviderName `MDATP`, Entities as JSON text built from the host and the evidence, MITRE
 * techniques as JSON text.
 *
 * @param record The alert.
 * @param _context Unused: alerts carry their creation time.
 * @returns The SecurityAlert record, or why it was rejected.
 * @example
 * ```ts
 * mapMdeAlert({ id: "da1", title: "Suspicious PowerShell", alertCreationTime: "2024-01-01T00:00:00Z" },
 *   { receivedAt: new Date() });
 * ```
 */
export function mapMdeAlert(record: unknown, _context: ParseContext): ParsedRecord | { error: string } {
  const parsed = v.safeParse(MdeAlertSchema, record);
  if (!parsed.success) return { error: describeIssues("Defender for Endpoint alert", parsed.issues) };
  const alert = parsed.output as Record<string, unknown> & typeof parsed.output;
  const entities: JsonValue[] = [];
  if (alert.computerDnsName) {
    entities.push({ Type: "host", HostName: alert.computerDnsName, MdatpDeviceId: alert.machineId ?? null });
  }
  for (const evidence of alert.evidence ?? []) entities.push(...evidenceEntities(evidence as Evidence));
  const severity = alert.severity ?? "";
  return {
    table: ALERT_TABLE,
    row: ENCODER.encode({
      TimeGenerated: alert.alertCreationTime,
      AlertName: alert.title,
      DisplayName: alert.title,
      AlertSeverity: severity === "UnSpecified" ? "Informational" : severity,
      Description: alert.description,
      ProviderName: "MDATP",
      VendorName: "Microsoft",
      ProductName: "Microsoft Defender Advanced Threat Protection",
      VendorOriginalId: alert.id,
      SystemAlertId: alert.id,
      AlertType: alert.category,
      Status: alert.status,
      StartTime: alert.firstEventTime,
      EndTime: alert.lastEventTime,
      ProcessingEndTime: alert.lastUpdateTime,
      CompromisedEntity: alert.computerDnsName,
      Tactics: alert.category,
      Techniques: alert.mitreTechniques,
      Entities: entities,
      ExtendedProperties: {
        IncidentId: alert.incidentId ?? null,
        DetectionSource: alert.detectionSource ?? null,
        ThreatFamilyName: alert.threatFamilyName ?? null,
        Classification: alert.classification ?? null,
        Determination: alert.determination ?? null,
      } as JsonValue,
      AlertLink: `https://security.microsoft.com/alerts/${encodeURIComponent(alert.id)}`,
      SourceSystem: "Detection",
    }),
  };
}

/** Sentinel entity objects for one piece of evidence (a file gives a file and its hash). */
function evidenceEntities(evidence: Evidence): JsonValue[] {
  const s = (key: string) => typeof evidence[key] === "string" ? evidence[key] as string : null;
  switch (String(evidence.entityType ?? "").toLowerCase()) {
    case "user":
      return [{
        Type: "account",
        Name: s("accountName"),
        NTDomain: s("domainName"),
        Sid: s("userSid"),
        UPNSuffix: null,
      }];
    case "file": {
      const file: JsonValue[] = [{ Type: "file", Name: s("fileName"), Directory: s("filePath") }];
      if (s("sha256")) file.push({ Type: "filehash", Algorithm: "SHA256", Value: s("sha256") });
      else if (s("sha1")) file.push({ Type: "filehash", Algorithm: "SHA1", Value: s("sha1") });
      return file;
    }
    case "process":
      return [{
        Type: "process",
        ProcessId: evidence.processId === undefined ? null : String(evidence.processId),
        CommandLine: s("processCommandLine"),
      }];
    case "ip":
      return [{ Type: "ip", Address: s("ipAddress") }];
    case "url":
      return [{ Type: "url", Url: s("url") }];
    default:
      return [];
  }
}
