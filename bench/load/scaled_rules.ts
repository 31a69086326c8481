/**
 * The built-in rule pack with its clock scaled down, so that a load test of seconds sees many scheduled instants:
 * queryFrequency becomes F, queryPeriod becomes P, and the "reported once per run" filters (`ago(10m)`,
 * `ago(5m)`: the rules' own frequency) become `ago(F)`. The queries are otherwise unchanged, and the oracle
 * evaluates exactly these texts, so the comparison is like for like.
 */
import { BUILTIN_RULE_FILES, loadBuiltinRules } from "../../streams/rules/builtin/mod.ts";
import { type Rule, validateRule } from "../../streams/rules/mod.ts";

/** A rule ready to PUT, and its validated form for the oracle. */
export interface ScaledRule {
  readonly id: string;
  readonly yaml: string;
  readonly rule: Rule;
}

/**
 * The pack, scaled.
 *
 * @param frequencySeconds F
 * @param periodSeconds P
 * @returns the rules
 */
export async function scaledBuiltinRules(
  frequencySeconds: number,
  periodSeconds: number,
): Promise<ScaledRule[]> {
  const files = await loadBuiltinRules((url) => Deno.readTextFile(url));
  const out: ScaledRule[] = [];
  for (const name of BUILTIN_RULE_FILES) {
    const yaml = files.get(name)!
      .replace(/^queryFrequency: .*$/m, `queryFrequency: ${frequencySeconds}s`)
      .replace(/^queryPeriod: .*$/m, `queryPeriod: ${periodSeconds}s`)
      .replace(/ago\((10|5)m\)/g, `ago(${frequencySeconds}s)`);
    const validation = validateRule(yaml);
    if (!validation.ok || !validation.rule || !validation.id) {
      throw new Error(`Scaled rule '${name}' does not validate: ${validation.problems[0]?.message}`);
    }
    out.push({ id: validation.id, yaml, rule: validation.rule });
  }
  return out;
}
