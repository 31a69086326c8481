/**
 * The built-in ASIM parsers (`imAuthentication`, `_Im_Dns`, `imProcessCreate`, ...) as stored functions: KQL
 * written by us over the ASim tables that ingest fills (connectors/asim/), with the filtering parameters and
 * defaults ASIM defines per schema and the aliases (`User`, `Dvc`, `Src`, `IpAddr`, ...) computed at query
 * time. They live here, as TypeScript modules exporting the KQL text, so that every process that binds a query
 * (server, edge, CLI) has them without reading files; {@linkcode Catalog.builtin} carries them.
 *
 * @example
 * ```ts
 * import { ASIM_FUNCTIONS } from "./mod.ts";
 * ASIM_FUNCTIONS.find((f) => f.name === "imAuthentication")?.parameters[0].name; // "starttime"
 * ```
 * @module
 */
import type { StoredFunction } from "../functions/stored_function.ts";
import { AUDIT_EVENT_FUNCTIONS, USER_MANAGEMENT_FUNCTIONS } from "./audit_user_management.ts";
import { AUTHENTICATION_FUNCTIONS } from "./authentication.ts";
import { DNS_FUNCTIONS } from "./dns.ts";
import { FILE_EVENT_FUNCTIONS, REGISTRY_EVENT_FUNCTIONS } from "./file_registry.ts";
import { NETWORK_SESSION_FUNCTIONS, WEB_SESSION_FUNCTIONS } from "./network_session.ts";
import { PROCESS_EVENT_FUNCTIONS } from "./process_event.ts";

export { AUTHENTICATION_FUNCTIONS } from "./authentication.ts";
export { NETWORK_SESSION_FUNCTIONS, WEB_SESSION_FUNCTIONS } from "./network_session.ts";
export { DNS_FUNCTIONS } from "./dns.ts";
export { PROCESS_EVENT_FUNCTIONS } from "./process_event.ts";
export { FILE_EVENT_FUNCTIONS, REGISTRY_EVENT_FUNCTIONS } from "./file_registry.ts";
export { AUDIT_EVENT_FUNCTIONS, USER_MANAGEMENT_FUNCTIONS } from "./audit_user_management.ts";

/** Every built-in ASIM parser function. */
export const ASIM_FUNCTIONS: readonly StoredFunction[] = [
  ...AUTHENTICATION_FUNCTIONS,
  ...NETWORK_SESSION_FUNCTIONS,
  ...WEB_SESSION_FUNCTIONS,
  ...DNS_FUNCTIONS,
  ...PROCESS_EVENT_FUNCTIONS,
  ...FILE_EVENT_FUNCTIONS,
  ...REGISTRY_EVENT_FUNCTIONS,
  ...AUDIT_EVENT_FUNCTIONS,
  ...USER_MANAGEMENT_FUNCTIONS,
];
