import type { Connector } from "../connector.ts";
import { jsonConnector } from "../generic/json_connector.ts";
import { mapSignin, SIGNIN_TABLES } from "./map_signin.ts";

/**
 * The `entra-signin` connector: Graph signIn objects and diagnostic-settings export records to the sign-in tables.
 *
 * @example
 * ```ts
 * const body = JSON.stringify({ records: [] });
 * entraSigninConnector.parse(new TextEncoder().encode(body), { receivedAt: new Date() }).records; // []
 * ```
 */
export const entraSigninConnector: Connector = jsonConnector({
  name: "entra-signin",
  tables: Object.values(SIGNIN_TABLES),
  envelopes: ["records", "value"],
  mapRecord: mapSignin,
});
