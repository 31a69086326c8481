/**
 * Automation rules (Sentinel's): when an incident is created or updated and every condition holds, run the
 * actions in order: assign an owner, change severity or status, add a label, run a playbook. Rules run in
 * `order`; each action leaves an audit entry on the incident. Pure: matching and applying are functions.
 */
import * as v from "valibot";
import { applyChange, CLASSIFICATIONS, type Incident, INCIDENT_STATUSES } from "../incidents/mod.ts";

const SEVERITIES = ["Informational", "Low", "Medium", "High"] as const;

/** Incident properties a condition can test. */
export const CONDITION_PROPERTIES = [
  "Title",
  "Description",
  "Severity",
  "Status",
  "Owner",
  "Labels",
  "Tactics",
  "RelatedAnalyticRuleIds",
  "AccountName",
  "HostName",
  "IPAddress",
] as const;

/** Condition operators. */
export const CONDITION_OPERATORS = [
  "Equals",
  "NotEquals",
  "Contains",
  "NotContains",
  "StartsWith",
  "EndsWith",
] as const;

const Condition = v.strictObject({
  property: v.picklist(CONDITION_PROPERTIES, `'property' must be one of ${CONDITION_PROPERTIES.join(", ")}`),
  operator: v.picklist(CONDITION_OPERATORS, `'operator' must be one of ${CONDITION_OPERATORS.join(", ")}`),
  values: v.pipe(v.array(v.string()), v.minLength(1, "'values' must list at least one value")),
});

const Action = v.variant("type", [
  v.strictObject({ type: v.literal("assignOwner"), owner: v.pipe(v.string(), v.minLength(1)) }),
  v.strictObject({ type: v.literal("changeSeverity"), severity: v.picklist(SEVERITIES) }),
  v.strictObject({
    type: v.literal("changeStatus"),
    status: v.picklist(INCIDENT_STATUSES),
    classification: v.optional(v.picklist(CLASSIFICATIONS)),
    classificationComment: v.optional(v.string()),
  }),
  v.strictObject({
    type: v.literal("addLabel"),
    label: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  }),
  v.strictObject({
    type: v.literal("runPlaybook"),
    playbookId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.-]{1,100}$/)),
  }),
]);

/** The schema of an automation rule (API bodies). */
export const AutomationRuleSchema = v.strictObject({
  id: v.pipe(
    v.string(),
    v.regex(/^[A-Za-z0-9_.-]{1,100}$/, "'id' must be 1 to 100 letters, digits, '.', '_' or '-'"),
  ),
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  order: v.optional(v.pipe(v.number(), v.integer()), 100),
  enabled: v.optional(v.boolean(), true),
  triggers: v.optional(v.array(v.picklist(["incidentCreated", "incidentUpdated"])), ["incidentCreated"]),
  conditions: v.optional(v.array(Condition), []),
  actions: v.pipe(v.array(Action), v.minLength(1, "'actions' must list at least one action")),
});

/** An automation rule. */
export type AutomationRule = v.InferOutput<typeof AutomationRuleSchema>;
export type AutomationAction = v.InferOutput<typeof Action>;
type Condition = v.InferOutput<typeof Condition>;

/** What an incident change was. */
export type AutomationTrigger = "incidentCreated" | "incidentUpdated";

function propertyValues(incident: Incident, property: Condition["property"]): string[] {
  const entities = (type: string, field: string) =>
    incident.Entities.filter((e) => e.Type === type).map((e) => String(e[field] ?? ""));
  switch (property) {
    case "Owner":
      return [incident.Owner.assignedTo ?? ""];
    case "Labels":
    case "Tactics":
    case "RelatedAnalyticRuleIds":
      return [...incident[property]];
    case "AccountName":
      return entities("account", "Name");
    case "HostName":
      return entities("host", "HostName");
    case "IPAddress":
      return entities("ip", "Address");
    default:
      return [String(incident[property] ?? "")];
  }
}

function matches(condition: Condition, incident: Incident): boolean {
  const actual = propertyValues(incident, condition.property).map((x) => x.toLowerCase());
  const wanted = condition.values.map((x) => x.toLowerCase());
  const any = (test: (a: string, w: string) => boolean) => actual.some((a) => wanted.some((w) => test(a, w)));
  switch (condition.operator) {
    case "Equals":
      return any((a, w) => a === w);
    case "NotEquals":
      return !any((a, w) => a === w);
    case "Contains":
      return any((a, w) => a.includes(w));
    case "NotContains":
      return !any((a, w) => a.includes(w));
    case "StartsWith":
      return any((a, w) => a.startsWith(w));
    case "EndsWith":
      return any((a, w) => a.endsWith(w));
  }
}

/**
 * The rules that apply to an incident change, in order.
 *
 * @param rules every automation rule
 * @param incident the incident after the change
 * @param trigger what happened
 * @returns the matching enabled rules, by `order` then id
 */
export function matchingRules(
  rules: readonly AutomationRule[],
  incident: Incident,
  trigger: AutomationTrigger,
): AutomationRule[] {
  return rules
    .filter((r) =>
      r.enabled && r.triggers.includes(trigger) && r.conditions.every((c) => matches(c, incident))
    )
    .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/**
 * Apply a rule's incident-changing actions; playbook runs are returned for the caller to queue.
 *
 * @param incident the incident
 * @param rule the rule
 * @param now the time
 * @returns the new incident and the playbooks to run
 */
export function applyAutomation(
  incident: Incident,
  rule: AutomationRule,
  now: Date,
): { incident: Incident; playbooks: string[] } {
  const actor = `automation:${rule.id}`;
  let current = incident;
  const playbooks: string[] = [];
  for (const action of rule.actions) {
    switch (action.type) {
      case "assignOwner":
        current = applyChange(current, { Owner: { assignedTo: action.owner } }, { actor, now });
        break;
      case "changeSeverity":
        current = applyChange(current, { Severity: action.severity }, { actor, now });
        break;
      case "changeStatus":
        current = applyChange(current, {
          Status: action.status,
          Classification: action.classification,
          ClassificationComment: action.classificationComment,
        }, { actor, now });
        break;
      case "addLabel":
        if (!current.Labels.includes(action.label)) {
          current = applyChange(current, { Labels: [...current.Labels, action.label] }, { actor, now });
        }
        break;
      case "runPlaybook":
        playbooks.push(action.playbookId);
        current = {
          ...current,
          History: [...current.History, {
            time: now.toISOString(),
            actor,
            action: `Queued playbook ${action.playbookId}`,
          }],
        };
        break;
    }
  }
  return { incident: current, playbooks };
}
