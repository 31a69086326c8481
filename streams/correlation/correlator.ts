/**
 * Correlation across rules and products (in the spirit of Sentinel's Fusion): alerts that share an entity
 * (account, host, IP, URL, file hash) within a time horizon form one chain; when a chain spans enough kill-chain
 * stages, it raises one high-severity correlated alert that explains the chain in time order.
 *
 * Deterministic and documented scoring: a chain qualifies when it has at least `minTactics` distinct MITRE
 * tactics (default 3) from at least `minRules` distinct rules (default 2). Its score is
 * 10 x distinct tactics + 5 x distinct rules + 1 x alerts, shown in the alert. Every time a qualifying chain
 * grows (a new alert joins), a new correlated alert is raised with the chain so far; they all carry the chain's
 * id as a custom detail, so the incident filing groups them into one incident.
 */
import type { AlertEntity, SecurityAlert } from "../alerts/mod.ts";
import { systemAlertId } from "../alerts/mod.ts";

/** The pseudo-rule correlated alerts come from. */
export const CORRELATION_RULE_ID = "siem-correlation";

/** Its incident configuration: one incident per chain. */
export const CORRELATION_INCIDENT_CONFIGURATION = {
  createIncident: true,
  groupingConfiguration: {
    enabled: true,
    matchingMethod: "Selected",
    groupByCustomDetails: ["ChainId"],
    lookbackDuration: "14d",
    reopenClosedIncident: true,
  },
} as const;

/** MITRE ATT&CK tactics in kill-chain order. */
export const KILL_CHAIN = [
  "Reconnaissance",
  "ResourceDevelopment",
  "InitialAccess",
  "Execution",
  "Persistence",
  "PrivilegeEscalation",
  "DefenseEvasion",
  "CredentialAccess",
  "Discovery",
  "LateralMovement",
  "Collection",
  "CommandAndControl",
  "Exfiltration",
  "Impact",
] as const;

/** Settings. */
export interface CorrelatorOptions {
  /** How long an alert can link to later ones (microseconds; default 24 h). */
  readonly horizonMicros?: number;
  readonly minTactics?: number;
  readonly minRules?: number;
}

interface Member {
  readonly alert: SecurityAlert;
  readonly time: number;
  readonly keys: readonly string[];
}

/** Correlates alerts as they arrive. Feed it every alert once, in any order within the horizon. */
export class Correlator {
  readonly #horizon: number;
  readonly #minTactics: number;
  readonly #minRules: number;
  readonly #members = new Map<string, Member>();
  /** Entity key -> alert ids carrying it. */
  readonly #byEntity = new Map<string, Set<string>>();
  /** Alert id -> the chain id it was first reported under. */
  readonly #chainOf = new Map<string, string>();

  constructor(options: CorrelatorOptions = {}) {
    this.#horizon = options.horizonMicros ?? 24 * 3600e6;
    this.#minTactics = options.minTactics ?? 3;
    this.#minRules = options.minRules ?? 2;
  }

