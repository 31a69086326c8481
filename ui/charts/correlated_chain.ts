/**
 * The chain of a multi-stage incident, read from its correlated alerts (streams/correlation): each carries the
 * chain so far in `ExtendedProperties.Chain` and its score in `ExtendedProperties.Score`. Pure.
 */
import type { Alert } from "../api/types.ts";

/** One link of the chain, as the correlated alert records it. */
export interface ChainLink {
  readonly SystemAlertId: string;
  readonly AlertName: string;
  readonly RuleId?: string;
  readonly Tactics?: readonly string[];
  readonly EndTime?: string;
}

/** The correlation worker's pseudo-rule (`CORRELATION_RULE_ID` in streams/correlation). */
const CORRELATION_RULE = "siem-correlation";

/**
 * The latest state of the chain among an incident's alerts.
 *
 * @param alerts the incident's alerts
 * @returns the correlated alert with the longest chain, or undefined when none is correlated
 */
export function latestChain(
  alerts: readonly Alert[],
): { alert: Alert; links: ChainLink[]; score?: number } | undefined {
  let best: { alert: Alert; links: ChainLink[]; score?: number } | undefined;
  for (const a of alerts) {
    if (a.RuleId !== CORRELATION_RULE) continue;
    const raw = a.ExtendedProperties?.Chain;
    const links = Array.isArray(raw)
      ? raw.filter((l): l is ChainLink => typeof l?.SystemAlertId === "string")
      : [];
    if (!best || links.length > best.links.length) {
      const score = a.ExtendedProperties?.Score;
      best = { alert: a, links, score: typeof score === "number" ? score : undefined };
    }
  }
  return best;
}
