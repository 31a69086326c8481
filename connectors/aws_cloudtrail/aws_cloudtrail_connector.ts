import type { Connector } from "../connector.ts";
import { jsonConnector } from "../generic/json_connector.ts";
import { CLOUDTRAIL_TABLE, mapCloudTrail } from "./map_cloudtrail.ts";

/**
 * The `aws-cloudtrail` connector: CloudTrail log files (`{"Records":[...]}`), single records and EventBridge
 * "AWS API Call via CloudTrail" events to AWSCloudTrail.
 *
 * @example
 * ```ts
 * const body = JSON.stringify({ Records: [{ eventTime: "2024-01-01T00:00:00Z", eventSource: "iam.amazonaws.com", eventName: "CreateUser" }] });
 * awsCloudTrailConnector.parse(new TextEncoder().encode(body), { receivedAt: new Date() }).records[0].row.EventName;
 * // "CreateUser"
 * ```
 */
export const awsCloudTrailConnector: Connector = jsonConnector({
  name: "aws-cloudtrail",
  tables: [CLOUDTRAIL_TABLE],
  envelopes: ["Records", "records"],
  mapRecord: mapCloudTrail,
});
