/**
 * Input shapes of the JSON Windows events, validated at the boundary with valibot. Only what the mapper relies on
 * is checked; everything else is passed through loosely, as agents add fields between versions.
 */

import * as v from "valibot";

const EventId = v.union([v.pipe(v.number(), v.integer()), v.pipe(v.string(), v.regex(/^\s*\d+\s*$/))]);
const Text = v.optional(v.nullable(v.string()));

/** Winlogbeat / Elastic Agent: `winlog.*` with `event_data`. */
export const WinlogbeatEventSchema = v.looseObject({
  "@timestamp": Text,
  winlog: v.looseObject({
    event_id: EventId,
    computer_name: Text,
    channel: Text,
    provider_name: Text,
    task: v.optional(v.unknown()),
    event_data: v.optional(v.record(v.string(), v.unknown())),
    user_data: v.optional(v.record(v.string(), v.unknown())),
  }),
  log: v.optional(v.looseObject({ level: Text })),
});

/** NXLog im_msvistalog with to_json(): System fields flat beside the EventData fields. */
export const NxlogEventSchema = v.looseObject({
  EventID: EventId,
  Hostname: Text,
  EventTime: v.optional(v.union([v.string(), v.number()])),
  SourceName: Text,
  ProviderName: Text,
  Channel: Text,
});

/** Azure Monitor Agent / Sentinel export: already SecurityEvent columns. */
export const SecurityEventColumnsSchema = v.looseObject({
  EventID: EventId,
  Computer: Text,
});
