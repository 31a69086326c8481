import * as v from "valibot";
import type { ParseContext, ParsedRecord } from "../connector.ts";
import { RowEncoder } from "../encode/row_encoder.ts";
import { renameKeys } from "../encode/rename_keys.ts";
import { describeIssues } from "../generic/describe_issues.ts";
import { DiagnosticSignInSchema, GraphSignInSchema } from "./schema.ts";

/** Diagnostic-settings category to table. */
export const SIGNIN_TABLES = {
  SignInLogs: "SigninLogs",
  NonInteractiveUserSignInLogs: "AADNonInteractiveUserSignInLogs",
  ServicePrincipalSignInLogs: "AADServicePrincipalSignInLogs",
  ManagedIdentitySignInLogs: "AADManagedIdentitySignInLogs",
} as const;

const ENCODERS = new Map<string, RowEncoder>(
  Object.values(SIGNIN_TABLES).map((table) => [table, RowEncoder.forTable(table)]),
);

/** Graph field names whose column is not their PascalCase form. */
const GRAPH_COLUMNS: Record<string, string | null> = {
  ipAddress: "IPAddress",
  location: "LocationDetails",
  appliedConditionalAccessPolicies: "ConditionalAccessPolicies",
  riskEventTypes_v2: "RiskEventTypes_V2",
  resourceId: "ResourceIdentity",
  // The sign-in's tenant is AADTenantId; TenantId is the workspace's.
  tenantId: "AADTenantId",
};

/**
 * Map a sign-in record, either a Graph signIn object or a diagnostic-settings export record, to its table:
 * interactive sign-ins to SigninLogs, non-interactive ones to AADNonInteractiveUserSignInLogs (by the export's
 * category, or Graph's `isInteractive` / `signInEventTypes`), service-principal and managed-identity sign-ins to
 * their own tables.
 *
 * @param record The record.
 * @param context Arrival time.
 * @returns The record for its table, or why it was rejected.
 * @example
 * ```ts
 * mapSignin({ id: "1", createdDateTime: "2024-01-01T00:00:00Z", isInteractive: false }, { receivedAt: new Date() });
 * // { table: "AADNonInteractiveUserSignInLogs", row: { ... } }
 * ```
 */
export function mapSignin(record: unknown, context: ParseContext): ParsedRecord | { error: string } {
  if (record !== null && typeof record === "object" && "properties" in record && "category" in record) {
    return fromDiagnostic(record, context);
  }
  return fromGraph(record);
}

function fromGraph(record: unknown): ParsedRecord | { error: string } {
  const parsed = v.safeParse(GraphSignInSchema, record);
  if (!parsed.success) return { error: describeIssues("Entra sign-in", parsed.issues) };
  const signIn = parsed.output;
  const types = signIn.signInEventTypes ?? [];
  const table = types.includes("servicePrincipal")
    ? SIGNIN_TABLES.ServicePrincipalSignInLogs
    : types.includes("managedIdentity")
    ? SIGNIN_TABLES.ManagedIdentitySignInLogs
    : signIn.isInteractive === false || (types.length > 0 && !types.includes("interactiveUser"))
    ? SIGNIN_TABLES.NonInteractiveUserSignInLogs
    : SIGNIN_TABLES.SignInLogs;
  return { table, row: encode(table, signInColumns(signIn as Record<string, unknown>, {})) };
}

function fromDiagnostic(record: object, context: ParseContext): ParsedRecord | { error: string } {
  const parsed = v.safeParse(DiagnosticSignInSchema, record);
  if (!parsed.success) return { error: describeIssues("Entra sign-in export record", parsed.issues) };
  const envelope = parsed.output as Record<string, unknown> & typeof parsed.output;
  const table = SIGNIN_TABLES[envelope.category as keyof typeof SIGNIN_TABLES];
  if (!table) return { error: `Unsupported sign-in category "${envelope.category}"` };
  const columns = signInColumns(envelope.properties as Record<string, unknown>, {
    TimeGenerated: envelope.time ?? context.receivedAt.toISOString(),
    OperationName: envelope.operationName,
    OperationVersion: envelope.operationVersion,
    Category: envelope.category,
    ResultType: envelope.resultType,
    ResultSignature: envelope.resultSignature,
    ResultDescription: envelope.resultDescription,
    DurationMs: envelope.durationMs,
    Identity: envelope.identity,
    Level: envelope.Level ?? envelope.level,
    Location: envelope.location,
    ResourceId: envelope.resourceId,
    AADTenantId: envelope.tenantId,
    CorrelationId: envelope.correlationId,
  });
  return { table, row: encode(table, columns) };
}

/** Columns from the signIn object's fields, then the derived ones Sentinel adds; `base` wins where both exist. */
function signInColumns(
  signIn: Record<string, unknown>,
  base: Record<string, unknown>,
): Record<string, unknown> {
  const columns = renameKeys(signIn, GRAPH_COLUMNS);
  const status = signIn.status as
    | { errorCode?: number | null; failureReason?: string | null }
    | null
    | undefined;
  const location = signIn.location as { countryOrRegion?: string | null } | null | undefined;
  return {
    ...columns,
    TimeGenerated: signIn.createdDateTime,
    ResultType: status?.errorCode === undefined || status?.errorCode === null
      ? undefined
      : String(status.errorCode),
    ResultDescription: status?.failureReason,
    Location: location?.countryOrRegion,
    Identity: signIn.userDisplayName,
    Category: signIn.isInteractive === false ? "NonInteractiveUserSignInLogs" : "SignInLogs",
    OperationName: "Sign-in activity",
    SourceSystem: "Azure AD",
    ...Object.fromEntries(Object.entries(base).filter(([, value]) => value !== undefined && value !== null)),
  };
}

function encode(table: string, columns: Record<string, unknown>) {
  return ENCODERS.get(table)!.encode(columns);
}
