/**
 * Cloud control-plane activity to ASIM AuditEvent: AWS CloudTrail API calls and Azure Resource Manager
 * operations (AzureActivity). The operation's verb decides `EventType`; the caller is the actor. AWS console
 * sign-ins are Authentication events as well.
 */
import type { ParsedRecord, Row } from "../connector.ts";
import { asimRecord, obj, str } from "./asim_row.ts";

/** Verbs (the start of an API name, or the last segment of an ARM operation) to AuditEvent `EventType`. */
const VERBS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(create|add|import|register|allocate|copy|new|upload)/i, "Create"],
  [/^(delete|remove|deregister|terminate|release|purge)/i, "Delete"],
  [/^(get|list|describe|head|lookup|read|search|select|batchget)/i, "Read"],
  [/^(enable)/i, "Enable"],
  [/^(disable)/i, "Disable"],
  [/^(start|run|invoke|action|execute|send|assume)/i, "Execute"],
  [/^(stop)/i, "Stop"],
  [/^(install)/i, "Install"],
  [
    /^(put|update|modify|set|attach|detach|associate|disassociate|tag|untag|change|replace|reset|write|revoke|authorize|restore|rotate)/i,
    "Set",
  ],
];

function eventType(verb: string | undefined): string {
  if (verb === undefined) return "Other";
  return VERBS.find(([pattern]) => pattern.test(verb))?.[1] ?? "Other";
}

/** Whether a value is an IP address rather than a service name (CloudTrail puts `ec2.amazonaws.com` there). */
function isIp(value: string | undefined): boolean {
  return value !== undefined &&
    (/^\d{1,3}(\.\d{1,3}){3}$/.test(value) || /^[0-9a-f:]+:[0-9a-f:]*$/i.test(value));
}

/**
 * The ASim AuditEvent record of an AWSCloudTrail row, and for a `ConsoleLogin` its Authentication record too.
 *
 * @param row The row.
 * @returns One or two records.
 * @example
 * ```ts
 * const [audit] = mapCloudTrail({ TimeGenerated: "2024-01-01T00:00:00.000Z", EventName: "DeleteTrail" });
 * audit.row.EventType; // "Delete"
 * ```
 */
export function mapCloudTrail(row: Row): ParsedRecord[] {
  const audit = cloudTrailAudit(row);
  return str(row, "EventName") === "ConsoleLogin" ? [audit, consoleLogin(row)] : [audit];
}

function cloudTrailAudit(row: Row): ParsedRecord {
  const name = str(row, "EventName");
  const error = str(row, "ErrorCode");
  const source = str(row, "SourceIpAddress");
  const identityType = str(row, "UserIdentityType");
  return asimRecord("AuditEvent", {
    TimeGenerated: row.TimeGenerated,
    EventVendor: "AWS",
    EventProduct: "CloudTrail",
    EventType: eventType(name),
    EventResult: error === undefined ? "Success" : "Failure",
    EventResultDetails: error,
    EventOriginalResultDetails: str(row, "ErrorMessage"),
    EventOriginalType: str(row, "EventTypeName"),
    EventOriginalUid: str(row, "AwsEventId"),
    EventSeverity: error === undefined ? "Informational" : "Low",
    Operation: name,
    Object: str(row, "EventSource"),
    ObjectType: "Cloud Resource",
    NewValue: str(row, "RequestParameters"),
    ActorUsername: str(row, "UserIdentityArn") ?? str(row, "UserIdentityUserName"),
    ActorUsernameType: str(row, "UserIdentityArn") === undefined ? "Simple" : "ARN",
    ActorUserId: str(row, "UserIdentityPrincipalid"),
    ActorUserIdType: str(row, "UserIdentityPrincipalid") === undefined ? undefined : "AWSId",
    ActorUserType: identityType === "Root"
      ? "Admin"
      : identityType === "AWSService"
      ? "Service"
      : identityType === "IAMUser"
      ? "Regular"
      : identityType && "Other",
    ActorOriginalUserType: identityType,
    ActorSessionId: str(row, "UserIdentityAccessKeyId"),
    HttpUserAgent: str(row, "UserAgent"),
    SrcIpAddr: isIp(source) ? source : undefined,
    SrcHostname: isIp(source) ? undefined : source,
    TargetAppName: str(row, "EventSource"),
    TargetAppType: "Service",
    DvcId: str(row, "RecipientAccountId"),
    DvcIdType: str(row, "RecipientAccountId") === undefined ? undefined : "AwsAccountId",
    DvcScope: str(row, "AWSRegion"),
  });
}

