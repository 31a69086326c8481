import type { Connector } from "../connector.ts";
import { jsonConnector } from "../generic/json_connector.ts";
import { ALERT_TABLE } from "./map_mde_alert.ts";
import { mapMdeRecord, MDE_STREAMING_TABLES } from "./map_mde_record.ts";

/**
 * The `mde` connector: Defender for Endpoint streaming API events (`{"records":[...]}` from Event Hub or storage)
 * to the Device* (and other advanced hunting) tables, and alerts API alerts (`{"value":[...]}`) to SecurityAlert.
 *
 * @example
 * ```ts
 * const body = JSON.stringify({ records: [{ category: "AdvancedHunting-DeviceLogonEvents",
 *   properties: { Timestamp: "2024-01-01T00:00:00Z", ActionType: "LogonFailed" } }] });
 * mdeConnector.parse(new TextEncoder().encode(body), { receivedAt: new Date() }).records[0].table; // "DeviceLogonEvents"
 * ```
 */
export const mdeConnector: Connector = jsonConnector({
  name: "mde",
  tables: [...MDE_STREAMING_TABLES, ALERT_TABLE],
  envelopes: ["records", "value"],
  mapRecord: mapMdeRecord,
});
