/**
 * The incident role: a durable JetStream consumer of SIEM_ALERTS that files every alert into an incident per its
 * rule's `incidentConfiguration`. Each alert is acknowledged only once its incident is stored, and filing is
 * idempotent (an incident's id derives from its first alert's id; an alert already in an incident is not added
 * again), so redelivery after a crash neither loses nor duplicates anything.
 */
import type { NatsConnection } from "@nats-io/nats-core";
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from "@nats-io/jetstream";
import { type SecurityAlert, stableGuid } from "../streams/alerts/mod.ts";
import {
  addAlert,
  groupingFor,
  type Incident,
  incidentFromAlert,
  MAX_ALERTS_PER_INCIDENT,
} from "../streams/incidents/mod.ts";
import { CORRELATION_INCIDENT_CONFIGURATION, CORRELATION_RULE_ID } from "../streams/correlation/mod.ts";
import {
  applyAutomation,
  type AutomationRule,
  type AutomationTrigger,
  matchingRules,
} from "../streams/automation/mod.ts";
import type { DocumentStore } from "./nats/document_store.ts";
import type { PlaybookJob } from "./playbook_runner.ts";
import type { Logger } from "./log.ts";
import type { IncidentStore } from "./nats/incident_store.ts";
import type { RuleStore } from "./nats/rule_store.ts";
import { TOPOLOGY } from "./nats/topology.ts";

const CONSUMER = "siem-incidents";

/** A running worker. */
export interface IncidentsWorker {
  stop(): Promise<void>;
}

/**
 * File one alert. Exported for tests.
 *
 * @param alert the alert
 * @param options stores and clock
 * @returns the incident it went to, or undefined when the rule creates none
 */
export async function fileAlert(
  alert: SecurityAlert,
  options: { incidents: IncidentStore; rules: RuleStore; now: Date; automation?: Automation },
): Promise<Incident | undefined> {
  const { incidents, now } = options;
  const automate = async (incident: Incident, trigger: AutomationTrigger) =>
    options.automation
      ? await runAutomation(incident, trigger, { ...options.automation, incidents, now })
      : incident;
  const config = alert.RuleId === CORRELATION_RULE_ID
    ? CORRELATION_INCIDENT_CONFIGURATION
    : options.rules.get(alert.RuleId)?.rule.incidentConfiguration;
  const decision = groupingFor(alert, config);
  if (!decision.create) return undefined;
  if (decision.key !== undefined) {
    const id = await incidents.groupGet(decision.key);
    const current = id ? await incidents.get(id) : undefined;
    if (current) {
      const inc = current.incident;
      const withinLookback = Date.parse(inc.LastActivityTime) * 1000 + decision.lookbackMicros >=
        Date.parse(alert.EndTime) * 1000;
      const open = inc.Status !== "Closed" || decision.reopenClosed;
      if (inc.AlertIds.includes(alert.SystemAlertId)) return inc;
      if (withinLookback && open && inc.AlertIds.length < MAX_ALERTS_PER_INCIDENT) {
        const updated = await incidents.update(
          inc.IncidentName,
          (i) => addAlert(i, alert, { now, reopen: decision.reopenClosed }),
        );
        // An alert added is an update, as in Sentinel ("Alerts added" is an update trigger condition).
        if (updated) return await automate(updated.incident, "incidentUpdated");
      }
    }
  }
  // An incident's id derives from the alert that opened it, so a redelivered alert finds it again.
  const id = stableGuid(`incident:${alert.SystemAlertId}`);
  const existing = await incidents.get(id);
  if (existing) return existing.incident;
  const incident = incidentFromAlert(alert, {
    id,
    number: await incidents.nextNumber(),
    groupingKey: decision.key ?? "",
    now,
  });
  await incidents.create(incident);
  if (decision.key !== undefined) await incidents.groupSet(decision.key, id);
  return await automate(incident, "incidentCreated");
}

/** Automation rules and where their playbook runs go. */
export interface Automation {
  readonly rules: DocumentStore<AutomationRule>;
  readonly queue: (job: PlaybookJob, dedupKey: string) => Promise<void>;
}

/**
 * Run the automation rules that match an incident change, in order, then queue their playbooks.
 * Changes made by automation do not trigger automation again (no loops). Exported for the incidents API, whose
 * changes by analysts are updates too.
 *
 * @param incident the incident as the change left it
 * @param trigger what happened
 * @param options rules, playbook queue, store, clock; `changeKey` names the change, so that a playbook is queued
 *   once per change (default: the number of alerts, which grows with each alert added)
 * @returns the incident after the automation's own changes
 */
export async function runAutomation(
  incident: Incident,
  trigger: AutomationTrigger,
  options: Automation & { incidents: IncidentStore; now: Date; changeKey?: string },
): Promise<Incident> {
  let current = incident;
  for (const rule of matchingRules(options.rules.list(), incident, trigger)) {
    let playbooks: string[] = [];
    const updated = await options.incidents.update(current.IncidentName, (i) => {
      const result = applyAutomation(i, rule, options.now);
      playbooks = result.playbooks;
      return result.incident;
    });
    if (updated) current = updated.incident;
    for (const playbookId of playbooks) {
      await options.queue(
        { playbookId, incidentId: current.IncidentName, reason: `automation:${rule.id}` },
        `${current.IncidentName}:${rule.id}:${playbookId}:${options.changeKey ?? current.AlertIds.length}`,
      );
    }
  }
  return current;
}

/**
 * Start filing alerts into incidents.
 *
 * @param options connection, stores, logger
 * @returns the worker
 */
export async function startIncidentsWorker(
  options: {
    nc: NatsConnection;
    incidents: IncidentStore;
    rules: RuleStore;
    logger: Logger;
    automation?: Automation;
  },
): Promise<IncidentsWorker> {
  const { nc, logger: log } = options;
  const jsm = await jetstreamManager(nc);
  await jsm.consumers.add(TOPOLOGY.alerts.stream, {
    durable_name: CONSUMER,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: 30_000_000_000,
    max_deliver: -1,
  }).catch(async () => {
    // exists already (another node or an earlier start): use it as is
    await jsm.consumers.info(TOPOLOGY.alerts.stream, CONSUMER);
  });
  const consumer = await jetstream(nc).consumers.get(TOPOLOGY.alerts.stream, CONSUMER);
  const messages = await consumer.consume();
  const running = (async () => {
    for await (const m of messages) {
      try {
        const alert = m.json<SecurityAlert>();
        await fileAlert(alert, {
          incidents: options.incidents,
          rules: options.rules,
          now: new Date(),
          automation: options.automation,
        });
        m.ack();
      } catch (error) {
        log.error("Filing an alert into an incident failed; it will be redelivered", { error, seq: m.seq });
        m.nak(1000);
      }
    }
  })();
  return {
    async stop() {
      messages.stop();
      await running.catch(() => {});
    },
  };
}
