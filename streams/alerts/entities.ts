/**
 * Entity mappings to alert entities: a rule's `entityMappings` (entity type + identifier -> result column)
 * applied to result rows, in the shape of Sentinel's SecurityAlert `Entities` with lower-case `Type`
 * (`account`, `host`, `ip`, `url`, `filehash`, `process`, ...).
 */
import type { EntityMapping } from "../rules/mod.ts";
import type { Json } from "./result_table.ts";

/** One alert entity. */
export type AlertEntity = { readonly Type: string } & Record<string, Json>;

/** Sentinel entity types to the `Type` values of SecurityAlert entities. */
const ENTITY_TYPE_NAMES: Record<string, string> = {
  account: "account",
  host: "host",
  ip: "ip",
  url: "url",
  filehash: "filehash",
  process: "process",
  file: "file",
  dns: "dns",
  azureresource: "azure-resource",
  cloudapplication: "cloud-application",
  malware: "malware",
  registrykey: "registry-key",
  registryvalue: "registry-value",
  securitygroup: "security-group",
  mailbox: "mailbox",
  mailcluster: "mail-cluster",
  mailmessage: "mail-message",
  submissionmail: "submission-mail",
  iotdevice: "iotdevice",
};

/** Most entities a single alert carries (Sentinel's limit). */
export const MAX_ENTITIES = 150;

/**
 * The entities of some result rows, deduplicated, at most MAX_ENTITIES.
 *
 * @param mappings the rule's entity mappings
 * @param rows result rows as objects keyed by column name
 * @returns the entities
 *
 * @example
 * ```ts
 * import { mapEntities } from "./entities.ts";
 * mapEntities(
 *   [{ entityType: "Account", fieldMappings: [{ identifier: "FullName", columnName: "User" }] }],
 *   [{ User: "CONTOSO\\bob" }],
 * ); // [{ Type: "account", Name: "bob", NTDomain: "CONTOSO" }]
 * ```
 */
export function mapEntities(
  mappings: readonly EntityMapping[],
  rows: readonly Record<string, Json>[],
): AlertEntity[] {
  const out: AlertEntity[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const entity of entitiesOfRow(mappings, row)) {
      const key = JSON.stringify(entity);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(entity);
      if (out.length >= MAX_ENTITIES) return out;
    }
  }
  return out;
}

/**
 * The entities one result row maps to, one per mapping that finds a value (not deduplicated).
 *
 * @param mappings the rule's entity mappings
 * @param row a result row as an object keyed by column name
 * @returns the entities, in mapping order
 */
export function entitiesOfRow(mappings: readonly EntityMapping[], row: Record<string, Json>): AlertEntity[] {
  const out: AlertEntity[] = [];
  for (const mapping of mappings) {
    const entity = entityOf(mapping, row);
    if (entity) out.push(entity);
  }
  return out;
}

function entityOf(mapping: EntityMapping, row: Record<string, Json>): AlertEntity | undefined {
  const type = ENTITY_TYPE_NAMES[mapping.entityType.toLowerCase()] ?? mapping.entityType.toLowerCase();
  const fields: Record<string, Json> = {};
  for (const { identifier, columnName } of mapping.fieldMappings) {
    const value = row[columnName];
    if (value === null || value === undefined || value === "") continue;
    Object.assign(fields, expandIdentifier(type, identifier, value));
  }
  // An entity with no identifier value says nothing; Sentinel drops it too.
  if (Object.keys(fields).length === 0) return undefined;
  return { Type: type, ...fields };
}

/** Split composite identifiers the way SecurityAlert entities store them. */
function expandIdentifier(type: string, identifier: string, value: Json): Record<string, Json> {
  if (typeof value !== "string") return { [identifier]: value };
  if (type === "account" && identifier === "FullName") {
    const backslash = value.indexOf("\\");
    if (backslash > 0) return { Name: value.slice(backslash + 1), NTDomain: value.slice(0, backslash) };
    const at = value.indexOf("@");
    if (at > 0) return { Name: value.slice(0, at), UPNSuffix: value.slice(at + 1) };
    return { Name: value };
  }
  if (type === "host" && identifier === "FullName") {
    const dot = value.indexOf(".");
    return dot > 0 ? { HostName: value.slice(0, dot), DnsDomain: value.slice(dot + 1) } : { HostName: value };
  }
  return { [identifier]: value };
}
