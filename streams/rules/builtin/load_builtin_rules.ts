/**
 * The built-in rule pack's files and their loader. The rules are plain Sentinel YAML files beside this module, so
 * users can read, copy and override them; the runtime supplies the file reader (streams/ does no I/O itself).
 */

/** The rule files of the pack, one rule per file, in the order they are loaded. */
export const BUILTIN_RULE_FILES: readonly string[] = [
  "windows_brute_force.yaml",
  "windows_password_spray.yaml",
  "windows_logon_after_failures.yaml",
  "entra_signin_failures_by_location.yaml",
  "entra_impossible_travel.yaml",
  "entra_privileged_role_assignment.yaml",
  "azure_vm_deallocation_burst.yaml",
  "aws_console_login_without_mfa.yaml",
  "aws_root_account_use.yaml",
  "cef_port_scan.yaml",
  "office_mailbox_forwarding.yaml",
  "mde_suspicious_command_line.yaml",
  "syslog_ssh_brute_force.yaml",
];

/**
 * The location of one file of the pack.
 *
 * @param name a name from BUILTIN_RULE_FILES
 * @returns its URL beside this module
 * @example
 * ```ts
 * import { builtinRuleUrl } from "./load_builtin_rules.ts";
 * builtinRuleUrl("cef_port_scan.yaml").pathname.endsWith("/builtin/cef_port_scan.yaml"); // true
 * ```
 */
export function builtinRuleUrl(name: string): URL {
  return new URL(name, import.meta.url);
}

/**
 * Read every rule file of the pack. A file that cannot be read is a packaging fault, so the reader's error is
 * passed on with the file's name rather than skipped.
 *
 * @param readText reads a file as text (the runtime passes `Deno.readTextFile`)
 * @returns file name -> YAML text, in BUILTIN_RULE_FILES order
 * @example
 * ```ts
 * import { loadBuiltinRules } from "./load_builtin_rules.ts";
 * const files = await loadBuiltinRules((url) => fetch(url).then((r) => r.text()));
 * files.size > 0; // true
 * ```
 */
export async function loadBuiltinRules(
  readText: (url: URL) => Promise<string>,
): Promise<Map<string, string>> {
  const texts = await Promise.all(BUILTIN_RULE_FILES.map(async (name) => {
    try {
      return await readText(builtinRuleUrl(name));
    } catch (error) {
      throw new Error(`Could not read built-in rule file '${name}': ${(error as Error).message}`, {
        cause: error,
      });
    }
  }));
  return new Map(BUILTIN_RULE_FILES.map((name, i) => [name, texts[i]]));
}
