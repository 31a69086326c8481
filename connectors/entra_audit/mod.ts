/**
 * @module
 * The `entra-audit` connector: Entra ID (Azure AD) audit records, from Microsoft Graph or diagnostic settings, to
 * AuditLogs.
 *
 * @example
 * ```ts
 * import { entraAuditConnector } from "./mod.ts";
 * entraAuditConnector.tables; // ["AuditLogs"]
 * ```
 */

export { entraAuditConnector } from "./entra_audit_connector.ts";
export { AUDIT_TABLE, mapAudit } from "./map_audit.ts";
