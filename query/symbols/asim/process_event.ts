/** The ASIM ProcessEvent parsers: process creation and termination, and the create/terminate subsets. */
import type { StoredFunction } from "../functions/stored_function.ts";
import { COMMON_FILTER, equals, family, firstOf, has, hasAny, ipPrefix, list, text } from "./asim_family.ts";
import type { FamilySpec } from "./asim_family.ts";

const PARAMETERS = [
  list("commandline_has_any"),
  list("commandline_has_all"),
  list("commandline_has_any_ip_prefix"),
  list("actingprocess_has_any"),
  list("targetprocess_has_any"),
  list("parentprocess_has_any"),
  text("targetusername_has"),
  list("actorusername_has_any"),
  list("dvcipaddr_has_any_prefix"),
  list("dvchostname_has_any"),
  list("hashes_has_any"),
  text("eventtype"),
];

/** The body over ASimProcessEventLogs, restricted to one event type when given. */
function body(only?: string): string {
  return `ASimProcessEventLogs
| ${COMMON_FILTER}${only === undefined ? "" : `\n| where EventType == "${only}"`}
| ${equals("eventtype", "EventType")}
| ${hasAny("commandline_has_any", ["TargetProcessCommandLine"])}
| where array_length(commandline_has_all) == 0 or TargetProcessCommandLine has_all (commandline_has_all)
| ${ipPrefix("commandline_has_any_ip_prefix", ["TargetProcessCommandLine"])}
| ${hasAny("actingprocess_has_any", ["ActingProcessName"])}
| ${hasAny("targetprocess_has_any", ["TargetProcessName"])}
| ${hasAny("parentprocess_has_any", ["ParentProcessName"])}
| ${has("targetusername_has", ["TargetUsername"])}
| ${hasAny("actorusername_has_any", ["ActorUsername"])}
| ${ipPrefix("dvcipaddr_has_any_prefix", ["DvcIpAddr"])}
| ${hasAny("dvchostname_has_any", ["DvcHostname", "DvcFQDN"])}
| where array_length(hashes_has_any) == 0 or TargetProcessSHA256 in~ (hashes_has_any)
    or TargetProcessSHA1 in~ (hashes_has_any) or TargetProcessMD5 in~ (hashes_has_any)
    or TargetProcessIMPHASH in~ (hashes_has_any)
| extend User = TargetUsername, Process = TargetProcessName, CommandLine = TargetProcessCommandLine,
    Hash = ${firstOf("TargetProcessSHA256", "TargetProcessSHA1", "TargetProcessMD5", "TargetProcessIMPHASH")},
    HashType = case(isnotempty(TargetProcessSHA256), "SHA256", isnotempty(TargetProcessSHA1), "SHA1",
      isnotempty(TargetProcessMD5), "MD5", isnotempty(TargetProcessIMPHASH), "IMPHASH", ""),
    Dvc = ${firstOf("DvcFQDN", "DvcHostname", "DvcIpAddr", "DvcId")}`;
}

function processFamily(name: string, aliases: readonly string[], only?: string): StoredFunction[] {
  const spec: FamilySpec = {
    schema: "ProcessEvent",
    canonical: name,
    aliases,
    parameters: PARAMETERS,
    body: body(only),
  };
  return family(spec);
}

/**
 * `_Im_ProcessEvent` (and `imProcess`, `imProcessEvent`, `_ASim_ProcessEvent`, `ASimProcessEvent`),
 * `_Im_ProcessCreate` (`imProcessCreate`, `_ASim_ProcessCreate`, `ASimProcessCreate`) and
 * `_Im_ProcessTerminate` (`imProcessTerminate`, `_ASim_ProcessTerminate`, `ASimProcessTerminate`).
 */
export const PROCESS_EVENT_FUNCTIONS: readonly StoredFunction[] = [
  ...processFamily("_Im_ProcessEvent", [
    "imProcess",
    "imProcessEvent",
    "_ASim_ProcessEvent",
    "ASimProcessEvent",
  ]),
  ...processFamily(
    "_Im_ProcessCreate",
    ["imProcessCreate", "_ASim_ProcessCreate", "ASimProcessCreate"],
    "ProcessCreated",
  ),
  ...processFamily(
    "_Im_ProcessTerminate",
    ["imProcessTerminate", "_ASim_ProcessTerminate", "ASimProcessTerminate"],
    "ProcessTerminated",
  ),
];
