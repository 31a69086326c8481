/** The ASIM Authentication parsers: sign-ins and sign-outs from every normalized source. */
import type { StoredFunction } from "../functions/stored_function.ts";
import {
  COMMON_FILTER,
  equals,
  family,
  firstOf,
  has,
  hasAny,
  inList,
  ipPrefix,
  list,
  text,
} from "./asim_family.ts";

/** `_Im_Authentication`, `imAuthentication`, `_ASim_Authentication`, `ASimAuthentication`. */
export const AUTHENTICATION_FUNCTIONS: readonly StoredFunction[] = family({
  schema: "Authentication",
  canonical: "_Im_Authentication",
  aliases: ["imAuthentication", "_ASim_Authentication", "ASimAuthentication"],
  parameters: [
    list("username_has_any"),
    text("targetusername_has"),
    list("targetusername_has_any"),
    list("actorusername_has_any"),
    list("srcipaddr_has_any_prefix"),
    list("srchostname_has_any"),
    list("targetappname_has_any"),
    list("eventtype_in"),
    list("eventresultdetails_in"),
    text("eventresult"),
  ],
  body: `ASimAuthenticationEventLogs
| ${COMMON_FILTER}
| ${has("targetusername_has", ["TargetUsername"])}
| ${hasAny("targetusername_has_any", ["TargetUsername"])}
| ${hasAny("actorusername_has_any", ["ActorUsername"])}
| ${hasAny("username_has_any", ["TargetUsername", "ActorUsername"])}
| ${ipPrefix("srcipaddr_has_any_prefix", ["SrcIpAddr"])}
| ${hasAny("srchostname_has_any", ["SrcHostname"])}
| ${hasAny("targetappname_has_any", ["TargetAppName"])}
| ${inList("eventtype_in", "EventType")}
| ${inList("eventresultdetails_in", "EventResultDetails")}
| ${equals("eventresult", "EventResult")}
| extend User = TargetUsername, IpAddr = SrcIpAddr, Application = TargetAppName,
    // The names of schema 0.1.0, which rules of the public library still use.
    SrcDvcIpAddr = SrcIpAddr, TargetDvcIpAddr = TargetIpAddr,
    Dvc = ${firstOf("DvcFQDN", "DvcHostname", "DvcIpAddr", "DvcId")},
    Src = ${firstOf("SrcFQDN", "SrcHostname", "SrcIpAddr", "SrcDvcId")},
    Dst = ${firstOf("TargetFQDN", "TargetHostname", "TargetIpAddr", "TargetDvcId")},
    LogonTarget = ${firstOf("TargetAppName", "TargetUrl", "TargetHostname")}`,
});