  /**
   * Add an alert; returns the correlated alert when its chain qualifies and grew.
   *
   * @param alert an alert from a rule (correlated alerts themselves are ignored)
   * @returns the correlated alert, or undefined
   */
  add(alert: SecurityAlert): SecurityAlert | undefined {
    if (alert.RuleId === CORRELATION_RULE_ID || this.#members.has(alert.SystemAlertId)) return undefined;
    const time = Date.parse(alert.EndTime) * 1000;
    this.#expire(time);
    const member: Member = { alert, time, keys: entityKeys(alert.Entities) };
    this.#members.set(alert.SystemAlertId, member);
    for (const key of member.keys) {
      let ids = this.#byEntity.get(key);
      if (!ids) this.#byEntity.set(key, ids = new Set());
      ids.add(alert.SystemAlertId);
    }
    const chain = this.#component(alert.SystemAlertId);
    const tactics = new Set(chain.flatMap((m) => m.alert.Tactics));
    const rules = new Set(chain.map((m) => m.alert.RuleId));
    if (tactics.size < this.#minTactics || rules.size < this.#minRules) return undefined;
    // The chain keeps the id under which any of its alerts was first reported, so it stays one incident.
    const chainId =
      chain.map((m) => this.#chainOf.get(m.alert.SystemAlertId)).find((id) => id !== undefined) ??
        chain.map((m) => m.alert.SystemAlertId).sort()[0];
    for (const m of chain) this.#chainOf.set(m.alert.SystemAlertId, chainId);
    return correlatedAlert(chainId, chain, tactics, rules);
  }

  /** Alerts linked to this one through shared entities (breadth-first over the entity index). */
  #component(start: string): Member[] {
    const seen = new Set([start]);
    const queue = [start];
    while (queue.length > 0) {
      const member = this.#members.get(queue.shift()!)!;
      for (const key of member.keys) {
        for (const other of this.#byEntity.get(key) ?? []) {
          if (!seen.has(other)) {
            seen.add(other);
            queue.push(other);
          }
        }
      }
    }
    return [...seen].map((id) => this.#members.get(id)!).sort((a, b) => a.time - b.time);
  }

  #expire(now: number): void {
    for (const [id, m] of this.#members) {
      if (m.time >= now - this.#horizon) continue;
      this.#members.delete(id);
      this.#chainOf.delete(id);
      for (const key of m.keys) this.#byEntity.get(key)?.delete(id);
    }
  }
}

/** Entities as comparable keys; names are case-insensitive, accounts compared by name without domain. */
function entityKeys(entities: readonly AlertEntity[]): string[] {
  const keys = new Set<string>();
  for (const e of entities) {
    const value = e.Type === "account"
      ? e.Name
      : e.Type === "host"
      ? e.HostName
      : e.Type === "ip"
      ? e.Address
      : e.Type === "url"
      ? e.Url
      : e.Type === "filehash"
      ? e.Value
      : undefined;
    if (typeof value === "string" && value !== "") keys.add(`${e.Type}:${value.toLowerCase()}`);
  }
  return [...keys];
}

function correlatedAlert(
  chainId: string,
  chain: readonly Member[],
  tactics: Set<string>,
  rules: Set<string>,
): SecurityAlert {
  const ordered = KILL_CHAIN.filter((t) => tactics.has(t));
  const other = [...tactics].filter((t) => !(KILL_CHAIN as readonly string[]).includes(t));
  const stages = [...ordered, ...other];
  const score = 10 * tactics.size + 5 * rules.size + chain.length;
  const steps = chain.map((m, i) =>
    `${i + 1}. ${m.alert.EndTime} [${
      m.alert.Tactics.join(", ") || "no tactic"
    }] ${m.alert.AlertName} (${m.alert.AlertSeverity})`
  );
  const entities: AlertEntity[] = [];
  const seen = new Set<string>();
  for (const m of chain) {
    for (const e of m.alert.Entities) {
      const key = JSON.stringify(e);
      if (!seen.has(key)) {
        seen.add(key);
        entities.push(e);
      }
    }
  }
  const first = chain[0].alert;
  const last = chain[chain.length - 1].alert;
  const name = `Multi-stage attack: ${stages.join(" -> ")}`;
  return {
    SystemAlertId: systemAlertId({
      ruleId: CORRELATION_RULE_ID,
      ruleVersion: "1",
      windowEnd: Date.parse(last.EndTime) * 1000,
      groupKey: chain.map((m) => m.alert.SystemAlertId).sort().join(","),
    }),
    AlertName: name,
    DisplayName: name,
    AlertSeverity: "High",
    Description: `${chain.length} alerts from ${rules.size} rules share entities and span ${tactics.size} ` +
      `kill-chain stages (score ${score}):\n${steps.join("\n")}`,
    ProviderName: "siem correlation",
    ProductName: "siem",
    AlertType: "MultiStageAttack",
    RuleId: CORRELATION_RULE_ID,
    RuleName: "Multi-stage attack correlation",
    RuleVersion: "1",
    StartTime: first.StartTime,
    EndTime: last.EndTime,
    TimeGenerated: new Date().toISOString(),
    Status: "New",
    Tactics: stages,
    Techniques: [...new Set(chain.flatMap((m) => m.alert.Techniques))],
    Entities: entities,
    ExtendedProperties: {
      "Custom Details": { ChainId: [chainId] },
      Score: score,
      "Correlated Alert Ids": chain.map((m) => m.alert.SystemAlertId),
      Chain: chain.map((m) => ({
        SystemAlertId: m.alert.SystemAlertId,
        AlertName: m.alert.AlertName,
        RuleId: m.alert.RuleId,
        Tactics: m.alert.Tactics,
        EndTime: m.alert.EndTime,
      })),
    },
  };
}
