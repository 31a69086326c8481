/** Windows DNS server query events (DnsEvents rows of sub-type `LookupQuery`) to ASIM Dns. */
import type { ParsedRecord, Row } from "../connector.ts";
import { asimRecord, hostFields, str } from "./asim_row.ts";

/** DNS RCODE numbers to their names, for `EventResultDetails`. */
const RCODES: Readonly<Record<number, string>> = {
  0: "NOERROR",
  1: "FORMERR",
  2: "SERVFAIL",
  3: "NXDOMAIN",
  4: "NOTIMP",
  5: "REFUSED",
};

/**
 * The ASim Dns record of a DnsEvents row, or none for server events that are not lookups.
 *
 * @param row A DnsEvents row.
 * @returns Zero or one record.
 * @example
 * ```ts
 * const [dns] = mapDnsEvents({ TimeGenerated: "2024-01-01T00:00:00.000Z", SubType: "LookupQuery",
 *   Name: "evil.example", ClientIP: "10.0.0.5", ResultCode: 3 });
 * dns.row.EventResultDetails; // "NXDOMAIN"
 * ```
 */
export function mapDnsEvents(row: Row): ParsedRecord[] {
  if (str(row, "SubType") !== "LookupQuery") return [];
  const code = typeof row.ResultCode === "number" ? row.ResultCode : undefined;
  return [asimRecord("Dns", {
    TimeGenerated: row.TimeGenerated,
    EventVendor: "Microsoft",
    EventProduct: "DNS Server",
    EventType: "Query",
    EventResult: code === undefined ? "NA" : code === 0 ? "Success" : "Failure",
    EventResultDetails: code === undefined ? undefined : RCODES[code] ?? String(code),
    EventOriginalType: str(row, "EventId"),
    EventSeverity: "Informational",
    ...hostFields("Dvc", str(row, "Computer")),
    SrcIpAddr: str(row, "ClientIP"),
    DnsQuery: str(row, "Name"),
    DnsQueryTypeName: str(row, "QueryType"),
    DnsResponseCode: code,
    DnsResponseName: str(row, "IPAddresses"),
  })];
}
