/**
 * The detection role: feeds the event stream into the detection engine, keeps its rules in step with the rule
 * store, publishes alerts to `siem.alerts.{severity}.{ruleId}` with `Nats-Msg-Id: SystemAlertId`, and checkpoints
 * the engine's firing state in the KV bucket `siem_detect_state`.
 *
 * On start it replays the events still needed by the longest rule window (from the stream, by time) and only then
 * lets scheduled instants fire, so a restarted worker sees the same windows as before; the checkpoint tells which
 * instants already fired, so no alert is lost or raised a second time.
 *
 * Scale-out: several workers (`siem start --roles detect`) share the rules. Each announces itself in the KV bucket
 * `siem_detect_members` (entries expire after 8 s without a heartbeat) and evaluates the rules that rendezvous
 * hashing gives it. A worker decodes and keeps only the events of the tables its rules read (the others pass by
 * undecoded), and runs only its own rules' per-event plans, so the event load is shared; the owner of a rule
 * still sees every event of the rule's tables, so its counts never split across workers. When a worker leaves,
 * its rules move: the new owner first reads the stored events of any table it did not follow yet (up to where its
 * feed stands, so nothing is read twice or missed), then resumes from the rule's checkpoint (`rule.<id>` in
 * `siem_detect_state`). During a hand-over two workers may briefly evaluate the same rule; they raise the same
 * alert ids, which JetStream's Nats-Msg-Id dedup drops.
 *
 * With event shards (`shards` > 0, detect_shards.ts), the rules whose plans merge exactly are not fed by their
 * owner's feed: every worker computes its shards' share of them, and the owner merges the shares. The owner then
 * reads none of those rules' events itself.
 */
import { headers as natsHeaders, type NatsConnection } from "@nats-io/nats-core";
import { DeliverPolicy, jetstream, jetstreamManager } from "@nats-io/jetstream";
import { Kvm } from "@nats-io/kv";
import { Catalog } from "../query/symbols/mod.ts";
import { alertRow, type SecurityAlert } from "../streams/alerts/mod.ts";
import { decodeEventRows, rowHeaders } from "./nats/event_publisher.ts";
import { type DecodedBatch, DetectionEngine, ownerOf, type RuleFiringState } from "../streams/detect/mod.ts";
import type { CustomTables } from "../connectors/http/custom_tables.ts";
import type { Logger } from "./log.ts";
import type { Metrics } from "./http/metrics.ts";
import type { RuleStore, StoredRule } from "./nats/rule_store.ts";
import type { Workspace } from "./workspace.ts";
import { eventSubject, TOPOLOGY } from "./nats/topology.ts";
import { orderedConsumerFrom, sequenceAt } from "./nats/ordered_consumer.ts";
import { ShardExchange } from "./detect_shards.ts";

const TICK_MS = 200;
/** Batches kept for NRT hand-over replays (about the last few minutes at moderate rates). */
const RECENT_BATCHES = 20_000;
const HEARTBEAT_MS = 2000;
/** A worker whose heartbeat is older than this is gone; its rules move to the others. */
const MEMBER_TTL_MS = 8000;
/** How far back a fresh worker replays when no rule needs more (covers NRT and short windows). */
const MIN_REPLAY_MICROS = 15 * 60_000_000;

/** What the worker needs. */
export interface DetectWorkerOptions {
  readonly nc: NatsConnection;
  readonly rules: RuleStore;
  readonly customTables: CustomTables;
  /** Stored functions and watchlists rules may call; a change re-binds the rules that call them. */
  readonly workspace?: Pick<Workspace, "extend" | "subscribe">;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Allowed lateness of events, microseconds. */
  readonly latenessMicros?: number;
  /** Wall clock, microseconds (tests pin it). */
  readonly clock?: () => number;
  /** Event shards (SIEM_DETECT_SHARDS; 0 or absent: rules are shared, events are not). */
  readonly shards?: number;
}

