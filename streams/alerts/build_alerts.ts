/**
 * From a rule and one evaluation's result to SecurityAlert-shaped alerts (CONTRACTS.md section 4): the trigger on
 * the result row count, event grouping (one alert, or one per row), entity mappings, custom details, alert detail
 * overrides, and the stable SystemAlertId = hash(rule id, rule version, window end, group key).
 */
import type { EntityMapping, Rule, TriggerOperator } from "../rules/mod.ts";
import { formatDatetime, formatTimespan } from "../../query/values/mod.ts";
import { type AlertEntity, MAX_ENTITIES } from "./entities.ts";
import type { Json, ResultTable } from "./result_table.ts";
import { ResultRows } from "./result_rows.ts";
import { sha256 } from "@noble/hashes/sha2.js";

/** An alert, in Sentinel's SecurityAlert shape plus our rule fields. */
export interface SecurityAlert {
  readonly SystemAlertId: string;
  readonly AlertName: string;
  readonly DisplayName: string;
  readonly AlertSeverity: Severity;
  readonly Description: string;
  readonly ProviderName: string;
  readonly ProductName: string;
  readonly AlertType: string;
  readonly RuleId: string;
  readonly RuleName: string;
  readonly RuleVersion: string | null;
  readonly StartTime: string;
  readonly EndTime: string;
  readonly TimeGenerated: string;
  readonly Status: "New";
  readonly Tactics: string[];
  readonly Techniques: string[];
  readonly Entities: AlertEntity[];
  readonly ExtendedProperties: Record<string, Json>;
  readonly [extra: string]: unknown;
}

/** Alert severities. */
export type Severity = "Informational" | "Low" | "Medium" | "High";
const SEVERITIES: readonly Severity[] = ["Informational", "Low", "Medium", "High"];

/** The evaluation an alert comes from: the window `(start, end]` in microseconds. */
export interface Evaluation {
  readonly windowStart: number;
  readonly windowEnd: number;
  /** When the alert is raised. */
  readonly now: Date;
  /**
   * AlertPerResult: the columns that identify a result row within its window (a group's keys: a row fired early
   * keeps its id when its counts have grown by the instant). Default: all of the row's values.
   */
  readonly keyColumns?: readonly string[];
}

/** An alert with the key of the result row it stands for ("" for a single alert). */
export interface KeyedAlert {
  readonly key: string;
  readonly alert: SecurityAlert;
}

const ENCODER = new TextEncoder();

/** Most result rows kept in one alert's ExtendedProperties. */
export const MAX_RESULT_ROWS = 100;

const TRIGGER_NAMES: Record<TriggerOperator, string> = {
  gt: "GreaterThan",
  lt: "LessThan",
  eq: "Equal",
  ne: "NotEqual",
};

/**
 * Whether a result row count fires the rule.
 *
 * @param count result rows
 * @param operator the rule's trigger operator
 * @param threshold the rule's threshold
 * @returns true when it fires
 */
export function triggered(count: number, operator: TriggerOperator, threshold: number): boolean {
  switch (operator) {
    case "gt":
      return count > threshold;
    case "lt":
      return count < threshold;
    case "eq":
      return count === threshold;
    case "ne":
      return count !== threshold;
  }
}

/**
 * The alert id: the same rule, rule version, window end and group key always give the same id, so a restarted
 * or duplicated evaluation publishes the same alert again, which JetStream's Nats-Msg-Id dedup then drops.
 *
 * @param parts rule id, version, window end (microseconds) and group key
 * @returns a GUID-formatted id
 */
export function systemAlertId(
  parts: { ruleId: string; ruleVersion: string | null; windowEnd: number; groupKey: string },
): string {
  return stableGuid(
    JSON.stringify([parts.ruleId, parts.ruleVersion ?? "", parts.windowEnd, parts.groupKey]),
  );
}

/**
 * A GUID-formatted id derived from a text (the first 16 bytes of its SHA-256): the same text, the same id.
 * Synchronous (noble's SHA-256, not WebCrypto's): a 24h window raises an alert at each of its 288 instants, and
 * each WebCrypto digest was a round trip to another thread.
 *
 * @param text what the id stands for
 * @returns the id
 */
export function stableGuid(text: string): string {
  const digest = sha256(ENCODER.encode(text));
  const hex = Array.from(digest.subarray(0, 16), (b) => b.toString(16).padStart(2, "0")).join("");
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20, 32)].join(
    "-",
  );
}

