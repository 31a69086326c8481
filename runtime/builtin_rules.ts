/**
 * The built-in rule pack (streams/rules/builtin): installed into the rule store at start, enabled, with origin
 * `builtin`. A rule already in the store keeps its enabled flag; a user's own rule with the same id is never
 * replaced; a pack rule that changed in a new release is updated.
 */
import { loadBuiltinRules } from "../streams/rules/builtin/mod.ts";
import { validateRule } from "../streams/rules/mod.ts";
import type { Logger } from "./log.ts";
import type { RuleStore } from "./nats/rule_store.ts";

/**
 * Install or update the pack.
 *
 * @param store the rule store
 * @param logger where problems go
 * @returns how many rules were written
 */
export async function installBuiltinRules(store: RuleStore, logger: Logger): Promise<number> {
  let written = 0;
  for (const [file, source] of await loadBuiltinRules((url) => Deno.readTextFile(url))) {
    const result = validateRule(source);
    if (!result.ok || !result.rule) {
      logger.error("Built-in rule does not validate", {
        file,
        problems: result.problems.map((p) => p.message),
      });
      continue;
    }
    const existing = store.get(result.rule.id);
    if (existing && (existing.origin !== "builtin" || existing.source === source)) continue;
    await store.put({
      id: result.rule.id,
      rule: result.rule,
      source,
      enabled: existing?.enabled ?? true,
      mode: result.mode,
      origin: "builtin",
      updatedAt: new Date().toISOString(),
    });
    written++;
  }
  if (written > 0) logger.info("Built-in rules installed", { written });
  return written;
}
