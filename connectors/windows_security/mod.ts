/**
 * @module
 * The `windows-security` connector: Windows Security events (Winlogbeat, NXLog and Azure Monitor Agent JSON, or
 * Windows Event XML) to Sentinel's SecurityEvent table.
 *
 * @example
 * ```ts
 * import { windowsSecurityConnector } from "./mod.ts";
 * const body = JSON.stringify({ winlog: { event_id: 4625, computer_name: "DC01", event_data: { TargetUserName: "bob" } } });
 * windowsSecurityConnector.parse(new TextEncoder().encode(body), { receivedAt: new Date() }).records[0].row.Activity;
 * // "4625 - An account failed to log on."
 * ```
 */

export { windowsSecurityConnector } from "./windows_security_connector.ts";
export { mapSecurityEvent, SECURITY_EVENT_TABLE } from "./map_security_event.ts";
export { eventFromJson } from "./event_from_json.ts";
export { eventFromXml } from "./event_from_xml.ts";
export type { WindowsEvent } from "./windows_event.ts";
export { childNamed, readXml, type XmlElement, type XmlResult } from "./xml_elements.ts";
export { LOGON_TYPE_NAMES, SECURITY_EVENT_NAMES } from "./security_event_names.ts";
