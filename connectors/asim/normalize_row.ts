/**
 * Ingest-time normalization: which source tables map onto which ASIM schemas, and the dispatch from a stored
 * row to its ASim rows.
 */
import type { ParsedRecord, Row } from "../connector.ts";
import { mapAzureActivity, mapCloudTrail } from "./map_audit.ts";
import { mapCef } from "./map_cef.ts";
import { mapDefender } from "./map_defender.ts";
import { mapDnsEvents } from "./map_dns_events.ts";
import { mapSignin } from "./map_signin.ts";
import { mapEvent, mapWindowsEvent } from "./map_sysmon.ts";
import { mapWindowsSecurity } from "./map_windows_security.ts";
import type { AsimSchema } from "./asim_row.ts";

type Mapper = (table: string, row: Row) => ParsedRecord[];

/** Source table to its mapper and the schemas it can produce. */
const NORMALIZERS: Readonly<
  Record<string, { readonly map: Mapper; readonly schemas: readonly AsimSchema[] }>
> = {
  SecurityEvent: {
    map: (_, row) => mapWindowsSecurity(row),
    schemas: ["Authentication", "ProcessEvent", "UserManagement"],
  },
  WindowsEvent: {
    map: (_, row) => mapWindowsEvent(row),
    schemas: [
      "Authentication",
      "ProcessEvent",
      "UserManagement",
      "NetworkSession",
      "FileEvent",
      "RegistryEvent",
      "Dns",
    ],
  },
  Event: {
    map: (_, row) => mapEvent(row),
    schemas: ["ProcessEvent", "NetworkSession", "FileEvent", "RegistryEvent", "Dns"],
  },
  SigninLogs: { map: mapSignin, schemas: ["Authentication"] },
  AADNonInteractiveUserSignInLogs: { map: mapSignin, schemas: ["Authentication"] },
  AADServicePrincipalSignInLogs: { map: mapSignin, schemas: ["Authentication"] },
  AADManagedIdentitySignInLogs: { map: mapSignin, schemas: ["Authentication"] },
  CommonSecurityLog: { map: (_, row) => mapCef(row), schemas: ["NetworkSession", "WebSession"] },
  AWSCloudTrail: { map: (_, row) => mapCloudTrail(row), schemas: ["AuditEvent", "Authentication"] },
  AzureActivity: { map: (_, row) => mapAzureActivity(row), schemas: ["AuditEvent"] },
  DeviceProcessEvents: { map: mapDefender, schemas: ["ProcessEvent"] },
  DeviceFileEvents: { map: mapDefender, schemas: ["FileEvent"] },
  DeviceRegistryEvents: { map: mapDefender, schemas: ["RegistryEvent"] },
  DeviceNetworkEvents: { map: mapDefender, schemas: ["NetworkSession"] },
  DeviceLogonEvents: { map: mapDefender, schemas: ["Authentication"] },
  DnsEvents: { map: (_, row) => mapDnsEvents(row), schemas: ["Dns"] },
};

/** The source tables normalized at ingest, with the ASIM schemas each one feeds (for documentation and tests). */
export const NORMALIZED_SOURCES: Readonly<Record<string, readonly AsimSchema[]>> = Object.fromEntries(
  Object.entries(NORMALIZERS).map(([table, { schemas }]) => [table, schemas]),
);

/** Whether rows of a table can have ASim rows (lets callers skip whole batches of other tables). */
export function isNormalized(table: string): boolean {
  return Object.hasOwn(NORMALIZERS, table);
}

/**
 * The ASim rows of one stored row: empty when its table has no normalizer or the row is not an activity an ASIM
 * schema describes. Pure and total: a row with missing or odd values gives a sparser ASim row, never an error.
 *
 * @param table The row's table.
 * @param row The row as stored (Sentinel columns, row encoding).
 * @returns The ASim records.
 * @example
 * ```ts
 * normalizeRow("SecurityEvent", { TimeGenerated: "2024-01-01T00:00:00.000Z", EventID: 4624 })[0].table;
 * // "ASimAuthenticationEventLogs"
 * normalizeRow("Syslog", { TimeGenerated: "2024-01-01T00:00:00.000Z" }); // []
 * ```
 */
export function normalizeRow(table: string, row: Row): ParsedRecord[] {
  const normalizer = Object.hasOwn(NORMALIZERS, table) ? NORMALIZERS[table] : undefined;
  if (normalizer === undefined || typeof row.TimeGenerated !== "string") return [];
  try {
    return normalizer.map(table, row);
  } catch {
    // A mapper bug must not cost the source row its place in the event log: the ASim copy is derived data.
    return [];
  }
}
