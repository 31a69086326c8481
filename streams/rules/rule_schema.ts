/**
 * The Sentinel analytic-rule fields (CONTRACTS.md section 5) as a valibot schema. Unknown fields are kept
 * (`looseObject`), so a rule file from the public repository loads unchanged.
 */
import * as v from "valibot";
import { parseRuleDuration } from "./rule_duration.ts";

/**
 * Sentinel allows 5m to 14d; a streaming engine has no reason to refuse shorter schedules (second-level rules are
 * part of the point), so only the upper bound, which bounds window memory, is kept.
 */
const ONE_SECOND = 1e6;
const FOURTEEN_DAYS = 14 * 86400e6;

/** A duration string between 1 second and 14 days. */
const Duration = v.pipe(
  v.string("Expected a duration such as '5m', '1h' or '14d'"),
  v.check(
    (s) => parseRuleDuration(s) !== undefined,
    (i) => `Invalid duration '${i.input}': expected e.g. '5m', '1h' or '14d'`,
  ),
  v.check((s) => {
    const micros = parseRuleDuration(s);
    return micros === undefined || (micros >= ONE_SECOND && micros <= FOURTEEN_DAYS);
  }, (i) => `Duration '${i.input}' is out of range: it must be between 1s and 14d`),
);

/** Trigger operators as rule files write them, short and long forms. */
export const TRIGGER_OPERATORS = {
  gt: "gt",
  lt: "lt",
  eq: "eq",
  ne: "ne",
  GreaterThan: "gt",
  LessThan: "lt",
  Equal: "eq",
  NotEqual: "ne",
} as const;

/** The short trigger operator. */
export type TriggerOperator = typeof TRIGGER_OPERATORS[keyof typeof TRIGGER_OPERATORS];

/** Entity types Sentinel maps result columns to. */
export const ENTITY_TYPES = [
  "Account",
  "Host",
  "IP",
  "URL",
  "FileHash",
  "File",
  "Process",
  "AzureResource",
  "CloudApplication",
  "DNS",
  "RegistryKey",
  "RegistryValue",
  "SecurityGroup",
  "Malware",
  "MailCluster",
  "MailMessage",
  "Mailbox",
  "SubmissionMail",
  "IoTDevice",
  "NetworkConnection",
] as const;

const Text = v.string();
const Strings = v.array(v.string());

const FieldMapping = v.looseObject({ identifier: v.string(), columnName: v.string() });

const EntityMapping = v.looseObject({
  entityType: v.picklist(ENTITY_TYPES, (i) => `Unknown entity type ${JSON.stringify(i.input)}`),
  fieldMappings: v.pipe(
    v.array(FieldMapping),
    v.minLength(1, "An entity mapping needs at least one field mapping"),
  ),
});

const AlertDetailsOverride = v.looseObject({
  alertDisplayNameFormat: v.optional(Text),
  alertDescriptionFormat: v.optional(Text),
  alertSeverityColumnName: v.optional(Text),
  alertTacticsColumnName: v.optional(Text),
  alertDynamicProperties: v.optional(v.array(v.looseObject({ alertProperty: Text, value: Text }))),
});

const IncidentConfiguration = v.looseObject({
  createIncident: v.optional(v.boolean()),
  groupingConfiguration: v.optional(v.looseObject({
    enabled: v.optional(v.boolean()),
    reopenClosedIncident: v.optional(v.boolean()),
    lookbackDuration: v.optional(v.pipe(
      v.string(),
      v.check((s) => parseRuleDuration(s) !== undefined, (i) => `Invalid duration '${i.input}'`),
    )),
    matchingMethod: v.optional(v.picklist(["AllEntities", "AnyAlert", "Selected"])),
    groupByEntities: v.optional(Strings),
    groupByAlertDetails: v.optional(Strings),
    groupByCustomDetails: v.optional(Strings),
  })),
});

/** The fields of a Sentinel analytic rule. Scheduled rules also need frequency, period and trigger. */
export const RuleSchema = v.pipe(
  v.looseObject({
    id: v.pipe(v.string("Expected 'id' to be a string"), v.nonEmpty("The rule 'id' is empty")),
    name: v.pipe(v.string("Expected 'name' to be a string"), v.nonEmpty("The rule 'name' is empty")),
    description: v.optional(Text),
    severity: v.picklist(
      ["Informational", "Low", "Medium", "High"],
      (i) => `Invalid severity ${JSON.stringify(i.input)}: expected Informational, Low, Medium or High`,
    ),
    kind: v.optional(
      v.pipe(
        v.string((i) => `Invalid kind ${JSON.stringify(i.input)}: expected Scheduled or NRT`),
        // Files in the public rule library also write `scheduled` and `nrt`; Sentinel takes them.
        v.transform((k) =>
          ({ scheduled: "Scheduled", nrt: "NRT" } as Record<string, string>)[k.toLowerCase()] ?? k
        ),
        v.picklist(
          ["Scheduled", "NRT"],
          (i) => `Invalid kind ${JSON.stringify(i.input)}: expected Scheduled or NRT`,
        ),
      ),
      "Scheduled",
    ),
    requiredDataConnectors: v.optional(v.array(v.unknown())),
    queryFrequency: v.optional(Duration),
    queryPeriod: v.optional(Duration),
    triggerOperator: v.optional(v.picklist(
      Object.keys(TRIGGER_OPERATORS) as (keyof typeof TRIGGER_OPERATORS)[],
      (i) => `Invalid triggerOperator ${JSON.stringify(i.input)}: expected gt, lt, eq or ne`,
    )),
    triggerThreshold: v.optional(v.pipe(
      v.number("Expected 'triggerThreshold' to be a number"),
      v.integer("Expected 'triggerThreshold' to be an integer"),
      v.minValue(0, "Expected 'triggerThreshold' to be 0 or more"),
    )),
    tactics: v.optional(Strings),
    relevantTechniques: v.optional(v.array(v.pipe(
      v.string(),
      v.regex(
        /^T\d{4}(\.\d{3})?$/,
        (i) => `Invalid technique ${JSON.stringify(i.input)}: expected e.g. 'T1078'`,
      ),
    ))),
    query: v.pipe(v.string("Expected 'query' to be a string"), v.nonEmpty("The rule 'query' is empty")),
    entityMappings: v.optional(v.array(EntityMapping)),
    customDetails: v.optional(v.record(v.string(), v.string())),
    alertDetailsOverride: v.optional(AlertDetailsOverride),
    eventGroupingSettings: v.optional(v.looseObject({
      aggregationKind: v.picklist(["SingleAlert", "AlertPerResult"]),
    })),
    incidentConfiguration: v.optional(IncidentConfiguration),
    suppressionEnabled: v.optional(v.boolean()),
    suppressionDuration: v.optional(v.pipe(
      v.string(),
      v.check((s) => parseRuleDuration(s) !== undefined, (i) => `Invalid duration '${i.input}'`),
    )),
    status: v.optional(Text),
    version: v.optional(v.union([v.string(), v.number()])),
  }),
  v.forward(
    v.check(
      (r) => r.kind === "NRT" || r.queryFrequency !== undefined,
      "A Scheduled rule needs 'queryFrequency'",
    ),
    ["queryFrequency"],
  ),
  v.forward(
    v.check((r) => r.kind === "NRT" || r.queryPeriod !== undefined, "A Scheduled rule needs 'queryPeriod'"),
    ["queryPeriod"],
  ),
);

/** The rule fields as validated (before normalisation). */
export type RuleFields = v.InferOutput<typeof RuleSchema>;
