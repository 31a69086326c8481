import type { Connector, ConnectorResult } from "../connector.ts";
import { decodeText, INVALID_UTF8_MESSAGE } from "../encode/decode_text.ts";
import { jsonConnector } from "../generic/json_connector.ts";
import { parseCsvFeed } from "./csv_feed.ts";
import { mapStixObject, TI_TABLE } from "./map_stix.ts";

/** STIX 2.1: a bundle (`{"type":"bundle","objects":[...]}`), an array of objects, one object or NDJSON. */
const stix = jsonConnector({
  name: "threat-intel",
  tables: [TI_TABLE],
  envelopes: ["objects"],
  mapRecord: mapStixObject,
});

/**
 * The `threat-intel` connector: STIX 2.1 indicators (bundles, TAXII envelopes) and simple CSV IoC feeds to
 * ThreatIntelligenceIndicator. A body is CSV when its Content-Type says so (`text/csv`, `text/plain`) or when
 * it does not start with `{` or `[`.
 *
 * @example
 * ```ts
 * const bundle = JSON.stringify({
 *   type: "bundle",
 *   id: "bundle--0",
 *   objects: [{ type: "indicator", id: "indicator--1", pattern: "[ipv4-addr:value = '198.51.100.7']" }],
 * });
 * threatIntelConnector.parse(new TextEncoder().encode(bundle), { receivedAt: new Date() }).records[0].row.NetworkIP;
 * // "198.51.100.7"
 * ```
 */
export const threatIntelConnector: Connector = {
  name: "threat-intel",
  tables: [TI_TABLE],
  parse(body, context): ConnectorResult {
    const type = context.contentType?.toLowerCase() ?? "";
    const { text, invalidUtf8 } = decodeText(body);
    const csv = type.includes("csv") || type.startsWith("text/plain") ||
      (!type.includes("json") && !/^\s*[{[]/.test(text));
    if (!csv) return stix.parse(body, context);
    const result = parseCsvFeed(text, context);
    return invalidUtf8 ? { ...result, warnings: [{ index: -1, message: INVALID_UTF8_MESSAGE }] } : result;
  },
};
