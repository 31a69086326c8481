/**
 * Symbols of KQL: scalar types, the table catalog and the built-in function registry.
 *
 * @example
 * ```ts
 * import { Catalog } from "./mod.ts";
 * const catalog = Catalog.builtin();
 * catalog.get("SigninLogs")?.columns.some((c) => c.name === "UserPrincipalName"); // true
 * ```
 * @module
 */
export * from "./types.ts";
export * from "./tables/mod.ts";
export * from "./functions/mod.ts";
