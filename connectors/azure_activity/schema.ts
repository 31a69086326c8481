/** Input shapes of Azure Activity log records, validated at the boundary with valibot. */

import * as v from "valibot";

const Text = v.optional(v.nullable(v.string()));
/** REST API fields are `{value, localizedValue}` objects where the export has plain strings. */
const Localized = v.optional(v.nullable(v.union([v.string(), v.looseObject({ value: Text })])));

/** Diagnostic settings / Event Hub export record. */
export const ActivityExportSchema = v.looseObject({
  time: v.string(),
  resourceId: Text,
  operationName: v.string(),
  category: Text,
  resultType: Text,
  identity: v.optional(v.nullable(v.looseObject({}))),
  properties: v.optional(v.nullable(v.looseObject({}))),
});

/** Azure Monitor REST API event (`eventTimestamp`, localized value objects). */
export const ActivityRestSchema = v.looseObject({
  eventTimestamp: v.string(),
  operationName: Localized,
  category: Localized,
  status: Localized,
  subStatus: Localized,
  resourceId: Text,
  caller: Text,
});
