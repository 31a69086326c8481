/**
 * STIX 2.1 indicator objects to `ThreatIntelligenceIndicator` rows: one row per observable of the pattern
 * (an `OR` of two IPs is two rows). Objects of other types in a bundle (identities, relationships, marking
 * definitions, malware) carry no observable and give no row.
 */
import * as v from "valibot";
import type { ParseContext, ParsedRecord } from "../connector.ts";
import { toDatetime } from "../encode/datetime.ts";
import { compactRow } from "../encode/compact_row.ts";
import type { MapOutcome } from "../generic/json_connector.ts";
import { stixObservables } from "./stix_pattern.ts";

/** The table the connector writes. */
export const TI_TABLE = "ThreatIntelligenceIndicator";

/** How long an indicator without `valid_until` stays valid (our default; feeds should set `valid_until`). */
export const DEFAULT_VALIDITY_DAYS = 90;

/** The STIX 2.1 identifiers of the TLP 1.0 marking definitions (STIX 2.1 section 7.2.1.4). */
const TLP_MARKINGS: Readonly<Record<string, string>> = {
  "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9": "white",
  "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da": "green",
  "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82": "amber",
  "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed": "red",
};

/** Lockheed Martin kill chain phases to the `KillChain*` columns. */
const KILL_CHAIN: Readonly<Record<string, string>> = {
  "reconnaissance": "KillChainReconnaissance",
  "weaponization": "KillChainWeaponization",
  "delivery": "KillChainDelivery",
  "exploitation": "KillChainExploitation",
  "command-and-control": "KillChainC2",
  "actions-on-objectives": "KillChainActions",
};

const Indicator = v.object({
  type: v.literal("indicator"),
  id: v.pipe(
    v.string("'id' must be a string"),
    v.regex(/^indicator--/, "'id' must start with 'indicator--'"),
  ),
  pattern: v.string("'pattern' must be a string"),
  pattern_type: v.optional(v.string()),
  name: v.optional(v.string()),
  description: v.optional(v.string()),
  created: v.optional(v.string()),
  modified: v.optional(v.string()),
  valid_from: v.optional(v.string()),
  valid_until: v.optional(v.string()),
  revoked: v.optional(v.boolean("'revoked' must be a boolean")),
  confidence: v.optional(v.number("'confidence' must be a number")),
  indicator_types: v.optional(v.array(v.string())),
  labels: v.optional(v.array(v.string())),
  created_by_ref: v.optional(v.string()),
  object_marking_refs: v.optional(v.array(v.string())),
  kill_chain_phases: v.optional(v.array(v.object({ kill_chain_name: v.string(), phase_name: v.string() }))),
  external_references: v.optional(
    v.array(v.object({ source_name: v.string(), external_id: v.optional(v.string()) })),
  ),
});

/**
 * Map one STIX object.
 *
 * @param record a STIX object from a bundle
 * @param context the arrival time (`TimeGenerated`)
 * @returns rows for an indicator, none for other object types, or why the indicator is refused
 */
export function mapStixObject(record: unknown, context: ParseContext): MapOutcome {
  if (record === null || typeof record !== "object" || Array.isArray(record)) {
    return { error: "Invalid STIX object: expected a JSON object" };
  }
  const type = (record as { type?: unknown }).type;
  if (typeof type !== "string") return { error: "Invalid STIX object: 'type' is missing" };
  if (type !== "indicator") return [];
  const parsed = v.safeParse(Indicator, record);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const key = issue.path?.map((p) => String(p.key)).join(".");
    const detail = issue.received === "undefined" && key ? `'${key}' is missing` : issue.message;
    return { error: `Invalid STIX indicator: ${detail}` };
  }
  const ind = parsed.output;
  if ((ind.pattern_type ?? "stix") !== "stix") {
    return { error: `Unsupported indicator pattern type '${ind.pattern_type}' of '${ind.id}': only 'stix'` };
  }
  const observables = stixObservables(ind.pattern);
  if (observables.length === 0) {
    return {
      error: `Unsupported STIX pattern of '${ind.id}': no IP, domain, URL, file hash or email observable`,
    };
  }
  const received = context.receivedAt.toISOString();
  const validFrom = toDatetime(ind.valid_from ?? ind.created ?? received) ?? received;
  const expiration = ind.valid_until !== undefined
    ? toDatetime(ind.valid_until)
    : new Date(Date.parse(validFrom) + DEFAULT_VALIDITY_DAYS * 86_400_000).toISOString();
  if (expiration === null) {
    return { error: `Invalid STIX indicator '${ind.id}': 'valid_until' is not a date` };
  }
  const killChain: Record<string, boolean> = {};
  for (const phase of ind.kill_chain_phases ?? []) {
    const column = KILL_CHAIN[phase.phase_name];
    if (column) killChain[column] = true;
  }
  const tlp = (ind.object_marking_refs ?? []).map((ref) => TLP_MARKINGS[ref]).find((t) => t !== undefined);
  const tags = [...(ind.labels ?? [])];
  const rows: ParsedRecord[] = observables.map((fields, i) => ({
    table: TI_TABLE,
    row: compactRow({
      TimeGenerated: received,
      SourceSystem: "STIX",
      IndicatorId: observables.length === 1 ? ind.id : `${ind.id}#${i + 1}`,
      ExternalIndicatorId: ind.id,
      IndicatorProvider: ind.created_by_ref,
      Action: "alert",
      Active: ind.revoked !== true,
      ConfidenceScore: ind.confidence === undefined ? undefined : Math.round(ind.confidence),
      Description: ind.description ?? ind.name,
      ThreatType: ind.indicator_types?.[0] ?? ind.labels?.[0],
      Tags: tags.length === 0 ? undefined : tags.join(","),
      TrafficLightProtocolLevel: tlp,
      ExpirationDateTime: expiration,
      ...killChain,
      ...fields,
    }),
  }));
  return rows;
}
