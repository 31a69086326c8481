/**
 * @module
 * Splunk HTTP Event Collector bodies: `/services/collector/event` (concatenated JSON events) and
 * `/services/collector/raw` (lines), HEC's error answers, and routing of events to tables.
 *
 * @example
 * ```ts
 * import { hecEventsToRecords, hecResponse, parseHecEvents } from "./mod.ts";
 * const parsed = parseHecEvents('{"event":{"user":"alice","action":"login"},"index":"App_CL","time":"1700000000.5"}');
 * const result = hecEventsToRecords(parsed.events, { context: { receivedAt: new Date() } });
 * result.records[0].row.TimeGenerated; // "2023-11-14T22:13:20.500Z"
 * hecResponse(parsed.error); // { text: "Success", code: 0 }
 * ```
 */

export {
  HEC_ERRORS,
  type HecDefaults,
  type HecError,
  type HecEvent,
  type HecParseResult,
  hecResponse,
  parseHecEvents,
  parseHecRaw,
} from "./parse_hec.ts";
export {
  HEC_DEFAULT_SCHEMA,
  HEC_DEFAULT_TABLE,
  hecEventsToRecords,
  type HecRoutingOptions,
} from "./hec_to_records.ts";
