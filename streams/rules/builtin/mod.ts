/**
 * The built-in analytic rule pack: our own detection rules in the Sentinel analytic-rule format, one YAML file per
 * rule, with MITRE tactics and techniques, covering the table of every connector (SecurityEvent, SigninLogs,
 * AuditLogs, AzureActivity, AWSCloudTrail, CommonSecurityLog, OfficeActivity, DeviceProcessEvents, Syslog).
 * The runtime reads the files with the reader it is given and loads them like any rule file.
 *
 * @example
 * ```ts
 * import { BUILTIN_RULE_FILES, loadBuiltinRules } from "./mod.ts";
 * const files = await loadBuiltinRules((url) => fetch(url).then((r) => r.text()));
 * files.size === BUILTIN_RULE_FILES.length; // true
 * ```
 * @module
 */
export { BUILTIN_RULE_FILES, builtinRuleUrl, loadBuiltinRules } from "./load_builtin_rules.ts";
