/**
 * Scale-out with event shards only helps the rules whose plans can be fed by parts computed apart: every built-in
 * Scheduled rule that runs on an incremental plan must be one, as shipped and with the load test's scaled clock
 * (order-dependent aggregates such as make_set or arg_max merge by the places they keep).
 */
import assert from "node:assert/strict";
import { scaledBuiltinRules } from "../../../bench/load/scaled_rules.ts";
import { Catalog } from "../../../query/symbols/mod.ts";
import { DetectionEngine } from "../../detect/mod.ts";
import { type Rule, validateRule } from "../mod.ts";
import { BUILTIN_RULE_FILES, loadBuiltinRules } from "./mod.ts";

const T0 = Date.UTC(2026, 10, 27, 9, 0) * 1000;

/** For each Scheduled rule the engine runs on a plan: whether that plan is fed by contributions. */
function shardedPlans(rules: readonly Rule[]): Map<string, boolean> {
  const engine = new DetectionEngine({
    catalog: () => Catalog.builtin(),
    publish: () => Promise.resolve(),
    contributions: true,
  });
  const out = new Map<string, boolean>();
  for (const rule of rules) {
    engine.upsertRule({ id: rule.id, rule, enabled: true }, T0);
    if (rule.kind === "Scheduled" && engine.modeOf(rule.id)?.mode === "incremental") {
      out.set(rule.id, engine.isSharded(rule.id));
    }
  }
  return out;
}

function assertAllSharded(plans: Map<string, boolean>, what: string): void {
  const unsharded = [...plans].filter(([, sharded]) => !sharded).map(([id]) => id);
  assert.deepEqual(unsharded, [], `${what}: incremental Scheduled rules not fed by contributions`);
  // Not vacuous: most of the pack runs on plans.
  assert.ok(plans.size >= 7, `${what}: only ${plans.size} incremental Scheduled rules`);
}

Deno.test("every built-in incremental Scheduled rule is shardable", async () => {
  const files = await loadBuiltinRules((url) => Deno.readTextFile(url));
  const rules = BUILTIN_RULE_FILES.map((name) => {
    const validation = validateRule(files.get(name) ?? "");
    assert.ok(validation.rule && validation.ok, `${name}: ${JSON.stringify(validation.problems)}`);
    return validation.rule;
  });
  assertAllSharded(shardedPlans(rules), "as shipped");
});

Deno.test("every built-in incremental Scheduled rule is shardable with the load test's scaled clock", async () => {
  const scaled = await scaledBuiltinRules(2, 20);
  assertAllSharded(shardedPlans(scaled.map((r) => r.rule)), "scaled to F=2s, P=20s");
});
