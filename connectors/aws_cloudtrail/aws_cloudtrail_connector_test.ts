import assert from "node:assert/strict";
import { awsCloudTrailConnector } from "./aws_cloudtrail_connector.ts";

const receivedAt = new Date("2024-03-01T12:00:00Z");
const read = (name: string) => Deno.readFileSync(new URL(`./testdata/${name}`, import.meta.url));

Deno.test("awsCloudTrailConnector maps a log file's records with Sentinel's column names", () => {
  const result = awsCloudTrailConnector.parse(read("log_file.json"), { receivedAt });
  const [iam, s3] = result.records.map((record) => record.row);
  assert.equal(iam.TimeGenerated, "2024-03-01T10:05:12.000Z");
  assert.deepEqual([iam.EventSource, iam.EventName, iam.AWSRegion], [
    "iam.amazonaws.com",
    "CreateAccessKey",
    "us-east-1",
  ]);
  assert.deepEqual([iam.UserIdentityType, iam.UserIdentityUserName, iam.UserIdentityAccessKeyId], [
    "IAMUser",
    "Alice",
    "AKIAIOSFODNN7EXAMPLE",
  ]);
  assert.equal(iam.SessionMfaAuthenticated, false);
  assert.equal(iam.SessionCreationDate, "2024-03-01T10:00:00.000Z");
  assert.equal(iam.RequestParameters, '{"userName":"Bob"}');
  assert.deepEqual([iam.ReadOnly, iam.ManagementEvent, iam.Category], [false, true, "Management"]);
  assert.deepEqual([iam.TlsVersion, iam.AwsRequestId, iam.EventTypeName], [
    "TLSv1.3",
    "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE",
    "AwsApiCall",
  ]);
  assert.deepEqual([s3.ErrorCode, s3.SessionIssuerUserName, s3.SessionMfaAuthenticated], [
    "AccessDenied",
    "Admin",
    true,
  ]);
  assert.match(String(s3.Resources), /finance-data/);
  assert.deepEqual(result.errors.map((error) => [error.index, error.message]), [
    [2, 'Invalid CloudTrail record: "eventSource" is missing'],
  ]);
});

Deno.test("awsCloudTrailConnector unwraps EventBridge CloudTrail events", () => {
  const row = awsCloudTrailConnector.parse(read("eventbridge.json"), { receivedAt }).records[0].row;
  assert.deepEqual([row.EventName, row.UserIdentityType, row.SourceIpAddress], [
    "StopInstances",
    "Root",
    "192.0.2.10",
  ]);
});