/**
 * Build the alerts of one evaluation, or none when the trigger does not fire.
 *
 * With AlertPerResult, as in Sentinel, a run raises at most MAX_ALERTS_PER_RUN alerts: past that, the first
 * MAX_ALERTS_PER_RUN - 1 rows get an alert each and the last alert summarizes the whole result as a single alert
 * would.
 *
 * @param rule the rule
 * @param result the query's result over the window
 * @param evaluation the window and the time
 * @returns the alerts
 */
export function buildAlerts(
  rule: Rule,
  result: ResultTable,
  evaluation: Evaluation,
): SecurityAlert[] {
  return buildKeyedAlerts(rule, result, evaluation).map((k) => k.alert);
}

/**
 * Like `buildAlerts`, each alert with the key of its result row; alerts whose key is in `skip` (raised earlier
 * for the same window) are left out.
 */
export function buildKeyedAlerts(
  rule: Rule,
  result: ResultTable,
  evaluation: Evaluation,
  skip?: ReadonlySet<string>,
): KeyedAlert[] {
  if (!triggered(result.rows.length, rule.triggerOperator, rule.triggerThreshold)) return [];
  const rows = new ResultRows(result);
  const all = { from: 0, to: rows.length };
  if (rule.eventGroupingSettings.aggregationKind !== "AlertPerResult" || rows.length === 0) {
    return skip?.has("") ? [] : [{ key: "", alert: alertOf(rule, rows, all, evaluation, "") }];
  }
  const single = rows.length > MAX_ALERTS_PER_RUN ? MAX_ALERTS_PER_RUN - 1 : rows.length;
  const keyOf = (row: Record<string, Json>) =>
    stableKey(
      evaluation.keyColumns === undefined
        ? row
        : Object.fromEntries(evaluation.keyColumns.map((c) => [c, row[c] ?? null])),
    );
  const alerts: KeyedAlert[] = [];
  for (let i = 0; i < single; i++) {
    const key = keyOf(rows.object(i));
    if (!skip?.has(key)) {
      alerts.push({ key, alert: alertOf(rule, rows, { from: i, to: i + 1 }, evaluation, key) });
    }
  }
  if (single < rows.length && !skip?.has(SUMMARY_KEY)) {
    alerts.push({ key: SUMMARY_KEY, alert: alertOf(rule, rows, all, evaluation, SUMMARY_KEY) });
  }
  return alerts;
}

/** Most alerts one run of an AlertPerResult rule raises (Sentinel's cap). */
export const MAX_ALERTS_PER_RUN = 150;

/** The group key of the alert that summarizes a result over the cap (no row's key is a bare string). */
const SUMMARY_KEY = "summary";

function alertOf(
  rule: Rule,
  rows: ResultRows,
  range: { readonly from: number; readonly to: number },
  evaluation: Evaluation,
  groupKey: string,
): SecurityAlert {
  const first = range.to > range.from ? rows.object(range.from) : {};
  const override = (rule.alertDetailsOverride ?? {}) as Record<string, unknown>;
  const name = fill(override.alertDisplayNameFormat, first) ?? rule.name;
  const description = fill(override.alertDescriptionFormat, first) ?? rule.description;
  const severity = severityFrom(first[String(override.alertSeverityColumnName ?? "")]) ?? rule.severity;
  const tactics = tacticsFrom(first[String(override.alertTacticsColumnName ?? "")]) ?? [...rule.tactics];
  const results: Record<string, Json>[] = [];
  for (let i = range.from; i < range.to && results.length < MAX_RESULT_ROWS; i++) {
    results.push(rows.object(i));
  }
  const extended: Record<string, Json> = {
    "Query Period": rule.queryPeriod === undefined ? null : formatTimespan(rule.queryPeriod),
    "Trigger Operator": TRIGGER_NAMES[rule.triggerOperator],
    "Trigger Threshold": rule.triggerThreshold,
    "Search Query Results Overall Count": rows.length,
    "Analytic Rule Ids": [rule.id],
    "Analytic Rule Name": rule.name,
    "Event Grouping": rule.eventGroupingSettings.aggregationKind,
    Query: rule.query,
    Results: results,
  };
  const custom = customDetails(rule.customDetails, rows, range);
  if (custom) extended["Custom Details"] = custom;
  const alert: Record<string, unknown> = {
    SystemAlertId: systemAlertId({
      ruleId: rule.id,
      ruleVersion: rule.version ?? null,
      windowEnd: evaluation.windowEnd,
      groupKey,
    }),
    AlertName: name,
    DisplayName: name,
    AlertSeverity: severity,
    Description: description,
    // The provider names Sentinel gives its own analytic rules, so queries written for Sentinel's SecurityAlert
    // (e.g. `where ProviderName == "ASI Scheduled Alerts"`) keep working.
    ProviderName: rule.kind === "NRT" ? "ASI NRT Alerts" : "ASI Scheduled Alerts",
    ProductName: "siem",
    AlertType: `${rule.id}_${rule.version ?? "1"}`,
    RuleId: rule.id,
    RuleName: rule.name,
    RuleVersion: rule.version ?? null,
    StartTime: formatDatetime(evaluation.windowStart),
    EndTime: formatDatetime(evaluation.windowEnd),
    TimeGenerated: evaluation.now.toISOString(),
    Status: "New",
    Tactics: tactics,
    Techniques: [...rule.relevantTechniques],
    Entities: entitiesOf(rule.entityMappings, rows, range),
    ExtendedProperties: extended,
  };
  for (const property of dynamicProperties(override.alertDynamicProperties)) {
    const value = first[property.value];
    if (value !== undefined && value !== null) alert[property.alertProperty] = value;
  }
  return alert as SecurityAlert;
}

