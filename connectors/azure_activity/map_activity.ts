import * as v from "valibot";
import type { ParseContext, ParsedRecord } from "../connector.ts";
import { RowEncoder } from "../encode/row_encoder.ts";
import { describeIssues } from "../generic/describe_issues.ts";
import { ActivityExportSchema, ActivityRestSchema } from "./schema.ts";

/** The table Azure Activity records go to. */
export const ACTIVITY_TABLE = "AzureActivity";

const ENCODER = RowEncoder.forTable(ACTIVITY_TABLE);
const UPN_CLAIM = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn";
const OBJECT_ID_CLAIM = "http://schemas.microsoft.com/identity/claims/objectidentifier";

/**
 * Map an Azure Activity record, in the diagnostic-export / Event Hub shape or the REST API shape, to an
 * AzureActivity row as Sentinel's connector fills it: `*Value` columns hold the unlocalized values, subscription,
 * resource group and provider come from the resource id, Caller is the UPN claim (or the object id for service
 * principals), and Authorization, Claims and Properties are both JSON text and `_d` dynamic columns.
 *
 * @param record The record.
 * @param context Arrival time.
 * @returns The AzureActivity record, or why it was rejected.
 * @example
 * ```ts
 * mapActivity({ time: "2024-01-01T00:00:00Z", operationName: "MICROSOFT.COMPUTE/VIRTUALMACHINES/DELETE",
 *   resourceId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1" },
 *   { receivedAt: new Date() });
 * ```
 */
export function mapActivity(record: unknown, context: ParseContext): ParsedRecord | { error: string } {
  if (record !== null && typeof record === "object" && "eventTimestamp" in record) {
    return fromRest(record, context);
  }
  const parsed = v.safeParse(ActivityExportSchema, record);
  if (!parsed.success) return { error: describeIssues("Azure Activity record", parsed.issues) };
  const r = parsed.output as Record<string, unknown> & typeof parsed.output;
  const identity = (r.identity ?? {}) as { authorization?: unknown; claims?: Record<string, unknown> };
  const properties = (r.properties ?? {}) as Record<string, unknown>;
  const claims = identity.claims;
  return build({
    TimeGenerated: r.time,
    OperationNameValue: r.operationName,
    OperationName: r.operationName,
    CategoryValue: r.category,
    Category: r.category,
    ActivityStatusValue: r.resultType,
    ActivityStatus: r.resultType,
    ActivitySubstatusValue: properties.statusCode,
    ActivitySubstatus: properties.statusCode,
    Level: r.level ?? r.Level,
    CallerIpAddress: r.callerIpAddress,
    CorrelationId: r.correlationId,
    Caller: claims?.[UPN_CLAIM] ?? claims?.[OBJECT_ID_CLAIM] ?? properties.caller,
    Authorization: identity.authorization,
    Authorization_d: identity.authorization,
    Claims: claims,
    Claims_d: claims,
    Properties: properties,
    Properties_d: properties,
    Hierarchy: properties.hierarchy,
    EventDataId: r.eventDataId ?? properties.eventDataId,
    OperationId: r.operationId,
    ResourceId: r.resourceId,
    TenantId: r.tenantId,
  }, context);
}

function fromRest(record: object, context: ParseContext): ParsedRecord | { error: string } {
  const parsed = v.safeParse(ActivityRestSchema, record);
  if (!parsed.success) return { error: describeIssues("Azure Activity event", parsed.issues) };
  const r = parsed.output as Record<string, unknown> & typeof parsed.output;
  const claims = r.claims as Record<string, unknown> | undefined;
  return build({
    TimeGenerated: r.eventTimestamp,
    EventSubmissionTimestamp: r.submissionTimestamp,
    OperationNameValue: valueOf(r.operationName),
    OperationName: localized(r.operationName),
    CategoryValue: valueOf(r.category),
    Category: localized(r.category),
    ActivityStatusValue: valueOf(r.status),
    ActivityStatus: localized(r.status),
    ActivitySubstatusValue: valueOf(r.subStatus),
    ActivitySubstatus: localized(r.subStatus),
    Level: r.level,
    Caller: r.caller ?? claims?.[UPN_CLAIM],
    CallerIpAddress: (r.httpRequest as { clientIpAddress?: string } | undefined)?.clientIpAddress,
    CorrelationId: r.correlationId,
    Authorization: r.authorization,
    Authorization_d: r.authorization,
    Claims: claims,
    Claims_d: claims,
    Properties: r.properties,
    Properties_d: r.properties,
    HTTPRequest: r.httpRequest,
    EventDataId: r.eventDataId,
    OperationId: r.operationId,
    ResourceId: r.resourceId,
    TenantId: r.tenantId,
  }, context);
}

function build(values: Record<string, unknown>, context: ParseContext): ParsedRecord {
  const resourceId = typeof values.ResourceId === "string" ? values.ResourceId : "";
  const parts = /^\/subscriptions\/([^/]+)(?:\/resourceGroups\/([^/]+))?(?:\/providers\/([^/]+))?/i.exec(
    resourceId,
  );
  const operation = typeof values.OperationNameValue === "string" ? values.OperationNameValue : "";
  const provider = parts?.[3] ??
    (operation.includes("/") ? operation.slice(0, operation.indexOf("/")) : undefined);
  values.TimeGenerated ??= context.receivedAt.toISOString();
  values.SubscriptionId ??= parts?.[1];
  values.ResourceGroup ??= parts?.[2];
  values.ResourceProviderValue ??= provider?.toUpperCase();
  values.ResourceProvider ??= provider;
  values._ResourceId ??= resourceId ? resourceId.toLowerCase() : undefined;
  values.SourceSystem = "Azure";
  return { table: ACTIVITY_TABLE, row: ENCODER.encode(values) };
}

function valueOf(field: unknown): unknown {
  return field !== null && typeof field === "object" ? (field as { value?: unknown }).value : field;
}

function localized(field: unknown): unknown {
  return field !== null && typeof field === "object"
    ? (field as { localizedValue?: unknown; value?: unknown }).localizedValue ??
      (field as { value?: unknown }).value
    : field;
}
