/** The ASIM AuditEvent and UserManagement parsers: configuration changes, and user and group changes. */
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
  text,
} from "./asim_family.ts";

const DVC = `Dvc = ${firstOf("DvcFQDN", "DvcHostname", "DvcIpAddr", "DvcId")}`;

/** `_Im_AuditEvent`, `imAuditEvent`, `_ASim_AuditEvent`, `ASimAuditEvent`. */
export const AUDIT_EVENT_FUNCTIONS: readonly StoredFunction[] = family({
  schema: "AuditEvent",
  canonical: "_Im_AuditEvent",
  aliases: ["imAuditEvent", "_ASim_AuditEvent", "ASimAuditEvent"],
  parameters: [
    list("srcipaddr_has_any_prefix"),
    list("eventtype_in"),
    text("eventresult"),
    list("actorusername_has_any"),
    list("operation_has_any"),
    list("object_has_any"),
    list("newvalue_has_any"),
  ],
  body: `ASimAuditEventLogs
| ${COMMON_FILTER}
| ${ipPrefix("srcipaddr_has_any_prefix", ["SrcIpAddr"])}
| ${inList("eventtype_in", "EventType")}
| ${equals("eventresult", "EventResult")}
| ${hasAny("actorusername_has_any", ["ActorUsername"])}
| ${hasAny("operation_has_any", ["Operation"])}
| ${hasAny("object_has_any", ["Object"])}
| ${hasAny("newvalue_has_any", ["NewValue"])}
| extend User = ActorUsername, Application = TargetAppName, Value = NewValue, IpAddr = SrcIpAddr,
    Src = ${firstOf("SrcFQDN", "SrcHostname", "SrcIpAddr", "SrcDvcId")},
    Dst = ${firstOf("TargetFQDN", "TargetHostname", "TargetIpAddr", "TargetDvcId")},
    ${DVC}`,
});

/** `_Im_UserManagement`, `imUserManagement`, `_ASim_UserManagement`, `ASimUserManagement`. */
export const USER_MANAGEMENT_FUNCTIONS: readonly StoredFunction[] = family({
  schema: "UserManagement",
  canonical: "_Im_UserManagement",
  aliases: ["imUserManagement", "_ASim_UserManagement", "ASimUserManagement"],
  parameters: [
    list("srcipaddr_has_any_prefix"),
    list("targetusername_has_any"),
    list("actorusername_has_any"),
    list("eventtype_in"),
  ],
  body: `ASimUserManagementActivityLogs
| ${COMMON_FILTER}
| ${ipPrefix("srcipaddr_has_any_prefix", ["SrcIpAddr"])}
| ${hasAny("targetusername_has_any", ["TargetUsername"])}
| ${hasAny("actorusername_has_any", ["ActorUsername"])}
| ${inList("eventtype_in", "EventType")}
| extend User = ActorUsername, IpAddr = SrcIpAddr, Src = ${firstOf("SrcFQDN", "SrcHostname", "SrcIpAddr")},
    ${DVC}`,
});
