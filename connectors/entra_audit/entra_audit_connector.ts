import type { Connector } from "../connector.ts";
import { jsonConnector } from "../generic/json_connector.ts";
import { AUDIT_TABLE, mapAudit } from "./map_audit.ts";

/**
 * The `entra-audit` connector: Graph directoryAudit objects (`{"value":[...]}`) and diagnostic-settings export
 * records (`{"records":[...]}`) to AuditLogs.
 *
 * @example
 * ```ts
 * const body = JSON.stringify({ value: [{ id: "1", activityDateTime: "2024-01-01T00:00:00Z", activityDisplayName: "Add user" }] });
 * entraAuditConnector.parse(new TextEncoder().encode(body), { receivedAt: new Date() }).records[0].row.OperationName;
 * // "Add user"
 * ```
 */
export const entraAuditConnector: Connector = jsonConnector({
  name: "entra-audit",
  tables: [AUDIT_TABLE],
  envelopes: ["records", "value"],
  mapRecord: mapAudit,
});
