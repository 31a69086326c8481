/**
 * What every normalizer shares: the ASIM schemas (table, name, version) and the building of one ASim row from
 * the values a mapper names, typed by the catalog like every other connector row.
 */
import type { ParsedRecord, Row } from "../connector.ts";
import { RowEncoder } from "../encode/row_encoder.ts";

/** The ASIM schemas we normalize to: the ASim table, the `EventSchema` value and the schema version. */
export const ASIM_SCHEMAS = {
  Authentication: { table: "ASimAuthenticationEventLogs", version: "0.1.3" },
  NetworkSession: { table: "ASimNetworkSessionLogs", version: "0.2.6" },
  WebSession: { table: "ASimWebSessionLogs", version: "0.2.6" },
  Dns: { table: "ASimDnsActivityLogs", version: "0.1.7" },
  ProcessEvent: { table: "ASimProcessEventLogs", version: "0.1.4" },
  FileEvent: { table: "ASimFileEventLogs", version: "0.2.1" },
  RegistryEvent: { table: "ASimRegistryEventLogs", version: "0.1.2" },
  AuditEvent: { table: "ASimAuditEventLogs", version: "0.1" },
  UserManagement: { table: "ASimUserManagementActivityLogs", version: "0.1" },
} as const;

/** An ASIM schema name. */
export type AsimSchema = keyof typeof ASIM_SCHEMAS;

const ENCODERS = new Map<AsimSchema, RowEncoder>(
  (Object.keys(ASIM_SCHEMAS) as AsimSchema[]).map((schema) => [
    schema,
    RowEncoder.forTable(ASIM_SCHEMAS[schema].table),
  ]),
);

/**
 * One ASim record: the values typed by the table's schema, with the fields every ASIM record carries filled
 * in (`EventSchema`, `EventSchemaVersion`, `EventCount` 1, start and end time = `TimeGenerated`).
 *
 * @param schema The ASIM schema.
 * @param values Column name to value; null, undefined and empty values are left out.
 * @returns The record for the schema's table.
 * @example
 * ```ts
 * asimRecord("Authentication", { TimeGenerated: "2024-01-01T00:00:00Z", EventResult: "Failure" }).row.EventCount;
 * // 1
 * ```
 */
export function asimRecord(schema: AsimSchema, values: Record<string, unknown>): ParsedRecord {
  const { table, version } = ASIM_SCHEMAS[schema];
  const filled: Record<string, unknown> = { ...values, EventSchema: schema, EventSchemaVersion: version };
  filled.EventCount ??= 1;
  filled.EventStartTime ??= values.TimeGenerated;
  filled.EventEndTime ??= values.TimeGenerated;
  const row: Row = ENCODERS.get(schema)!.encode(filled);
  return { table, row };
}

/** A host name split the ASIM way: short name, domain and FQDN when the name has dots. */
export function hostFields(
  prefix: string,
  name: string | undefined,
): Record<string, string | undefined> {
  if (name === undefined || name === "") return {};
  const dot = name.indexOf(".");
  if (dot <= 0 || /^\d+\.\d+\.\d+\.\d+$/.test(name)) return { [`${prefix}Hostname`]: name };
  return {
    [`${prefix}Hostname`]: name.slice(0, dot),
    [`${prefix}Domain`]: name.slice(dot + 1),
    [`${prefix}DomainType`]: "FQDN",
    [`${prefix}FQDN`]: name,
  };
}

/** A string column of a source row, or undefined when absent or empty. */
export function str(row: Row, column: string): string | undefined {
  const value = row[column];
  if (value === null || value === undefined || value === "") return undefined;
  return typeof value === "string"
    ? value
    : typeof value === "object"
    ? JSON.stringify(value)
    : String(value);
}

/** A dynamic column of a source row, parsing it when a table stores JSON as text. */
export function obj(row: Row, column: string): Record<string, unknown> | undefined {
  let value: unknown = row[column];
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? value as Record<string, unknown>
    : undefined;
}
