/** Input shapes of Microsoft Defender for Endpoint payloads, validated at the boundary with valibot. */

import * as v from "valibot";

const Text = v.optional(v.nullable(v.string()));

/** A streaming API record: `{"time","category":"AdvancedHunting-<Table>","properties":{<columns>}}`. */
export const StreamingRecordSchema = v.looseObject({
  time: Text,
  category: v.pipe(v.string(), v.startsWith("AdvancedHunting-")),
  properties: v.looseObject({}),
});

/** An alert from the Defender for Endpoint alerts API. */
export const MdeAlertSchema = v.looseObject({
  id: v.string(),
  title: v.string(),
  severity: Text,
  status: Text,
  description: Text,
  category: Text,
  alertCreationTime: v.string(),
  firstEventTime: Text,
  lastEventTime: Text,
  computerDnsName: Text,
  machineId: Text,
  mitreTechniques: v.optional(v.nullable(v.array(v.string()))),
  evidence: v.optional(v.nullable(v.array(v.looseObject({ entityType: Text })))),
});
