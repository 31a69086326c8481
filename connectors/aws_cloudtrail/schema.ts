/** Input shapes of CloudTrail records, validated at the boundary with valibot. */

import * as v from "valibot";

const Text = v.optional(v.nullable(v.string()));

/** One CloudTrail record (as in a log file's `Records` array or an EventBridge event's `detail`). */
export const CloudTrailRecordSchema = v.looseObject({
  eventTime: v.string(),
  eventSource: v.string(),
  eventName: v.string(),
  eventVersion: Text,
  awsRegion: Text,
  sourceIPAddress: Text,
  userIdentity: v.optional(v.nullable(v.looseObject({
    type: Text,
    sessionContext: v.optional(v.nullable(v.looseObject({
      attributes: v.optional(v.nullable(v.looseObject({}))),
      sessionIssuer: v.optional(v.nullable(v.looseObject({}))),
    }))),
  }))),
});

/** An EventBridge event carrying a CloudTrail record. */
export const EventBridgeSchema = v.looseObject({
  "detail-type": v.string(),
  detail: v.looseObject({}),
});
