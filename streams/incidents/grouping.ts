/**
 * How a rule's `incidentConfiguration` groups its alerts into incidents (Sentinel's semantics):
 * `createIncident: false` makes none; without grouping every alert gets its own incident; with grouping, alerts
 * of the same rule within `lookbackDuration` share an incident when they match: `AnyAlert` (all of them),
 * `AllEntities` (the same entities), or `Selected` (the same values of the chosen entity types, alert details and
 * custom details). A closed incident takes new alerts only with `reopenClosedIncident`.
 */
import type { SecurityAlert } from "../alerts/mod.ts";
import { parseRuleDuration } from "../rules/mod.ts";

/** What grouping decides for one alert. */
export type GroupingDecision =
  | { readonly create: false }
  | {
    readonly create: true;
    /** Alerts with the same key may share an incident; `undefined` = always a new incident. */
    readonly key: string | undefined;
    /** How long after an incident's last activity it still takes alerts (microseconds). */
    readonly lookbackMicros: number;
    readonly reopenClosed: boolean;
  };

/** Sentinel's default lookback when grouping is on and none is given. */
const DEFAULT_LOOKBACK_MICROS = 5 * 3600e6;

/**
 * Decide how an alert is grouped.
 *
 * @param alert the alert
 * @param config the rule's `incidentConfiguration` as written (undefined = Sentinel's default: one incident each)
 * @returns the decision
 */
export function groupingFor(
  alert: SecurityAlert,
  config: Readonly<Record<string, unknown>> | undefined,
): GroupingDecision {
  if (config?.createIncident === false) return { create: false };
  const grouping = (config?.groupingConfiguration ?? {}) as Record<string, unknown>;
  if (grouping.enabled !== true) {
    return { create: true, key: undefined, lookbackMicros: 0, reopenClosed: false };
  }
  const lookback = typeof grouping.lookbackDuration === "string"
    ? parseRuleDuration(grouping.lookbackDuration) ?? DEFAULT_LOOKBACK_MICROS
    : DEFAULT_LOOKBACK_MICROS;
  const method = String(grouping.matchingMethod ?? "AllEntities");
  let signature: unknown;
  if (method === "AnyAlert") {
    signature = "any";
  } else if (method === "Selected") {
    const types = stringList(grouping.groupByEntities).map((t) => t.toLowerCase());
    const details = stringList(grouping.groupByAlertDetails);
    const custom = stringList(grouping.groupByCustomDetails);
    const customDetails = (alert.ExtendedProperties["Custom Details"] ?? {}) as Record<string, unknown>;
    signature = {
      entities: types.map((t) =>
        alert.Entities.filter((e) => e.Type === t).map((e) => JSON.stringify(e)).sort()
      ),
      details: details.map((d) =>
        d === "DisplayName" ? alert.AlertName : d === "Severity" ? alert.AlertSeverity : null
      ),
      custom: custom.map((c) => customDetails[c] ?? null),
    };
  } else {
    signature = alert.Entities.map((e) => JSON.stringify(e)).sort();
  }
  return {
    create: true,
    key: `${alert.RuleId}|${method}|${JSON.stringify(signature)}`,
    lookbackMicros: lookback,
    reopenClosed: grouping.reopenClosedIncident === true,
  };
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}
