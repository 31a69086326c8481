/**
 * A loaded analytic rule: the Sentinel fields normalised for the detection engine (durations in
 * microseconds, short trigger operators), plus every field of the file as written.
 */
import type { TriggerOperator } from "./rule_schema.ts";

/** One entity mapping: a Sentinel entity type and the result columns that fill its identifiers. */
export interface EntityMapping {
  readonly entityType: string;
  readonly fieldMappings: readonly { readonly identifier: string; readonly columnName: string }[];
}

/** An analytic rule. */
export interface Rule {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly severity: "Informational" | "Low" | "Medium" | "High";
  readonly kind: "Scheduled" | "NRT";
  /** How often a Scheduled rule runs, in microseconds; `undefined` for NRT rules. */
  readonly queryFrequency: number | undefined;
  /** How far back each run looks, in microseconds; `undefined` for NRT rules. */
  readonly queryPeriod: number | undefined;
  readonly triggerOperator: TriggerOperator;
  readonly triggerThreshold: number;
  readonly tactics: readonly string[];
  readonly relevantTechniques: readonly string[];
  readonly query: string;
  readonly entityMappings: readonly EntityMapping[];
  readonly customDetails: Readonly<Record<string, string>>;
  readonly alertDetailsOverride: Readonly<Record<string, unknown>> | undefined;
  readonly eventGroupingSettings: { readonly aggregationKind: "SingleAlert" | "AlertPerResult" };
  readonly incidentConfiguration: Readonly<Record<string, unknown>> | undefined;
  readonly suppressionEnabled: boolean;
  /** Microseconds; `undefined` when not set. */
  readonly suppressionDuration: number | undefined;
  readonly status: string | undefined;
  readonly version: string | undefined;
  /** Every field of the rule file as written, unknown ones included. */
  readonly fields: Readonly<Record<string, unknown>>;
}

/** A problem found in a rule file, located in that file (1-based line and column). */
export interface RuleProblem {
  /** `RULE1xxx` for the file and its fields, `KQL*` for the query. */
  readonly code: string;
  readonly severity: "error" | "warning";
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

/** Codes of rule-file problems. */
export const RULE_CODES = {
  yamlSyntax: "RULE1001",
  invalidField: "RULE1002",
  unknownResultColumn: "RULE1003",
  notAMapping: "RULE1004",
  columnCase: "RULE1005",
} as const;
