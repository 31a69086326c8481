/**
 * Sentinel analytic rules: load rule YAML as published in the Azure-Sentinel repository, validate its fields
 * and query, and report every problem with its line and column in the file.
 *
 * @example
 * ```ts
 * import { validateRule } from "./mod.ts";
 * const { ok, problems } = validateRule("id: x\nname: y\nseverity: Urgent\nkind: NRT\nquery: Syslog");
 * ok; // false
 * problems[0].message; // "Invalid rule field 'severity': Invalid severity \"Urgent\": ..."
 * ```
 * @module
 */
export { type EntityMapping, type Rule, RULE_CODES, type RuleProblem } from "./rule.ts";
export { formatRuleDuration, parseRuleDuration } from "./rule_duration.ts";
export {
  ENTITY_TYPES,
  type RuleFields,
  RuleSchema,
  TRIGGER_OPERATORS,
  type TriggerOperator,
} from "./rule_schema.ts";
export { type RuleValidation, validateRule, type ValidateRuleOptions } from "./validate_rule.ts";
