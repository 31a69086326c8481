/**
 * Splunk HTTP Event Collector bodies: `/services/collector/event` takes JSON event objects back to back (no
 * separator needed, whitespace allowed) with `event` and optional `time`, `host`, `source`, `sourcetype`,
 * `index`, `fields`; `/services/collector/raw` takes lines of text. Splunk rejects a request at the first bad event
 * and says which one (`invalid-event-number`); the events before it are kept here so that the caller can decide.
 */

import type { JsonValue } from "../connector.ts";
import { fromEpoch } from "../encode/datetime.ts";
import { splitJsonBody } from "../generic/split_json_body.ts";

/** One HEC event, metadata resolved against the request defaults. */
export interface HecEvent {
  /** Position in the request (0-based). */
  readonly index: number;
  /** Event time as a row datetime, or null when the event has none. */
  readonly time: string | null;
  readonly host: string | null;
  readonly source: string | null;
  readonly sourcetype: string | null;
  readonly indexName: string | null;
  readonly event: JsonValue;
  readonly fields: Readonly<Record<string, JsonValue>> | null;
}

/** HEC's documented error answers (status 400), by code. */
export const HEC_ERRORS = {
  noData: { code: 5, text: "No data" },
  invalidDataFormat: { code: 6, text: "Invalid data format" },
  eventFieldRequired: { code: 12, text: "Event field is required" },
  eventFieldBlank: { code: 13, text: "Event field cannot be blank" },
} as const;

/** A HEC error answer. */
export interface HecError {
  readonly code: number;
  readonly text: string;
  /** The 0-based number of the bad event (HEC's `invalid-event-number`). */
  readonly invalidEventNumber?: number;
  /** What exactly is wrong, for logs and dead letters. */
  readonly detail?: string;
}

/** Events parsed before the first problem, and that problem. */
export interface HecParseResult {
  readonly events: HecEvent[];
  readonly error: HecError | null;
}

/** Request-level metadata (query parameters of the request, or the token's defaults). */
export interface HecDefaults {
  readonly host?: string;
  readonly source?: string;
  readonly sourcetype?: string;
  readonly index?: string;
}

/**
 * Parse a `/services/collector/event` body.
 *
 * @param text The decoded body.
 * @param defaults Metadata for events that do not carry their own.
 * @returns The events and the first error (HEC codes 5, 6, 12, 13).
 * @example
 * ```ts
 * parseHecEvents('{"event":"a","time":1700000000}{"event":{"b":1},"sourcetype":"json"}').events.length; // 2
 * ```
 */
export function parseHecEvents(text: string, defaults: HecDefaults = {}): HecParseResult {
  if (text.trim() === "") return { events: [], error: HEC_ERRORS.noData };
  const split = splitJsonBody(text, { shape: "concatenated" });
  const events: HecEvent[] = [];
  const firstBad = split.errors[0]?.index ?? Infinity;
  for (const record of split.records) {
    if (record.index > firstBad) break;
    const value = record.value;
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      return {
        events,
        error: {
          ...HEC_ERRORS.invalidDataFormat,
          invalidEventNumber: record.index,
          detail: "Event is not a JSON object",
        },
      };
    }
    const object = value as Record<string, JsonValue>;
    if (!("event" in object)) {
      return { events, error: { ...HEC_ERRORS.eventFieldRequired, invalidEventNumber: record.index } };
    }
    if (object.event === "" || object.event === null) {
      return { events, error: { ...HEC_ERRORS.eventFieldBlank, invalidEventNumber: record.index } };
    }
    const time = hecTime(object.time);
    if (time === undefined) {
      return {
        events,
        error: {
          ...HEC_ERRORS.invalidDataFormat,
          invalidEventNumber: record.index,
          detail: `Invalid "time": ${JSON.stringify(object.time)}`,
        },
      };
    }
    events.push({
      index: record.index,
      time,
      host: str(object.host) ?? defaults.host ?? null,
      source: str(object.source) ?? defaults.source ?? null,
      sourcetype: str(object.sourcetype) ?? defaults.sourcetype ?? null,
      indexName: str(object.index) ?? defaults.index ?? null,
      event: object.event,
      fields: object.fields !== null && typeof object.fields === "object" && !Array.isArray(object.fields)
        ? object.fields as Record<string, JsonValue>
        : null,
    });
  }
  if (split.errors.length > 0) {
    const error = split.errors[0];
    return {
      events,
      error: { ...HEC_ERRORS.invalidDataFormat, invalidEventNumber: error.index, detail: error.message },
    };
  }
  return { events, error: null };
}

/**
 * Parse a `/services/collector/raw` body: each non-empty line is one event with the request's metadata.
 *
 * @param text The decoded body.
 * @param defaults The request's metadata.
 * @returns The events (error only for an empty body).
 * @example
 * ```ts
 * parseHecRaw("line one\nline two\n", { sourcetype: "syslog" }).events[1].event; // "line two"
 * ```
 */
export function parseHecRaw(text: string, defaults: HecDefaults = {}): HecParseResult {
  const events: HecEvent[] = [];
  text.split("\n").forEach((line, index) => {
    const event = line.replace(/\r$/, "");
    if (event.trim() === "") return;
    events.push({
      index,
      time: null,
      host: defaults.host ?? null,
      source: defaults.source ?? null,
      sourcetype: defaults.sourcetype ?? null,
      indexName: defaults.index ?? null,
      event,
      fields: null,
    });
  });
  return { events, error: events.length === 0 ? HEC_ERRORS.noData : null };
}

/**
 * The JSON answer HEC clients expect.
 *
 * @param error The parse error, or null for success.
 * @returns `{"text":"Success","code":0}` or the error with `invalid-event-number`.
 * @example
 * ```ts
 * hecResponse(null); // { text: "Success", code: 0 }
 * ```
 */
export function hecResponse(error: HecError | null): Record<string, JsonValue> {
  if (error === null) return { text: "Success", code: 0 };
  const body: Record<string, JsonValue> = { text: error.text, code: error.code };
  if (error.invalidEventNumber !== undefined) body["invalid-event-number"] = error.invalidEventNumber;
  return body;
}

/** HEC time is epoch seconds with optional decimals, as a number or a string; undefined means invalid. */
function hecTime(value: JsonValue | undefined): string | null | undefined {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value !== "number" && (typeof value !== "string" || !/^\s*\d+(\.\d+)?\s*$/.test(value))) {
    return undefined;
  }
  return fromEpoch(value, "s") ?? undefined;
}

function str(value: JsonValue | undefined): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}