/** A console sign-in (`ConsoleLogin`) is also an Authentication event: its outcome is in the response. */
function consoleLogin(row: Row): ParsedRecord {
  const outcome = obj(row, "ResponseElements")?.ConsoleLogin;
  const mfa = obj(row, "AdditionalEventData")?.MFAUsed;
  const failed = outcome === "Failure";
  return asimRecord("Authentication", {
    TimeGenerated: row.TimeGenerated,
    EventVendor: "AWS",
    EventProduct: "AWS IAM",
    EventType: "Logon",
    EventResult: outcome === "Success" ? "Success" : failed ? "Failure" : "NA",
    EventResultDetails: failed ? "Other" : undefined,
    EventOriginalResultDetails: str(row, "ErrorMessage"),
    EventOriginalType: "ConsoleLogin",
    EventOriginalUid: str(row, "AwsEventId"),
    EventSeverity: failed ? "Low" : "Informational",
    TargetUsername: str(row, "UserIdentityArn") ?? str(row, "UserIdentityUserName"),
    TargetUsernameType: str(row, "UserIdentityArn") === undefined ? "Simple" : "ARN",
    TargetUserId: str(row, "UserIdentityPrincipalid"),
    TargetUserIdType: str(row, "UserIdentityPrincipalid") === undefined ? undefined : "AWSId",
    TargetUserType: str(row, "UserIdentityType") === "Root" ? "Admin" : "Regular",
    TargetOriginalUserType: str(row, "UserIdentityType"),
    TargetAppName: "AWS Console",
    TargetAppType: "Web application",
    LogonMethod: mfa === "Yes"
      ? "Multifactor authentication"
      : mfa === "No"
      ? "Username & Password"
      : undefined,
    HttpUserAgent: str(row, "UserAgent"),
    SrcIpAddr: isIp(str(row, "SourceIpAddress")) ? str(row, "SourceIpAddress") : undefined,
  });
}

/**
 * The ASim AuditEvent record of an AzureActivity row (Administrative category operations and the like).
 *
 * @param row The row.
 * @returns One record, or none for a row that names no operation.
 * @example
 * ```ts
 * const [audit] = mapAzureActivity({ TimeGenerated: "2024-01-01T00:00:00.000Z",
 *   OperationNameValue: "MICROSOFT.COMPUTE/VIRTUALMACHINES/DELETE", ActivityStatusValue: "Success" });
 * audit.row.EventType; // "Delete"
 * ```
 */
export function mapAzureActivity(row: Row): ParsedRecord[] {
  const operation = str(row, "OperationNameValue") ?? str(row, "OperationName");
  if (operation === undefined) return [];
  const status = str(row, "ActivityStatusValue") ?? str(row, "ActivityStatus");
  const lower = status?.toLowerCase();
  const caller = str(row, "Caller");
  const upn = caller?.includes("@");
  const resource = str(row, "_ResourceId") ?? str(row, "ResourceId");
  return [asimRecord("AuditEvent", {
    TimeGenerated: row.TimeGenerated,
    EventVendor: "Microsoft",
    EventProduct: "Azure Resource Manager",
    EventType: eventType(operation.split("/").at(-1)),
    EventResult: lower === "success" || lower === "succeeded"
      ? "Success"
      : lower === "failure" || lower === "failed"
      ? "Failure"
      : "NA",
    EventResultDetails: str(row, "ActivitySubstatusValue"),
    EventOriginalResultDetails: status,
    EventOriginalType: str(row, "CategoryValue") ?? str(row, "Category"),
    EventOriginalUid: str(row, "EventDataId"),
    EventSeverity: lower === "failure" || lower === "failed" ? "Low" : "Informational",
    Operation: operation,
    Object: resource,
    ObjectId: resource,
    ObjectType: "Cloud Resource",
    ActorUsername: upn ? caller : undefined,
    ActorUsernameType: upn ? "UPN" : undefined,
    ActorUserId: upn ? undefined : caller,
    ActorUserIdType: caller !== undefined && !upn ? "AADID" : undefined,
    SrcIpAddr: str(row, "CallerIpAddress"),
    TargetAppName: str(row, "ResourceProviderValue") ?? str(row, "ResourceProvider"),
    TargetAppType: "Service",
    DvcScopeId: str(row, "SubscriptionId"),
    DvcScope: str(row, "ResourceGroup"),
  })];
}
