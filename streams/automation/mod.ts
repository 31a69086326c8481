/**
 * Automation: rules that act on incidents (assign, change severity or status, label, run a playbook) and
 * playbooks (signed HTTP actions and ServiceNow/Jira ticket templates).
 *
 * @example
 * ```ts
 * import { renderTemplate } from "./mod.ts";
 * renderTemplate({ t: "{{Incident.Title}}" }, { Title: "x" } as never); // { t: "x" }
 * ```
 * @module
 */
export {
  applyAutomation,
  type AutomationAction,
  type AutomationRule,
  AutomationRuleSchema,
  type AutomationTrigger,
  CONDITION_OPERATORS,
  CONDITION_PROPERTIES,
  matchingRules,
} from "./automation_rule.ts";
export {
  type Playbook,
  type PlaybookRequest,
  playbookRequest,
  PlaybookSchema,
  renderTemplate,
  signature,
  ticketFrom,
} from "./playbook.ts";
