/**
 * @module
 * The `cef` connector: ArcSight CEF (header and extension escaping, custom labelled fields) from firewalls and
 * security appliances, bare or inside a syslog header, to Sentinel's CommonSecurityLog.
 *
 * @example
 * ```ts
 * import { cefConnector } from "./mod.ts";
 * const line = "CEF:0|Palo Alto Networks|PAN-OS|10.1|end|TRAFFIC|1|src=10.1.1.5 dst=8.8.8.8 cs1Label=Rule cs1=allow-dns";
 * const row = cefConnector.parse(new TextEncoder().encode(line), { receivedAt: new Date() }).records[0].row;
 * row.DeviceCustomString1Label; // "Rule"
 * ```
 */

export { cefConnector, parseCefLine } from "./cef_connector.ts";
export { type CefEvent, findCefStart, parseCef, type ParseCefResult } from "./parse_cef.ts";
export { CEF_TABLE, mapCef } from "./map_cef.ts";
export { CEF_KEY_COLUMNS, columnOfCefKey } from "./cef_keys.ts";
export { parseCefTime } from "./parse_cef_time.ts";
