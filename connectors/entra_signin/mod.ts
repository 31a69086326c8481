/**
 * @module
 * The `entra-signin` connector: Entra ID (Azure AD) sign-in records, as Microsoft Graph returns them (`{"value":
 * [...]}`) and as diagnostic settings export them (`{"records":[...]}`), to SigninLogs and
 * AADNonInteractiveUserSignInLogs (and the service-principal and managed-identity sign-in tables).
 *
 * @example
 * ```ts
 * import { entraSigninConnector } from "./mod.ts";
 * const body = JSON.stringify({ value: [{ id: "a", createdDateTime: "2024-01-01T00:00:00Z", userPrincipalName: "u@contoso.com" }] });
 * entraSigninConnector.parse(new TextEncoder().encode(body), { receivedAt: new Date() }).records[0].table; // "SigninLogs"
 * ```
 */

export { entraSigninConnector } from "./entra_signin_connector.ts";
export { mapSignin, SIGNIN_TABLES } from "./map_signin.ts";
