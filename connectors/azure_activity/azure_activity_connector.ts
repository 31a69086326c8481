import type { Connector } from "../connector.ts";
import { jsonConnector } from "../generic/json_connector.ts";
import { ACTIVITY_TABLE, mapActivity } from "./map_activity.ts";

/**
 * The `azure-activity` connector: Azure Activity log records, as diagnostic settings / Event Hub deliver them
 * (`{"records":[...]}`) or as the REST API lists them (`{"value":[...]}`), to AzureActivity.
 *
 * @example
 * ```ts
 * const body = JSON.stringify({ records: [{ time: "2024-01-01T00:00:00Z", operationName: "MICROSOFT.RESOURCES/DEPLOYMENTS/WRITE" }] });
 * azureActivityConnector.parse(new TextEncoder().encode(body), { receivedAt: new Date() }).records[0].row.ResourceProviderValue;
 * // "MICROSOFT.RESOURCES"
 * ```
 */
export const azureActivityConnector: Connector = jsonConnector({
  name: "azure-activity",
  tables: [ACTIVITY_TABLE],
  envelopes: ["records", "value"],
  mapRecord: mapActivity,
});
