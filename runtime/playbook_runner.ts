/**
 * Playbook delivery: jobs on the JetStream work queue `SIEM_PLAYBOOKS` (`siem.playbooks.run`), delivered at least
 * once with exponential back-off (1 s, 2 s, 4 s, ... up to 1 min) until the playbook's `maxAttempts`; after the
 * last failure the job goes to `siem.deadletter.playbook`. Every outcome is written on the incident's audit trail;
 * an ITSM template's ticket is added to the incident (`Labels` gets `ticket:<id>`, `History` the link).
 */
import type { NatsConnection } from "@nats-io/nats-core";
import { AckPolicy, jetstream, jetstreamManager, RetentionPolicy, StorageType } from "@nats-io/jetstream";
import { type Playbook, playbookRequest, signature, ticketFrom } from "../streams/automation/mod.ts";
import type { Incident } from "../streams/incidents/mod.ts";
import type { Logger } from "./log.ts";
import type { DocumentStore } from "./nats/document_store.ts";
import type { IncidentStore } from "./nats/incident_store.ts";

export const PLAYBOOK_STREAM = "SIEM_PLAYBOOKS";
const SUBJECT = "siem.playbooks.run";
const CONSUMER = "siem-playbooks";

/** One queued run. */
export interface PlaybookJob {
  readonly playbookId: string;
  readonly incidentId: string;
  /** Why: the automation rule that queued it. */
  readonly reason: string;
}

/**
 * Create the work-queue stream (idempotent).
 *
 * @param nc the connection
 * @param replicas stream replicas
 */
export async function ensurePlaybookQueue(nc: NatsConnection, replicas: number): Promise<void> {
  const jsm = await jetstreamManager(nc);
  const exists = await jsm.streams.info(PLAYBOOK_STREAM).then(() => true, () => false);
  if (!exists) {
    await jsm.streams.add({
      name: PLAYBOOK_STREAM,
      subjects: [SUBJECT],
      retention: RetentionPolicy.Workqueue,
      storage: StorageType.File,
      num_replicas: replicas,
      duplicate_window: 10 * 60 * 1e9,
    });
  }
}

/**
 * Queue a playbook run; the same `dedupKey` within 10 minutes queues nothing twice.
 *
 * @param nc the connection
 * @param job the run
 * @param dedupKey identity of the run
 */
export async function queuePlaybook(nc: NatsConnection, job: PlaybookJob, dedupKey: string): Promise<void> {
  await jetstream(nc).publish(SUBJECT, JSON.stringify(job), { msgID: dedupKey });
}

/**
 * Start delivering playbook runs.
 *
 * @param options connection, stores, logger, and `fetch` (tests may pass their own)
 * @returns a stop function
 */
export async function startPlaybookRunner(options: {
  nc: NatsConnection;
  playbooks: DocumentStore<Playbook>;
  incidents: IncidentStore;
  logger: Logger;
  fetch?: typeof fetch;
}): Promise<{ stop(): Promise<void> }> {
  const { nc, logger: log } = options;
  const doFetch = options.fetch ?? fetch;
  const jsm = await jetstreamManager(nc);
  await jsm.consumers.add(PLAYBOOK_STREAM, {
    durable_name: CONSUMER,
    ack_policy: AckPolicy.Explicit,
    ack_wait: 60 * 1e9,
    max_deliver: -1,
  }).catch(() => {});
  const consumer = await jetstream(nc).consumers.get(PLAYBOOK_STREAM, CONSUMER);
  const messages = await consumer.consume();
  const note = async (
    incidentId: string,
    action: string,
    change: (i: Incident) => Partial<Incident> = () => ({}),
  ) => {
    await options.incidents.update(incidentId, (i) => ({
      ...i,
      ...change(i),
      LastModifiedTime: new Date().toISOString(),
      History: [...i.History, { time: new Date().toISOString(), actor: "playbook", action }],
    })).catch((error) => log.warn("Cannot record a playbook outcome on the incident", { incidentId, error }));
  };

  const running = (async () => {
    for await (const m of messages) {
      const job = m.json<PlaybookJob>();
      const attempt = m.info.deliveryCount;
      const playbook = options.playbooks.get(job.playbookId);
      const found = await options.incidents.get(job.incidentId);
      if (!playbook || !found) {
        await note(
          job.incidentId,
          `Playbook ${job.playbookId} not run: ${!playbook ? "no such playbook" : "no such incident"}`,
        );
        m.term();
        continue;
      }
      let failure: string;
      try {
        const request = playbookRequest(playbook, found.incident);
        const headers = { ...request.headers };
        if (playbook.secret) {
          Object.assign(
            headers,
            await signature(request.body, playbook.secret, Math.floor(Date.now() / 1000)),
          );
        }
        headers["X-Siem-Delivery"] = `${m.info.streamSequence}`;
        const response = await doFetch(request.url, {
          method: request.method,
          headers,
          body: request.body,
          signal: AbortSignal.timeout(playbook.timeoutSeconds * 1000),
        });
        const text = await response.text();
        if (response.ok) {
          let ticket: { id: string; url: string } | undefined;
          try {
            ticket = ticketFrom(playbook, JSON.parse(text));
          } catch {
            ticket = undefined;
          }
          await note(
            job.incidentId,
            `Playbook ${playbook.name} succeeded (HTTP ${response.status}, attempt ${attempt})${
              ticket ? `: ticket ${ticket.id} ${ticket.url}` : ""
            }`,
            (i) => (ticket ? { Labels: [...new Set([...i.Labels, `ticket:${ticket.id}`])] } : {}),
          );
          m.ack();
          continue;
        }
        failure = `HTTP ${response.status}: ${text.slice(0, 200)}`;
      } catch (error) {
        failure = (error as Error).name === "TimeoutError"
          ? `no answer within ${playbook.timeoutSeconds} s`
          : (error as Error).message;
      }
      if (attempt >= playbook.maxAttempts) {
        log.warn("Playbook failed for good", { playbook: playbook.id, incident: job.incidentId, failure });
        await jetstream(nc).publish(
          "siem.deadletter.playbook",
          JSON.stringify({
            source: "playbook",
            index: 0,
            reason: `Playbook ${playbook.id} failed after ${attempt} attempts: ${failure}`,
            raw: JSON.stringify(job),
            receivedAt: new Date().toISOString(),
          }),
        ).catch(() => {});
        await note(job.incidentId, `Playbook ${playbook.name} failed after ${attempt} attempts: ${failure}`);
        m.term();
      } else {
        m.nak(Math.min(1000 * 2 ** (attempt - 1), 60_000));
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
