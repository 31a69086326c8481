/** Input shape of Office 365 Management Activity API records (the common schema), validated with valibot. */

import * as v from "valibot";

/** The common schema fields every record carries. */
export const ManagementActivitySchema = v.looseObject({
  Id: v.string(),
  CreationTime: v.string(),
  Operation: v.string(),
  RecordType: v.union([v.number(), v.string()]),
  Workload: v.optional(v.nullable(v.string())),
  UserType: v.optional(v.nullable(v.union([v.number(), v.string()]))),
});
