/**
 * The shared shape of the JSON connectors (cloud sources): decode, split the body, unwrap the vendor's envelope,
 * map each record on its own. Each connector only supplies its envelope keys and a mapper.
 */

import type {
  Connector,
  ConnectorResult,
  ParseContext,
  ParsedRecord,
  RecordError,
  RecordWarning,
} from "../connector.ts";
import { decodeText, INVALID_UTF8_MESSAGE } from "../encode/decode_text.ts";
import { salvageEnvelope } from "./salvage_envelope.ts";
import { splitJsonBody } from "./split_json_body.ts";

/** Key under which salvaged records are handed to the envelope unwrapping (not a key any source uses). */
const ENVELOPE = "\u0000salvaged";

/** What a mapper returns: rows, or the reason the record is rejected. */
export type MapOutcome = ParsedRecord | ParsedRecord[] | { readonly error: string };

/** A JSON connector's specifics. */
export interface JsonConnectorSpec {
  readonly name: string;
  readonly tables: readonly string[];
  /** Keys whose array value holds the records, e.g. `records` (Azure), `Records` (CloudTrail), `value` (Graph). */
  readonly envelopes: readonly string[];
  /** Map one record; must not throw (a throw is still caught and reported as an internal error). */
  mapRecord(record: unknown, context: ParseContext): MapOutcome;
}

/**
 * Build a Connector from a JSON connector's specifics.
 *
 * @param spec Name, tables, envelope keys and mapper.
 * @returns The connector.
 * @example
 * ```ts
 * const echo = jsonConnector({
 *   name: "echo",
 *   tables: ["Echo_CL"],
 *   envelopes: ["records"],
 *   mapRecord: (record) => ({ table: "Echo_CL", row: { RawData: JSON.stringify(record) } }),
 * });
 * echo.parse(new TextEncoder().encode('{"records":[{"a":1}]}'), { receivedAt: new Date() }).records.length; // 1
 * ```
 */
export function jsonConnector(spec: JsonConnectorSpec): Connector {
  return {
    name: spec.name,
    tables: spec.tables,
    parse: (body, context) => parseJsonPayload(spec, body, context),
  };
}

function parseJsonPayload(spec: JsonConnectorSpec, body: Uint8Array, context: ParseContext): ConnectorResult {
  const { text, invalidUtf8 } = decodeText(body);
  const warnings: RecordWarning[] = invalidUtf8 ? [{ index: -1, message: INVALID_UTF8_MESSAGE }] : [];
  let split = splitJsonBody(text);
  if (split.records.length === 0 && split.errors.length === 1 && split.errors[0].position) {
    const salvaged = salvageEnvelope(text, spec.envelopes);
    if (salvaged) {
      split = {
        records: [{ index: 0, value: { [ENVELOPE]: salvaged.records.map((r) => r.value) }, raw: "" }],
        errors: [salvaged.error],
      };
    }
  }
  const records: ParsedRecord[] = [];
  const errors: RecordError[] = [...split.errors];
  // Records inside envelopes are numbered in order across the body; bare records keep their array index or line.
  let index = 0;
  for (const item of split.records) {
    const inner = unwrap(item.value, spec.envelopes);
    if (inner === undefined) {
      mapOne(spec, item.value, item.raw, item.index);
      continue;
    }
    for (const record of inner) {
      mapOne(spec, record, undefined, index);
      index++;
    }
  }
  errors.sort((a, b) => a.index - b.index);
  return warnings.length > 0 ? { records, errors, warnings } : { records, errors };

  function mapOne(spec: JsonConnectorSpec, record: unknown, raw: string | undefined, at: number): void {
    let outcome: MapOutcome;
    try {
      outcome = spec.mapRecord(record, context);
    } catch (error) {
      outcome = {
        error: `Cannot map record: internal error: ${error instanceof Error ? error.message : error}`,
      };
    }
    if ("error" in outcome) {
      errors.push({ index: at, message: outcome.error, raw: raw ?? JSON.stringify(record) ?? "" });
    } else if (Array.isArray(outcome)) {
      records.push(...outcome);
    } else {
      records.push(outcome);
    }
  }
}

function unwrap(value: unknown, envelopes: readonly string[]): unknown[] | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  for (const key of [ENVELOPE, ...envelopes]) {
    const inner = (value as Record<string, unknown>)[key];
    if (Array.isArray(inner)) return inner;
  }
  return undefined;
}
