/**
 * @module
 * The `office365` connector: Office 365 Management Activity API records to OfficeActivity.
 *
 * @example
 * ```ts
 * import { office365Connector } from "./mod.ts";
 * office365Connector.tables; // ["OfficeActivity"]
 * ```
 */

export { office365Connector } from "./office365_connector.ts";
export { mapOfficeActivity, OFFICE_TABLE } from "./map_office_activity.ts";
export { RECORD_TYPES, USER_TYPES } from "./office365_names.ts";
