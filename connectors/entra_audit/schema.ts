/** Input shapes of Entra ID audit records, validated at the boundary with valibot. */

import * as v from "valibot";

const Text = v.optional(v.nullable(v.string()));

/** A Microsoft Graph directoryAudit object. */
export const DirectoryAuditSchema = v.looseObject({
  id: v.string(),
  activityDateTime: v.string(),
  activityDisplayName: v.string(),
  category: Text,
  result: Text,
  initiatedBy: v.optional(v.nullable(v.looseObject({}))),
  targetResources: v.optional(v.nullable(v.array(v.unknown()))),
  additionalDetails: v.optional(v.nullable(v.array(v.unknown()))),
});

/** A diagnostic-settings export record with category `AuditLogs`. */
export const DiagnosticAuditSchema = v.looseObject({
  time: v.string(),
  category: v.literal("AuditLogs"),
  properties: DirectoryAuditSchema,
});
