/**
 * @module
 * The `mde` connector: Microsoft Defender for Endpoint streaming API events to the Device* tables and alerts to
 * SecurityAlert.
 *
 * @example
 * ```ts
 * import { mdeConnector } from "./mod.ts";
 * mdeConnector.tables.includes("DeviceProcessEvents"); // true
 * ```
 */

export { mdeConnector } from "./mde_connector.ts";
export { mapMdeRecord, MDE_STREAMING_TABLES } from "./map_mde_record.ts";
export { ALERT_TABLE, mapMdeAlert } from "./map_mde_alert.ts";
