import type { Connector } from "../connector.ts";
import { jsonConnector } from "../generic/json_connector.ts";
import { mapOfficeActivity, OFFICE_TABLE } from "./map_office_activity.ts";

/**
 * The `office365` connector: Office 365 Management Activity API content (a JSON array of records, as a content
 * blob is fetched, or NDJSON) to OfficeActivity.
 *
 * @example
 * ```ts
 * const body = JSON.stringify([{ Id: "1", CreationTime: "2024-01-01T00:00:00", Operation: "MailboxLogin", RecordType: 2 }]);
 * office365Connector.parse(new TextEncoder().encode(body), { receivedAt: new Date() }).records[0].row.RecordType;
 * // "ExchangeItem"
 * ```
 */
export const office365Connector: Connector = jsonConnector({
  name: "office365",
  tables: [OFFICE_TABLE],
  envelopes: ["records", "value"],
  mapRecord: mapOfficeActivity,
});
