/**
 * @module
 * The `azure-activity` connector: Azure Activity log records (diagnostic export, Event Hub or REST API shape) to
 * AzureActivity.
 *
 * @example
 * ```ts
 * import { azureActivityConnector } from "./mod.ts";
 * azureActivityConnector.tables; // ["AzureActivity"]
 * ```
 */

export { azureActivityConnector } from "./azure_activity_connector.ts";
export { ACTIVITY_TABLE, mapActivity } from "./map_activity.ts";