/** What the health API shows of a worker: how far behind the event stream it is and which rules fail. */
export interface DetectionHealth {
  readonly caughtUp: boolean;
  /** Event stream messages still to read, as of the last one read. */
  readonly pendingMessages: number;
  /** Seconds between storing the last message read and reading it. */
  readonly lagSeconds: number;
  readonly ownedRules: number;
  /** The last error of each rule whose evaluation failed (cleared when the rule changes). */
  readonly ruleErrors: readonly {
    readonly ruleId: string;
    readonly message: string;
    readonly count: number;
  }[];
}

/** A running worker. */
export interface DetectWorker {
  health(): DetectionHealth;
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
  const kvm = new Kvm(nc);
  const stateKv = await kvm.create(TOPOLOGY.detectStateBucket, { history: 1 });
  const membersKv = await kvm.create(TOPOLOGY.detectMembersBucket, { history: 1, ttl: MEMBER_TTL_MS });
  const me = `${Deno.hostname()}-${Deno.pid}-${crypto.randomUUID().slice(0, 8)}`.replace(
    /[^A-Za-z0-9_-]/g,
    "_",
  );
  await membersKv.put(`m.${me}`, new Date().toISOString());
  let members = [me];
  const owned = new Set<string>();
  // Recent decoded batches, so that a worker taking over an NRT rule can evaluate what arrived meanwhile.
  const recent: DecodedBatch[] = [];
  const remember = (batch: DecodedBatch) => {
    recent.push(batch);
    if (recent.length > RECENT_BATCHES) recent.splice(0, recent.length - RECENT_BATCHES);
  };
  const persisted = new Map<string, string>();
  let catalog = Catalog.builtin();
  const refreshCatalog = () => {
    const tables = Catalog.builtin().withTables(options.customTables.list()).catalog;
    catalog = options.workspace ? options.workspace.extend(tables) : tables;
  };
  refreshCatalog();

