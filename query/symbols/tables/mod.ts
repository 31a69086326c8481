/**
 * The built-in table catalog: Sentinel table schemas declared as data, and the {@linkcode Catalog} that
 * adds custom `*_CL` tables at run time.
 *
 * @example
 * ```ts
 * import { Catalog } from "./mod.ts";
 * Catalog.builtin().column("SecurityEvent", "EventID")?.type; // "int"
 * ```
 * @module
 */
export { BUILTIN_TABLES, Catalog, type CatalogUpdate, checkCustomTable } from "./catalog.ts";
export { STANDARD_COLUMNS, tableFromSpec } from "./table_spec.ts";
export * from "./windows.ts";
export * from "./entra.ts";
export * from "./cloud.ts";
export * from "./network.ts";
export * from "./defender.ts";
export * from "./sentinel.ts";
export * from "./monitoring.ts";
export * from "./azure_firewall.ts";
export * from "./asim.ts";
