/** The ASIM NetworkSession and WebSession parsers: connections and flows, and HTTP requests. */
import type { StoredFunction } from "../functions/stored_function.ts";
import {
  COMMON_FILTER,
  equals,
  family,
  firstOf,
  hasAny,
  inList,
  ipPrefix,
  list,
  param,
  text,
} from "./asim_family.ts";

/** Aliases shared by the two session schemas. */
const SESSION_ALIASES = `IpAddr = SrcIpAddr, Hostname = DstHostname, SessionId = NetworkSessionId,
    Duration = NetworkDuration, Rule = NetworkRuleName,
    Dvc = ${firstOf("DvcFQDN", "DvcHostname", "DvcIpAddr", "DvcId")},
    Src = ${firstOf("SrcFQDN", "SrcHostname", "SrcIpAddr", "SrcDvcId")},
    Dst = ${firstOf("DstFQDN", "DstHostname", "DstIpAddr", "DstDvcId")}`;

/** `_Im_NetworkSession`, `imNetworkSession`, `_ASim_NetworkSession`, `ASimNetworkSession`. */
export const NETWORK_SESSION_FUNCTIONS: readonly StoredFunction[] = family({
  schema: "NetworkSession",
  canonical: "_Im_NetworkSession",
  aliases: ["imNetworkSession", "_ASim_NetworkSession", "ASimNetworkSession"],
  parameters: [
    list("srcipaddr_has_any_prefix"),
    list("dstipaddr_has_any_prefix"),
    list("ipaddr_has_any_prefix"),
    param("dstportnumber", "int", "int(null)"),
    list("hostname_has_any"),
    list("dvcaction"),
    text("eventresult"),
  ],
  body: `ASimNetworkSessionLogs
| ${COMMON_FILTER}
| ${ipPrefix("srcipaddr_has_any_prefix", ["SrcIpAddr"])}
| ${ipPrefix("dstipaddr_has_any_prefix", ["DstIpAddr"])}
| ${ipPrefix("ipaddr_has_any_prefix", ["SrcIpAddr", "DstIpAddr"])}
| where isnull(dstportnumber) or DstPortNumber == dstportnumber
| ${hasAny("hostname_has_any", ["SrcHostname", "DstHostname", "DvcHostname"])}
| ${inList("dvcaction", "DvcAction")}
| ${equals("eventresult", "EventResult")}
| extend User = DstUsername, ${SESSION_ALIASES}`,
});

/** `_Im_WebSession`, `imWebSession`, `_ASim_WebSession`, `ASimWebSession`. */
export const WEB_SESSION_FUNCTIONS: readonly StoredFunction[] = family({
  schema: "WebSession",
  canonical: "_Im_WebSession",
  aliases: ["imWebSession", "_ASim_WebSession", "ASimWebSession"],
  parameters: [
    list("srcipaddr_has_any_prefix"),
    list("ipaddr_has_any_prefix"),
    list("url_has_any"),
    list("httpuseragent_has_any"),
    list("eventresultdetails_in"),
    text("eventresult"),
  ],
  body: `ASimWebSessionLogs
| ${COMMON_FILTER}
| ${ipPrefix("srcipaddr_has_any_prefix", ["SrcIpAddr"])}
| ${ipPrefix("ipaddr_has_any_prefix", ["SrcIpAddr", "DstIpAddr"])}
| ${hasAny("url_has_any", ["Url"])}
| ${hasAny("httpuseragent_has_any", ["HttpUserAgent"])}
| ${inList("eventresultdetails_in", "EventResultDetails")}
| ${equals("eventresult", "EventResult")}
| extend User = SrcUsername, UserAgent = HttpUserAgent, ${SESSION_ALIASES}`,
});