/** The distinct entities of a range of rows, in row order, at most MAX_ENTITIES (as mapEntities). */
function entitiesOf(
  mappings: readonly EntityMapping[],
  rows: ResultRows,
  range: { readonly from: number; readonly to: number },
): AlertEntity[] {
  if (mappings.length === 0) return [];
  const out: AlertEntity[] = [];
  const seen = new Set<string>();
  for (let i = range.from; i < range.to; i++) {
    for (const { key, entity } of rows.entities(i, mappings)) {
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(entity);
      if (out.length >= MAX_ENTITIES) return out;
    }
  }
  return out;
}

/** Replace `{{Column}}` placeholders with the row's values (Sentinel's alert detail override format). */
function fill(format: unknown, row: Record<string, Json>): string | undefined {
  if (typeof format !== "string" || format === "") return undefined;
  return format.replace(/\{\{\s*([\w$]+)\s*\}\}/g, (_m, column: string) => {
    const value = row[column];
    if (value === undefined || value === null) return "";
    return typeof value === "string" ? value : JSON.stringify(value);
  });
}

function severityFrom(value: Json | undefined): Severity | undefined {
  if (typeof value !== "string") return undefined;
  return SEVERITIES.find((s) => s.toLowerCase() === value.trim().toLowerCase());
}

function tacticsFrom(value: Json | undefined): string[] | undefined {
  if (typeof value === "string" && value.trim() !== "") {
    return value.split(",").map((t) => t.trim()).filter(Boolean);
  }
  if (Array.isArray(value)) return value.filter((t): t is string => typeof t === "string");
  return undefined;
}

function dynamicProperties(value: unknown): Array<{ alertProperty: string; value: string }> {
  if (!Array.isArray(value)) return [];
  return value.filter((p): p is { alertProperty: string; value: string } =>
    typeof p === "object" && p !== null && typeof p.alertProperty === "string" && typeof p.value === "string"
  );
}

/** Custom details as Sentinel shows them: each key with the distinct values of its column (at most 10). */
function customDetails(
  details: Readonly<Record<string, string>>,
  rows: ResultRows,
  range: { readonly from: number; readonly to: number },
): Record<string, Json> | undefined {
  const keys = Object.keys(details);
  if (keys.length === 0) return undefined;
  const out: Record<string, Json> = {};
  for (const key of keys) {
    const seen = new Set<unknown>();
    const values: Json[] = [];
    for (let i = range.from; i < range.to && values.length < 10; i++) {
      const value = rows.object(i)[details[key]];
      if (value === undefined || value === null) continue;
      // Primitives are their own identity; arrays and bags compare by their JSON.
      const identity = typeof value === "object" ? JSON.stringify(value) : value;
      if (seen.has(identity)) continue;
      seen.add(identity);
      values.push(value);
    }
    out[key] = values;
  }
  return out;
}

/** A row's identity for AlertPerResult: its values in column order, as JSON. */
function stableKey(row: Record<string, Json>): string {
  return JSON.stringify(Object.entries(row));
}
