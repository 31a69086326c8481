import type { Connector, ConnectorResult, ParseContext, ParsedRecord, RecordError } from "../connector.ts";
import { decodeText, INVALID_UTF8_MESSAGE } from "../encode/decode_text.ts";
import { jsonConnector } from "../generic/json_connector.ts";
import { describePosition, positionAt } from "../generic/position_at.ts";
import { eventFromJson } from "./event_from_json.ts";
import { eventFromXml } from "./event_from_xml.ts";
import { mapSecurityEvent, SECURITY_EVENT_TABLE } from "./map_security_event.ts";
import { readXml, type XmlElement } from "./xml_elements.ts";

const JSON_PATH = jsonConnector({
  name: "windows-security",
  tables: [SECURITY_EVENT_TABLE],
  envelopes: ["records", "Records", "events", "value"],
  mapRecord: (record, context) => {
    const event = eventFromJson(record);
    if ("error" in event) return event;
    return { table: SECURITY_EVENT_TABLE, row: mapSecurityEvent(event, context) };
  },
});

/**
 * The `windows-security` connector: Windows Security events to SecurityEvent, as JSON (Winlogbeat, NXLog, Azure
 * Monitor Agent shapes; one object, an array, NDJSON or `{"records":[...]}`) or as Windows Event XML (one
 * `<Event>`, several, or an `<Events>` export). The body's first character tells XML from JSON.
 *
 * @example
 * ```ts
 * const xml = '<Event><System><EventID>4624</EventID><Computer>DC01</Computer></System></Event>';
 * windowsSecurityConnector.parse(new TextEncoder().encode(xml), { receivedAt: new Date() }).records[0].row.EventID;
 * // 4624
 * ```
 */
export const windowsSecurityConnector: Connector = {
  name: "windows-security",
  tables: [SECURITY_EVENT_TABLE],
  parse(body, context) {
    const { text, invalidUtf8 } = decodeText(body);
    if (!text.trimStart().startsWith("<")) return JSON_PATH.parse(body, context);
    const result = parseXmlEvents(text, context);
    return invalidUtf8 ? { ...result, warnings: [{ index: -1, message: INVALID_UTF8_MESSAGE }] } : result;
  },
};

function parseXmlEvents(text: string, context: ParseContext): ConnectorResult {
  const xml = readXml(text);
  if (!xml.ok) {
    const position = positionAt(text, xml.offset);
    const message = `Cannot parse Windows event XML: ${lowerFirst(xml.message)}${describePosition(position)}`;
    return { records: [], errors: [{ index: 0, message, raw: text, position }] };
  }
  const events: XmlElement[] = xml.roots.flatMap((root) =>
    root.name === "Events" ? root.children.filter((child) => child.name === "Event") : [root]
  );
  const records: ParsedRecord[] = [];
  const errors: RecordError[] = [];
  events.forEach((element, index) => {
    const event = eventFromXml(element);
    if ("error" in event) {
      errors.push({ index, message: event.error, raw: text.slice(element.start, element.end) });
    } else records.push({ table: SECURITY_EVENT_TABLE, row: mapSecurityEvent(event, context) });
  });
  return { records, errors };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
