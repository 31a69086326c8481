import * as v from "valibot";
import type { ParseContext, ParsedRecord } from "../connector.ts";
import { RowEncoder } from "../encode/row_encoder.ts";
import { describeIssues } from "../generic/describe_issues.ts";
import { CloudTrailRecordSchema, EventBridgeSchema } from "./schema.ts";

/** The table CloudTrail records go to. */
export const CLOUDTRAIL_TABLE = "AWSCloudTrail";

const ENCODER = RowEncoder.forTable(CLOUDTRAIL_TABLE);

type Obj = Record<string, unknown>;

/**
 * Map a CloudTrail record (or an EventBridge event wrapping one in `detail`) to an AWSCloudTrail row, with the
 * column names of Sentinel's AWS connector: `userIdentity.*` flattened to `UserIdentity*`, the session issuer and
 * attributes to `Session*`, request/response bodies kept as JSON text.
 *
 * @param record The record.
 * @param _context Unused: CloudTrail records always carry their time.
 * @returns The AWSCloudTrail record, or why it was rejected.
 * @example
 * ```ts
 * mapCloudTrail({ eventTime: "2024-01-01T00:00:00Z", eventSource: "s3.amazonaws.com", eventName: "GetObject" },
 *   { receivedAt: new Date() });
 * ```
 */
export function mapCloudTrail(record: unknown, _context: ParseContext): ParsedRecord | { error: string } {
  let trail = record;
  if (record !== null && typeof record === "object" && "detail-type" in record) {
    const bridge = v.safeParse(EventBridgeSchema, record);
    if (!bridge.success) return { error: describeIssues("EventBridge event", bridge.issues) };
    trail = bridge.output.detail;
  }
  const parsed = v.safeParse(CloudTrailRecordSchema, trail);
  if (!parsed.success) return { error: describeIssues("CloudTrail record", parsed.issues) };
  const r = parsed.output as Obj & typeof parsed.output;
  const identity = (r.userIdentity ?? {}) as Obj;
  const session = (identity.sessionContext ?? {}) as Obj;
  const attributes = (session.attributes ?? {}) as Obj;
  const issuer = (session.sessionIssuer ?? {}) as Obj;
  const tls = (r.tlsDetails ?? {}) as Obj;
  return {
    table: CLOUDTRAIL_TABLE,
    row: ENCODER.encode({
      TimeGenerated: r.eventTime,
      EventVersion: r.eventVersion,
      EventSource: r.eventSource,
      EventName: r.eventName,
      AWSRegion: r.awsRegion,
      SourceIpAddress: r.sourceIPAddress,
      UserAgent: r.userAgent,
      ErrorCode: r.errorCode,
      ErrorMessage: r.errorMessage,
      RequestParameters: r.requestParameters,
      ResponseElements: r.responseElements,
      AdditionalEventData: r.additionalEventData,
      AwsRequestId: r.requestID,
      AwsEventId: r.eventID,
      EventTypeName: r.eventType,
      APIVersion: r.apiVersion,
      ReadOnly: r.readOnly,
      ManagementEvent: r.managementEvent,
      Category: r.eventCategory,
      Resources: r.resources,
      RecipientAccountId: r.recipientAccountId,
      ServiceEventDetails: r.serviceEventDetails,
      SharedEventId: r.sharedEventID,
      VpcEndpointId: r.vpcEndpointId,
      EC2RoleDelivery: r.ec2RoleDelivery,
      TlsVersion: tls.tlsVersion,
      CipherSuite: tls.cipherSuite,
      ClientProvidedHostHeader: tls.clientProvidedHostHeader,
      UserIdentityType: identity.type,
      UserIdentityPrincipalid: identity.principalId,
      UserIdentityArn: identity.arn,
      UserIdentityAccountId: identity.accountId,
      UserIdentityAccessKeyId: identity.accessKeyId,
      UserIdentityUserName: identity.userName,
      UserIdentityInvokedBy: identity.invokedBy,
      UserIdentityUserId: identity.userId ?? (identity.onBehalfOf as Obj | undefined)?.userId,
      UserIdentityStoreArn: identity.identityStoreArn ??
        (identity.onBehalfOf as Obj | undefined)?.identityStoreArn,
      SessionCreationDate: attributes.creationDate,
      SessionMfaAuthenticated: attributes.mfaAuthenticated,
      SessionIssuerType: issuer.type,
      SessionIssuerPrincipalId: issuer.principalId,
      SessionIssuerArn: issuer.arn,
      SessionIssuerAccountId: issuer.accountId,
      SessionIssuerUserName: issuer.userName,
      OperationName: "CloudTrail",
      SourceSystem: "AWS",
    }),
  };
}
