/**
 * @module
 * The `aws-cloudtrail` connector: CloudTrail log files and EventBridge CloudTrail events to AWSCloudTrail.
 *
 * @example
 * ```ts
 * import { awsCloudTrailConnector } from "./mod.ts";
 * awsCloudTrailConnector.tables; // ["AWSCloudTrail"]
 * ```
 */

export { awsCloudTrailConnector } from "./aws_cloudtrail_connector.ts";
export { CLOUDTRAIL_TABLE, mapCloudTrail } from "./map_cloudtrail.ts";
