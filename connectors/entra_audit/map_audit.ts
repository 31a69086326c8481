import * as v from "valibot";
import type { ParseContext, ParsedRecord } from "../connector.ts";
import { RowEncoder } from "../encode/row_encoder.ts";
import { renameKeys } from "../encode/rename_keys.ts";
import { describeIssues } from "../generic/describe_issues.ts";
import { DiagnosticAuditSchema, DirectoryAuditSchema } from "./schema.ts";

/** The table Entra audit records go to. */
export const AUDIT_TABLE = "AuditLogs";

const ENCODER = RowEncoder.forTable(AUDIT_TABLE);

const GRAPH_COLUMNS: Record<string, string | null> = {
  operationType: "AADOperationType",
  tenantId: "AADTenantId",
};

/**
 * Map an Entra audit record (a Graph directoryAudit object, or a diagnostic-settings export record around one) to
 * an AuditLogs row. OperationName is the activity's display name, as in Sentinel.
 *
 * @param record The record.
 * @param _context Unused: audit records always carry their time.
 * @returns The AuditLogs record or why it was rejected.
 * @example
 * ```ts
 * mapAudit({ id: "1", activityDateTime: "2024-01-01T00:00:00Z", activityDisplayName: "Add user" }, {
 *   receivedAt: new Date(),
 * });
 * ```
 */
export function mapAudit(record: unknown, _context: ParseContext): ParsedRecord | { error: string } {
  const isExport = record !== null && typeof record === "object" && "properties" in record &&
    "time" in record;
  if (isExport) {
    const parsed = v.safeParse(DiagnosticAuditSchema, record);
    if (!parsed.success) return { error: describeIssues("Entra audit export record", parsed.issues) };
    const envelope = parsed.output as Record<string, unknown> & typeof parsed.output;
    return row(parsed.output.properties, {
      ResourceId: envelope.resourceId,
      OperationVersion: envelope.operationVersion,
      ResultSignature: envelope.resultSignature,
      DurationMs: envelope.durationMs,
      Level: envelope.Level ?? envelope.level,
      AADTenantId: envelope.tenantId,
      Identity: envelope.identity,
    });
  }
  const parsed = v.safeParse(DirectoryAuditSchema, record);
  if (!parsed.success) return { error: describeIssues("Entra audit record", parsed.issues) };
  return row(parsed.output, {});
}

function row(
  audit: v.InferOutput<typeof DirectoryAuditSchema>,
  envelope: Record<string, unknown>,
): ParsedRecord {
  const initiatedBy = audit.initiatedBy as {
    user?: { userPrincipalName?: string };
    app?: { displayName?: string };
  };
  const columns = {
    ...renameKeys(audit as Record<string, unknown>, GRAPH_COLUMNS),
    TimeGenerated: audit.activityDateTime,
    OperationName: audit.activityDisplayName,
    Category: audit.category,
    Identity: initiatedBy?.user?.userPrincipalName ?? initiatedBy?.app?.displayName,
    Resource: "Microsoft.aadiam",
    ResourceProvider: "Microsoft.aadiam",
    SourceSystem: "Azure AD",
    ...Object.fromEntries(
      Object.entries(envelope).filter(([, value]) => value !== undefined && value !== null),
    ),
  };
  return { table: AUDIT_TABLE, row: ENCODER.encode(columns) };
}
