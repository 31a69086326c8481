/** The ASIM FileEvent and RegistryEvent parsers: file system and registry activity on devices. */
import type { StoredFunction } from "../functions/stored_function.ts";
import { COMMON_FILTER, family, firstOf, hasAny, inList, ipPrefix, list } from "./asim_family.ts";

const DVC = `Dvc = ${firstOf("DvcFQDN", "DvcHostname", "DvcIpAddr", "DvcId")}`;

/** `_Im_FileEvent`, `imFileEvent`, `_ASim_FileEvent`, `ASimFileEvent`. */
export const FILE_EVENT_FUNCTIONS: readonly StoredFunction[] = family({
  schema: "FileEvent",
  canonical: "_Im_FileEvent",
  aliases: ["imFileEvent", "_ASim_FileEvent", "ASimFileEvent"],
  parameters: [
    list("eventtype_in"),
    list("srcipaddr_has_any_prefix"),
    list("actorusername_has_any"),
    list("targetfilepath_has_any"),
    list("srcfilepath_has_any"),
    list("targetfilename_has_any"),
    list("hashes_has_any"),
    list("dvchostname_has_any"),
  ],
  body: `ASimFileEventLogs
| ${COMMON_FILTER}
| ${inList("eventtype_in", "EventType")}
| ${ipPrefix("srcipaddr_has_any_prefix", ["SrcIpAddr"])}
| ${hasAny("actorusername_has_any", ["ActorUsername"])}
| ${hasAny("targetfilepath_has_any", ["TargetFilePath"])}
| ${hasAny("srcfilepath_has_any", ["SrcFilePath"])}
| ${hasAny("targetfilename_has_any", ["TargetFileName"])}
| where array_length(hashes_has_any) == 0 or TargetFileSHA256 in~ (hashes_has_any)
    or TargetFileSHA1 in~ (hashes_has_any) or TargetFileMD5 in~ (hashes_has_any)
| ${hasAny("dvchostname_has_any", ["DvcHostname", "DvcFQDN"])}
| extend User = ActorUsername, FileName = TargetFileName, FilePath = TargetFilePath, Process = ActingProcessName,
    Url = TargetUrl, IpAddr = SrcIpAddr, Src = SrcIpAddr, Application = TargetAppName,
    Hash = ${firstOf("TargetFileSHA256", "TargetFileSHA1", "TargetFileMD5")},
    HashType = case(isnotempty(TargetFileSHA256), "SHA256", isnotempty(TargetFileSHA1), "SHA1",
      isnotempty(TargetFileMD5), "MD5", ""),
    ${DVC}`,
});

/** `_Im_RegistryEvent`, `imRegistry`, `imRegistryEvent`, `_ASim_RegistryEvent`, `ASimRegistryEvent`. */
export const REGISTRY_EVENT_FUNCTIONS: readonly StoredFunction[] = family({
  schema: "RegistryEvent",
  canonical: "_Im_RegistryEvent",
  aliases: ["imRegistry", "imRegistryEvent", "_ASim_RegistryEvent", "ASimRegistryEvent", "ASimRegistry"],
  parameters: [
    list("eventtype_in"),
    list("actorusername_has_any"),
    list("registrykey_has_any"),
    list("registryvalue_has_any"),
    list("registryvaluedata_has_any"),
    list("dvchostname_has_any"),
  ],
  body: `ASimRegistryEventLogs
| ${COMMON_FILTER}
| ${inList("eventtype_in", "EventType")}
| ${hasAny("actorusername_has_any", ["ActorUsername"])}
| ${hasAny("registrykey_has_any", ["RegistryKey"])}
| ${hasAny("registryvalue_has_any", ["RegistryValue"])}
| ${hasAny("registryvaluedata_has_any", ["RegistryValueData"])}
| ${hasAny("dvchostname_has_any", ["DvcHostname", "DvcFQDN"])}
| extend User = ActorUsername, Process = ActingProcessName, ${DVC}`,
});