  const ruleErrors = new Map<string, string>();
  let stopped = false;
  const shards = options.shards ?? 0;
  let exchange: ShardExchange | undefined;
  const engine: DetectionEngine = new DetectionEngine({
    catalog: () => catalog,
    latenessMicros: options.latenessMicros,
    contributions: shards > 0,
    // A sharded rule is evaluated once its owner has merged the shard logs written so far.
    owns: (ruleId): boolean =>
      owned.has(ruleId) && (!engine.isSharded(ruleId) || (exchange?.ready(ruleId) ?? false)),
    publish: async (alerts) => {
      // Retried until JetStream acknowledges (the ids make retries harmless): the engine has already taken the
      // batch, so giving up here would lose its alerts for good while NATS restarts or elects a leader.
      await untilPublished(
        () =>
          Promise.all(alerts.map((alert) => {
            const h = natsHeaders();
            h.set("Siem-Rule-Id", alert.RuleId);
            return Promise.all([
              js.publish(alertSubject(alert), JSON.stringify(alert), {
                msgID: alert.SystemAlertId,
                headers: h,
              }),
              // The same alert as a SecurityAlert row, so KQL (hunting and rules) can read it like any event.
              js.publish(eventSubject("SecurityAlert"), JSON.stringify(alertRow(alert)), {
                msgID: `row:${alert.SystemAlertId}`,
                headers: rowHeaders("SecurityAlert", "detection"),
              }),
            ]);
          })),
        () => stopped || nc.isClosed(),
        log,
      );
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

  const apply = (r: StoredRule) => {
    ruleErrors.delete(r.id); // a changed rule starts with a clean slate
    engine.upsertRule({ id: r.id, rule: r.rule, enabled: r.enabled }, clock());
    // An edited rule of ours may read a table we did not follow: read it before the rule's next instant.
    if (owned.has(r.id) && !engine.isSharded(r.id)) void follow(engine.sourcesOf(r.id));
  };
  for (const r of rules.list()) apply(r);
  const unsubscribe = rules.subscribe((change) => {
    if (change.kind === "put") apply(change.rule);
    else {
      ruleErrors.delete(change.id);
      engine.removeRule(change.id);
    }
  });
  // A function or watchlist edit: a new catalog for every evaluation from now on, and the rules whose query
  // names a changed function are bound again (their sources may have changed).
  const unsubscribeWorkspace = options.workspace?.subscribe((names) => {
    refreshCatalog();
    const affected = new Set(names);
    for (let grew = true; grew;) {
      grew = false;
      for (const fn of catalog.functions()) {
        if (affected.has(fn.name) || ![...affected].some((n) => fn.body.includes(n))) continue;
        affected.add(fn.name);
        grew = true;
      }
    }
    for (const r of rules.list()) if ([...affected].some((n) => r.rule.query.includes(n))) apply(r);
  });

  // Replay what the longest window still needs, then follow the stream.
  const lateness = options.latenessMicros ?? 5_000_000;
  const longestWindow = () =>
    Math.max(
      MIN_REPLAY_MICROS,
      ...rules.list().map((r) => (r.rule.queryPeriod ?? 0) + (r.rule.queryFrequency ?? 0)),
    );
  const longest = longestWindow();
  const jsm = await jetstreamManager(nc);
  if (shards > 0) {
    exchange = await ShardExchange.start({
      nc,
      js,
      jsm,
      engine,
      shards,
      me,
      log,
      metrics,
      clock,
      reachOf: (ruleId) => {
        const rule = rules.get(ruleId)?.rule;
        return (rule?.queryPeriod ?? 0) + (rule?.queryFrequency ?? 0) + lateness + 60_000_000;
      },
    });
  }
  const caughtUpAt = (await jsm.streams.info(TOPOLOGY.events.stream)).state.last_seq;
  let caughtUp = caughtUpAt === 0;
  /** Tables whose events this worker decodes and keeps: those its rules read. It only grows. */
  const followed = new Set<string>();
  /** The last stream sequence the feed handed to the engine or passed by (0: none yet). */
  let fedSequence = 0;
  const ingest = async (table: string, data: Uint8Array, sequence: number) => {
    const rows = decodeEventRows(data);
    if (options.customTables.get(table) && !catalog.get(table)) refreshCatalog();
    return await engine.ingest(table, rows, { sequence, now: clock() });
  };
  // Serializes the feed and backfills: a backfill runs between two messages of the feed.
  let work = Promise.resolve();

  /**
   * Start following `tables`: read their stored events of the longest window up to where the feed stands, so
   * that a rule taken over finds its whole window; later messages come through the feed.
   */
  const follow = async (tables: readonly string[]) => {
    const fresh = tables.filter((t) => !followed.has(t));
    if (fresh.length === 0) return;
    const run = async () => {
      const upTo = fedSequence;
      if (upTo > 0) {
        const read = await backfill(fresh, upTo);
        log.info("Detection read the stored events of tables it now follows", {
          tables: fresh,
          batches: read,
        });
      }
      for (const t of fresh) followed.add(t);
    };
    const done = work.then(run);
    work = done.catch((error) => log.error("Detection could not read a table's stored events", { error }));
    await done;
  };
  const backfill = async (tables: readonly string[], upTo: number): Promise<number> => {
    const from = await sequenceAt(nc, TOPOLOGY.events.stream, (clock() - longestWindow() - lateness) / 1000);
    if (from > upTo) return 0;
    const batches: DecodedBatch[] = [];
    // One table at a time: nats-server before 2.10 takes a single filter subject per consumer.
    for (const table of tables) {
      const consumer = await js.consumers.get(TOPOLOGY.events.stream, {
        filter_subjects: eventSubject(table),
        deliver_policy: DeliverPolicy.StartSequence,
        opt_start_seq: from,
      });
      if ((await consumer.info()).num_pending === 0) continue;
      const messages = await consumer.consume({ expires: 5000 });
      try {
        for await (const m of messages) {
          if (m.seq > upTo) break;
          const batch = await ingest(table, m.data, m.seq);
          if (batch) batches.push(batch);
          if (m.seq === upTo || m.info.pending === 0) break;
        }
      } finally {
        messages.stop();
      }
    }
    // NRT hand-overs replay `recent` in stream order.
    for (const b of batches) remember(b);
    recent.sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0));
    return batches.length;
  };

  // Which rules are ours decides which tables to read, before the first event is read.
  await rebalanceRules();
  const consumer = await orderedConsumerFrom(
    nc,
    TOPOLOGY.events.stream,
    (clock() - longest - lateness) / 1000,
  );
  // Short pulls: after a reconnect the consumer re-checks itself once per `expires` (default 30 s), so a restarted
  // nats-server would otherwise leave detection idle for up to half a minute.
  const messages = await consumer.consume({ expires: 5000 });
  let dirty = false;
  const lag = { pending: 0, seconds: 0, storedMicros: 0 };
  const feeding = (async () => {
    for await (const m of messages) {
      const table = m.subject.slice("siem.events.".length);
      work = work.then(async () => {
        fedSequence = m.seq;
        // No rule of ours reads it: not even decoded (follow() reads it from the stream if that changes).
        let batch: DecodedBatch | undefined;
        if (followed.has(table)) {
          batch = await ingest(table, m.data, m.seq);
          if (batch) remember(batch);
        }
        exchange?.onEvent(table, m.seq, Math.floor(m.info.timestampNanos / 1000), m.data, batch);
      }).catch((error) => log.error("Detection failed on an event batch", { table, error }));
      await work;
      lag.pending = m.info.pending;
      lag.storedMicros = Math.floor(m.info.timestampNanos / 1000);
      lag.seconds = Math.max(0, (Date.now() - m.info.timestampNanos / 1e6) / 1000);
      metrics.set(
        "siem_detect_lag_seconds",
        "Seconds from storing an event to detection reading it",
        {},
        lag.seconds,
      );
      metrics.set(
        "siem_detect_pending_messages",
        "Event stream messages detection has yet to read",
        {},
        lag.pending,
      );
      dirty = true;
      if (!caughtUp && m.seq >= caughtUpAt) {
        caughtUp = true;
        log.info("Detection caught up with the event stream", { sequence: m.seq });
      }
    }
  })();

  /**
   * Recompute which rules are ours: follow the tables they read, then take over each new rule's checkpoint before
   * evaluating it.
   */
  async function rebalanceRules() {
    const live: string[] = [];
    for await (const key of await membersKv.keys("m.>")) live.push(key.slice(2));
    members = live.includes(me) ? live : [...live, me];
    const known = new Set(engine.ruleIds());
    for (const id of owned) {
      if (!known.has(id)) {
        owned.delete(id);
        persisted.delete(id);
      }
    }
    const mine = [...known].filter((id) => ownerOf(id, members) === me);
    // Sharded rules' events come as their shards' contributions, not through this worker's own feed.
    await follow([
      ...new Set(mine.filter((id) => !engine.isSharded(id)).flatMap((id) => engine.sourcesOf(id))),
    ]);
    for (const id of known) {
      const ours = mine.includes(id);
      if (ours && !owned.has(id)) {
        const saved = await stateKv.get(`rule.${id}`);
        if (saved?.operation === "PUT") {
          engine.restoreRule(id, saved.json<RuleFiringState>());
          // Only a rule someone evaluated before has a position to resume from; a new rule starts now.
          if (caughtUp) await engine.replayNrt(id, recent, clock());
        }
        owned.add(id);
      } else if (!ours && owned.has(id)) {
        owned.delete(id);
        persisted.delete(id);
      }
    }
    if (exchange) {
      exchange.rebalance(members, owned, [...known]);
      metrics.set(
        "siem_detect_sharded_rules",
        "Rules whose events are split among the detection workers by event shard",
        {},
        [...known].filter((id) => engine.isSharded(id)).length,
      );
    }
    metrics.set("siem_detect_owned_rules", "Rules this detection worker evaluates", {}, owned.size);
    metrics.set("siem_detect_workers", "Detection workers alive", {}, members.length);
    metrics.set(
      "siem_detect_followed_tables",
      "Tables whose events this detection worker reads",
      {},
      followed.size,
    );
  }
  const checkpoint = async () => {
    for (const id of owned) {
      const json = JSON.stringify(engine.ruleState(id));
      if (persisted.get(id) === json) continue;
      await stateKv.put(`rule.${id}`, json);
      persisted.set(id, json);
    }
  };
  let lastRebalance = 0;
  /**
   * The clock that closes windows: the wall clock once every message stored before now has been read, else the
   * time the last message read was stored. So a window never closes before the events stored within its allowed
   * lateness have been read, even when this worker falls behind under load, or when messages are on their way
   * to it (the last message's pending count does not see those).
   */
  const streamClock = async (): Promise<number> => {
    const now = clock(); // before asking: whatever was stored by now has a sequence up to the answer's last one
    try {
      const { state } = await jsm.streams.info(TOPOLOGY.events.stream);
      // Sharded rules' windows also wait for every shard's log to cover what was stored.
      const shardClock = exchange?.clock(now, state.last_seq) ?? Infinity;
      if (fedSequence >= state.last_seq) return Math.min(now, shardClock);
      return Math.min(now, lag.storedMicros, shardClock);
    } catch {
      // NATS unreachable: nothing new can be stored either; the shard logs stand where they were read.
      const shardClock = exchange?.clock(now, Infinity) ?? Infinity;
      return Math.min(lag.pending === 0 ? now : lag.storedMicros, shardClock);
    }
  };
  const tick = async () => {
    if (Date.now() - lastRebalance >= 1000) {
      lastRebalance = Date.now();
      await rebalanceRules();
    }
    if (!caughtUp) return;
    if (exchange) {
      const shardWork = work.then(() => exchange!.catchUp(fedSequence)).then(() => exchange!.flush());
      work = shardWork.catch((error) => log.error("Detection could not compute its event shards", { error }));
      await shardWork.catch(() => {});
    }
    await engine.advance(await streamClock());
    if (dirty || owned.size > 0) {
      dirty = false;
      await checkpoint();
    }
    metrics.set("siem_detect_buffered_events", "Events held in detection windows", {}, engine.bufferedEvents);
  };
  const heartbeat = setInterval(() => {
    if (!stopped) void membersKv.put(`m.${me}`, new Date().toISOString()).catch(() => {});
  }, HEARTBEAT_MS);
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
    tables: [...followed],
  });
  return {
    health: () => ({
      caughtUp,
      pendingMessages: lag.pending,
      lagSeconds: Math.round(lag.seconds * 1000) / 1000,
      ownedRules: owned.size,
      ruleErrors: [...ruleErrors].map(([ruleId, message]) => ({
        ruleId,
        message,
        count: metrics.value("siem_rule_errors_total", { rule: ruleId }),
      })),
    }),
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearInterval(heartbeat);
      unsubscribe();
      unsubscribeWorkspace?.();
      messages.stop();
      exchange?.stop();
      await feeding.catch(() => {});
      await ticking;
      await checkpoint().catch(() => {});
      // Leave at once, so the others take our rules over now rather than when our heartbeat expires.
      await membersKv.delete(`m.${me}`).catch(() => {});
    },
  };
}

/** Run `publish` until it succeeds, backing off up to 2 s; rethrows once `giveUp` says so (shutdown). */
async function untilPublished(
  publish: () => Promise<unknown>,
  giveUp: () => boolean,
  log: Logger,
): Promise<void> {
  for (let attempt = 0;; attempt++) {
    try {
      await publish();
      return;
    } catch (error) {
      if (giveUp()) throw error;
      if (attempt === 0) log.warn("Alerts not published yet: JetStream unavailable, retrying", { error });
      await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 2000)));
    }
  }
}
