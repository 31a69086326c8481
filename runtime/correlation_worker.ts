/**
 * The correlation role: follows SIEM_ALERTS, links alerts through shared entities (streams/correlation) and
 * publishes a multi-stage alert to `siem.alerts.high.siem-correlation` whenever a qualifying chain grows.
 *
 * Its state is rebuilt on start by replaying the alerts of the horizon; nothing is published until the replay
 * has caught up, and correlated alert ids are deterministic, so a restart raises nothing twice.
 */
import { headers as natsHeaders, type NatsConnection } from "@nats-io/nats-core";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { alertRow, type SecurityAlert } from "../streams/alerts/mod.ts";
import { rowHeaders } from "./nats/event_publisher.ts";
import { CORRELATION_RULE_ID, Correlator } from "../streams/correlation/mod.ts";
import type { Logger } from "./log.ts";
import { eventSubject, TOPOLOGY } from "./nats/topology.ts";
import { orderedConsumerFrom } from "./nats/ordered_consumer.ts";

const HORIZON_MICROS = 24 * 3600e6;

/** A running worker. */
export interface CorrelationWorker {
  stop(): Promise<void>;
}

/**
 * Start correlating.
 *
 * @param options connection and logger
 * @returns the worker
 */
export async function startCorrelationWorker(
  options: { nc: NatsConnection; logger: Logger },
): Promise<CorrelationWorker> {
  const { nc, logger: log } = options;
  const js = jetstream(nc);
  const correlator = new Correlator({ horizonMicros: HORIZON_MICROS });
  const caughtUpAt = (await (await jetstreamManager(nc)).streams.info(TOPOLOGY.alerts.stream)).state.last_seq;
  // From a sequence, not a time: see ordered_consumer.ts (a time-based ordered consumer stalls after a reset).
  const consumer = await orderedConsumerFrom(nc, TOPOLOGY.alerts.stream, Date.now() - HORIZON_MICROS / 1000);
  const messages = await consumer.consume();
  const running = (async () => {
    for await (const m of messages) {
      let alert: SecurityAlert;
      try {
        alert = m.json<SecurityAlert>();
      } catch {
        continue; // not an alert of ours
      }
      const correlated = correlator.add(alert);
      if (!correlated || m.seq <= caughtUpAt) continue;
      try {
        const h = natsHeaders();
        h.set("Siem-Rule-Id", CORRELATION_RULE_ID);
        await js.publish(`siem.alerts.high.${CORRELATION_RULE_ID}`, JSON.stringify(correlated), {
          msgID: correlated.SystemAlertId,
          headers: h,
        });
        await js.publish(eventSubject("SecurityAlert"), JSON.stringify(alertRow(correlated)), {
          msgID: `row:${correlated.SystemAlertId}`,
          headers: rowHeaders("SecurityAlert", "correlation"),
        });
        log.info("Multi-stage attack correlated", {
          alert: correlated.SystemAlertId,
          name: correlated.AlertName,
        });
      } catch (error) {
        log.error("Publishing a correlated alert failed", { error });
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
