/**
 * The detection role: feeds the event stream into the detection engine, keeps its rules in step with the rule
 * store, publishes alerts to `siem.alerts.{severity}.{ruleId}` with `Nats-Msg-Id: SystemAlertId`, and checkpoints
 * the engine's firing state in the KV bucket `siem_detect_state`.
 *
 * On start it replays the events still needed by the longest rule window (from the stream, by time) and only then
 * lets scheduled instants fire, so a restarted worker sees the same windows as before; the checkpoint tells which
 * instants already fired, so no alert is lost or raised a second time.
 */
import { headers as natsHeaders, type NatsConnection } from "@nats-io/nats-core";
import { DeliverPolicy, jetstream, jetstreamManager } from "@nats-io/jetstream";
import { Kvm } from "@nats-io/kv";
import { Catalog } from "../query/symbols/mod.ts";
import type { SecurityAlert } from "../streams/alerts/mod.ts";
import { DetectionEngine, type FiringState } from "../streams/detect/mod.ts";
import type { CustomTables } from "../connectors/http/custom_tables.ts";
import type { Logger } from "./log.ts";
import type { Metrics } from "./http/metrics.ts";
import type { RuleStore, StoredRule } from "./nats/rule_store.ts";
import { TOPOLOGY } from "./nats/topology.ts";

const STATE_KEY = "engine";
const TICK_MS = 200;
/** How far back a fresh worker replays when no rule needs more (covers NRT and short windows). */
const MIN_REPLAY_MICROS = 15 * 60_000_000;

/** What the worker needs. */
export interface DetectWorkerOptions {
  readonly nc: NatsConnection;
  readonly rules: RuleStore;
  readonly customTables: CustomTables;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Allowed lateness of events, microseconds. */
  readonly latenessMicros?: number;
  /** Wall clock, microseconds (tests pin it). */
  readonly clock?: () => number;
}

/** A running worker. */
export interface DetectWorker {
  stop(): Promise<void>;
}

/** Alert subject: severity and rule id, the rule id reduced to characters a subject token allows. */
export function alertSubject(alert: SecurityAlert): string {
  const ruleToken = alert.RuleId.replace(/[^A-Za-z0-9_-]/g, "_") || "unknown";
  return `siem.alerts.${alert.AlertSeverity.toLowerCase()}.${ruleToken}`;
}

/**
 * Start the detection role.
 *
 * @param options connection, stores, logger
 * @returns the worker
 */
export async function startDetectWorker(options: DetectWorkerOptions): Promise<DetectWorker> {
  const { nc, rules, logger: log, metrics } = options;
  const clock = options.clock ?? (() => Date.now() * 1000);
  const js = jetstream(nc);
  const stateKv = await new Kvm(nc).create(TOPOLOGY.detectStateBucket, { history: 1 });
  const saved = await stateKv.get(STATE_KEY);
  const state = saved?.operation === "PUT" ? saved.json<FiringState>() : undefined;
  let catalog = Catalog.builtin();
  const refreshCatalog = () => {
    catalog = Catalog.builtin().withTables(options.customTables.list()).catalog;
  };
  refreshCatalog();

  const ruleErrors = new Map<string, string>();
  const engine = new DetectionEngine({
    catalog: () => catalog,
    latenessMicros: options.latenessMicros,
    state,
    publish: async (alerts) => {
      await Promise.all(alerts.map((alert) => {
        const h = natsHeaders();
        h.set("Siem-Rule-Id", alert.RuleId);
        return js.publish(alertSubject(alert), JSON.stringify(alert), {
          msgID: alert.SystemAlertId,
          headers: h,
        });
      }));
      for (const alert of alerts) {
        metrics.inc("siem_alerts_total", "Alerts raised, by rule and severity", {
          rule: alert.RuleId,
          severity: alert.AlertSeverity,
        });
      }
    },
    onRuleError: (ruleId, message) => {
      metrics.inc("siem_rule_errors_total", "Rule evaluations that failed, by rule", { rule: ruleId });
      if (ruleErrors.get(ruleId) !== message) log.warn("Rule evaluation failed", { ruleId, message });
      ruleErrors.set(ruleId, message);
    },
  });

  const apply = (r: StoredRule) => engine.upsertRule({ id: r.id, rule: r.rule, enabled: r.enabled }, clock());
  for (const r of rules.list()) apply(r);
  const unsubscribe = rules.subscribe((change) => {
    if (change.kind === "put") apply(change.rule);
    else engine.removeRule(change.id);
  });

  // Replay what the longest window still needs, then follow the stream.
  const longest = Math.max(
    MIN_REPLAY_MICROS,
    ...rules.list().map((r) => (r.rule.queryPeriod ?? 0) + (r.rule.queryFrequency ?? 0)),
  );
  const jsm = await jetstreamManager(nc);
  const caughtUpAt = (await jsm.streams.info(TOPOLOGY.events.stream)).state.last_seq;
  let caughtUp = caughtUpAt === 0;
  const consumer = await js.consumers.get(TOPOLOGY.events.stream, {
    deliver_policy: DeliverPolicy.StartTime,
    opt_start_time: new Date((clock() - longest - (options.latenessMicros ?? 5_000_000)) / 1000)
      .toISOString(),
  });
  const messages = await consumer.consume();
  const decoder = new TextDecoder();
  let dirty = false;
  let work = Promise.resolve();
  const feeding = (async () => {
    for await (const m of messages) {
      const table = m.subject.slice("siem.events.".length);
      const rows: Record<string, unknown>[] = [];
      for (const line of decoder.decode(m.data).split("\n")) {
        if (line === "") continue;
        try {
          rows.push(JSON.parse(line));
        } catch {
          // written by ingest, so always JSON; a foreign publisher's garbage is skipped, not fatal
        }
      }
      if (options.customTables.get(table) && !catalog.get(table)) refreshCatalog();
      work = work.then(() => engine.ingest(table, rows, { sequence: m.seq, now: clock() })).catch((error) =>
        log.error("Detection failed on an event batch", { table, error })
      );
      await work;
      dirty = true;
      if (!caughtUp && m.seq >= caughtUpAt) {
        caughtUp = true;
        log.info("Detection caught up with the event stream", { sequence: m.seq });
      }
    }
  })();

  let stopped = false;
  const tick = async () => {
    if (!caughtUp) return;
    const evaluations = await engine.advance(clock());
    if (evaluations > 0 || dirty) {
      dirty = false;
      await stateKv.put(STATE_KEY, JSON.stringify(engine.state()));
    }
    metrics.set("siem_detect_buffered_events", "Events held in detection windows", {}, engine.bufferedEvents);
  };
  let ticking = Promise.resolve();
  const timer = setInterval(() => {
    if (stopped) return;
    ticking = ticking.then(() => work).then(tick).catch((error) =>
      log.error("Detection tick failed", { error })
    );
  }, TICK_MS);

  log.info("Detection started", {
    rules: rules.list().length,
    replayFrom: `${Math.round(longest / 60e6)}m ago`,
  });
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      unsubscribe();
      messages.stop();
      await feeding.catch(() => {});
      await ticking;
      await stateKv.put(STATE_KEY, JSON.stringify(engine.state())).catch(() => {});
    },
  };
}
