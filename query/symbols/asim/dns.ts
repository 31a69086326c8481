/** The ASIM Dns parsers: DNS queries and their answers. */
import type { StoredFunction } from "../functions/stored_function.ts";
import { COMMON_FILTER, equals, family, firstOf, hasAny, list, param, text } from "./asim_family.ts";

/** `_Im_Dns`, `imDns`, `_ASim_Dns`, `ASimDns`. */
export const DNS_FUNCTIONS: readonly StoredFunction[] = family({
  schema: "Dns",
  canonical: "_Im_Dns",
  aliases: ["imDns", "_ASim_Dns", "ASimDns"],
  parameters: [
    text("srcipaddr"),
    list("domain_has_any"),
    text("responsecodename"),
    text("response_has_ipv4"),
    list("response_has_any_prefix"),
    param("eventtype", "string", "'Query'"),
  ],
  // DnsResponseCodeName is mandatory in ASIM but derived from the code, so it is computed here.
  body: `ASimDnsActivityLogs
| ${COMMON_FILTER}
| where srcipaddr == '*' or SrcIpAddr == srcipaddr
| ${hasAny("domain_has_any", ["DnsQuery"])}
| where response_has_ipv4 == '*' or has_ipv4(DnsResponseName, response_has_ipv4)
| where array_length(response_has_any_prefix) == 0 or has_any_ipv4_prefix(DnsResponseName, response_has_any_prefix)
| ${equals("eventtype", "EventType")}
| extend DnsResponseCodeName = case(
    DnsResponseCode == 0, "NOERROR", DnsResponseCode == 1, "FORMERR", DnsResponseCode == 2, "SERVFAIL",
    DnsResponseCode == 3, "NXDOMAIN", DnsResponseCode == 4, "NOTIMP", DnsResponseCode == 5, "REFUSED",
    DnsResponseCode == 6, "YXDOMAIN", DnsResponseCode == 7, "YXRRSET", DnsResponseCode == 8, "NXRRSET",
    DnsResponseCode == 9, "NOTAUTH", DnsResponseCode == 10, "NOTZONE", isnull(DnsResponseCode), "",
    strcat("Unassigned (", tostring(DnsResponseCode), ")"))
| ${equals("responsecodename", "DnsResponseCodeName")}
| extend Domain = DnsQuery, IpAddr = SrcIpAddr, User = SrcUsername, Hostname = SrcHostname,
    SessionId = DnsSessionId, Duration = DnsNetworkDuration,
    Dvc = ${firstOf("DvcFQDN", "DvcHostname", "DvcIpAddr", "DvcId")},
    Src = ${firstOf("SrcFQDN", "SrcHostname", "SrcIpAddr", "SrcDvcId")},
    Dst = ${firstOf("DstFQDN", "DstHostname", "DstIpAddr", "DstDvcId")}`,
});
