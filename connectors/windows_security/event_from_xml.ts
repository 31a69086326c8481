import { toDatetime } from "../encode/datetime.ts";
import { toInt } from "../encode/coerce.ts";
import type { WindowsEvent } from "./windows_event.ts";
import { childNamed, type XmlElement } from "./xml_elements.ts";

/**
 * Read a Windows Event XML `<Event>` element: System facts and the EventData (or UserData) items.
 *
 * @param element The `<Event>` element.
 * @returns The event, or the reason it is not one.
 * @example
 * ```ts
 * import { readXml } from "./xml_elements.ts";
 * const xml = readXml("<Event><System><EventID>4624</EventID></System></Event>");
 * xml.ok && eventFromXml(xml.roots[0]); // { eventId: 4624, ... }
 * ```
 */
export function eventFromXml(element: XmlElement): WindowsEvent | { readonly error: string } {
  if (element.name !== "Event") {
    return { error: `Invalid Windows event XML: root element is "${element.name}"` };
  }
  const system = childNamed(element, "System");
  if (!system) return { error: "Invalid Windows event XML: missing System element" };
  const eventId = toInt(childNamed(system, "EventID")?.text.trim());
  if (eventId === null) return { error: "Invalid Windows event XML: missing or non-numeric EventID" };
  const data = childNamed(element, "EventData") ??
    childNamed(element, "UserData")?.children[0];
  const eventData: Array<[string, string]> = [];
  data?.children.forEach((item, n) => {
    // <Data Name="X">v</Data> in EventData; <X>v</X> inside UserData's single child.
    const name = item.name === "Data" ? item.attributes.Name ?? `Data${n}` : item.name;
    eventData.push([name, item.text]);
  });
  return {
    time: toDatetime(childNamed(system, "TimeCreated")?.attributes.SystemTime ?? null),
    computer: text(childNamed(system, "Computer")),
    eventId,
    channel: text(childNamed(system, "Channel")),
    provider: childNamed(system, "Provider")?.attributes.Name ?? null,
    level: text(childNamed(system, "Level")),
    task: toInt(text(childNamed(system, "Task"))),
    eventData,
  };
}

function text(element: XmlElement | undefined): string | null {
  const value = element?.text.trim();
  return value ? value : null;
}
