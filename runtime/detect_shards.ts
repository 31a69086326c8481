/**
 * Event shards for detection scale-out (`SIEM_DETECT_SHARDS` > 0): one rule's events are split among the detection
 * workers, and its counts still see every event.
 *
 * The event stream is cut into S shards by message: the message at sequence q is in shard q mod S, and each shard
 * belongs to one live worker (dealt round-robin over the members in name order). For every rule whose incremental
 * plan merges exactly (`DetectionEngine.isSharded`), the worker that holds a shard runs the rule's per-event part
 * of the plan (filters, extends, partial aggregates per pane and group key) over the shard's messages, whoever owns
 * the rule, and appends what they contribute to a log per rule plan and shard: the subject
 * `siem.detect.partials.{planKey}.{shard}` of the stream `SIEM_DETECT_PARTIALS`. Each log message covers a range
 * of event sequences `(from..to]` that continues the previous one exactly. The rule's owner reads the logs of all
 * shards and merges the contributions into its plan; it closes a window only when every shard's log covers the
 * events stored by then, as a single worker waits for its own feed.
 *
 * Exactly once: a worker appends with `Nats-Expected-Last-Subject-Sequence`, the sequence of the log's last
 * message as it knows it. A worker that takes a shard over (or finds its append refused because another worker
 * still appended during a hand-over) reads the log's last message, and computes again from the event after its
 * `to`, reading the stored events from the event stream. A log never holds a range twice or misses one.
 */
import type { NatsConnection } from "@nats-io/nats-core";
import {
  type ConsumerMessages,
  DeliverPolicy,
  JetStreamApiError,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from "@nats-io/jetstream";
import type { DecodedBatch, DetectionEngine } from "../streams/detect/mod.ts";
import type { PlanPartial } from "../streams/plan/mod.ts";
import { decodeEventRows } from "./nats/event_publisher.ts";
import { sequenceAt } from "./nats/ordered_consumer.ts";
import { TOPOLOGY } from "./nats/topology.ts";
import type { Logger } from "./log.ts";
import type { Metrics } from "./http/metrics.ts";

/** The stream of contribution logs. */
export const PARTIALS_STREAM = "SIEM_DETECT_PARTIALS";

/** The JetStream error for an append whose expected last subject sequence did not hold. */
const WRONG_LAST_SEQUENCE = 10071;
/** Largest log message, well under NATS's default 1 MiB payload. */
const MAX_MESSAGE_BYTES = 256 * 1024;
/** A shard with no contribution still tells the owners how far it got, this often (their windows wait on it). */
const PROGRESS_EVERY_MS = 1000;
/** The logs are kept at least this long, and as long as the longest rule reach (window, frequency, lateness). */
const MIN_RETENTION_MS = 60 * 60_000;

/** The log subject of one rule plan's shard. */
export function partialsSubject(planKey: string, shard: number): string {
  return `siem.detect.partials.${planKey}.${shard}`;
}

/** One log message. */
interface LogMessage {
  readonly rule: string;
  readonly shard: number;
  /** The event-stream sequences covered: `from..to`, both included. */
  readonly from: number;
  readonly to: number;
  /** When the event message at `to` was stored (microseconds; 0 when not known). */
  readonly stored: number;
  readonly parts: readonly PlanPartial[];
}

/** A shard of a rule's plan this worker computes. */
interface Lane {
  readonly rule: string;
  readonly key: string;
  readonly shard: number;
  readonly subject: string;
  /** The last event sequence the log covers. */
  published: number;
  /** The log's last message (its stream sequence), the fence of the next append; 0: the log is empty. */
  fence: number;
  /** Events up to here are computed; `parts` holds what came after `published`. */
  computed: number;
  parts: { seq: number; partial: PlanPartial }[];
  lastAppend: number;
  /** Caught up with the log and the event stream: live events go straight to it. */
  ready: boolean;
}

/** A sharded rule this worker owns: the logs of its shards, merged into its plan. */
interface Inbox {
  readonly rule: string;
  readonly key: string;
  /** Per shard: the last event sequence merged (-1: nothing yet) and when that event was stored. */
  readonly covered: number[];
  readonly stored: number[];
  ready: boolean;
  messages?: ConsumerMessages;
}

/** What the exchange needs. */
export interface ShardExchangeOptions {
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly engine: DetectionEngine;
  readonly shards: number;
  readonly me: string;
  readonly log: Logger;
  readonly metrics: Metrics;
  /** Wall clock, microseconds. */
  readonly clock: () => number;
  /** How far back a rule's plan needs events (its window plus the lateness), microseconds. */
  readonly reachOf: (ruleId: string) => number;
}

/** The shard exchange of one detection worker. */
export class ShardExchange {
  readonly #o: ShardExchangeOptions;
  readonly #lanes = new Map<string, Lane>();
  readonly #inboxes = new Map<string, Inbox>();
  #mine = new Set<number>();
  /** When the last event message the feed handed over was stored (microseconds). */
  #lastStored = 0;
  /** The log stream's max_age, nanoseconds. */
  #retention: number;

  private constructor(options: ShardExchangeOptions, retention: number) {
    this.#o = options;
    this.#retention = retention;
  }

  /**
   * Create the log stream if needed (the event stream's replicas; kept as long as the longest rule reach, since
   * an owner replays a window's contributions from it) and start.
   */
  static async start(options: ShardExchangeOptions): Promise<ShardExchange> {
    const events = (await options.jsm.streams.info(TOPOLOGY.events.stream)).config;
    const existing = await options.jsm.streams.info(PARTIALS_STREAM).catch(() => undefined);
    if (existing) return new ShardExchange(options, existing.config.max_age);
    const retention = MIN_RETENTION_MS * 1_000_000;
    await options.jsm.streams.add({
      name: PARTIALS_STREAM,
      subjects: ["siem.detect.partials.>"],
      max_age: retention,
      num_replicas: events.num_replicas,
      storage: events.storage,
    });
    return new ShardExchange(options, retention);
  }

  /** Keep the logs for at least `reach` microseconds (a rule with a longer window arrived). */
  #retain(reach: number): void {
    const wanted = Math.ceil(reach / 60_000_000) * 60_000 * 1_000_000 + MIN_RETENTION_MS * 1_000_000;
    if (wanted <= this.#retention) return;
    this.#retention = wanted;
    const { jsm, log } = this.#o;
    void jsm.streams.info(PARTIALS_STREAM)
      .then((info) => jsm.streams.update(PARTIALS_STREAM, { ...info.config, max_age: wanted }))
      .catch((error) => log.warn("Detection could not lengthen the shard logs' retention", { error }));
  }

  /** Whether a lane still belongs to its rule's current plan (an edited rule has a new key and new logs). */
  #current(lane: Lane): boolean {
    return this.#o.engine.planKey(lane.rule) === lane.key;
  }

  /** Whether this worker may evaluate a sharded rule it owns: its inbox has read the logs written so far. */
  ready(ruleId: string): boolean {
    return this.#inboxes.get(ruleId)?.ready ?? false;
  }

  /**
   * Recompute which shards are ours and which sharded rules we own (call after the members or rules change):
   * lanes and inboxes follow. New lanes catch up in `catchUp`; new inboxes start reading their logs now.
   */
  rebalance(members: readonly string[], owned: ReadonlySet<string>, ruleIds: readonly string[]): void {
    const { engine, shards, me } = this.#o;
    // Dealt round-robin over the members in name order: with few shards, hashing could leave a worker none.
    const dealt = [...members].sort();
    this.#mine = new Set(
      Array.from({ length: shards }, (_, k) => k).filter((k) => dealt[k % dealt.length] === me),
    );
    const wanted = new Set<string>();
    for (const rule of ruleIds) {
      const key = engine.planKey(rule);
      if (!engine.isSharded(rule) || key === undefined) continue;
      this.#retain(this.#o.reachOf(rule));
      for (const shard of this.#mine) {
        const subject = partialsSubject(key, shard);
        wanted.add(subject);
        if (!this.#lanes.has(subject)) {
          this.#lanes.set(subject, {
            rule,
            key,
            shard,
            subject,
            published: 0,
            fence: 0,
            computed: 0,
            parts: [],
            lastAppend: 0,
            ready: false,
          });
        }
      }
    }
    for (const subject of this.#lanes.keys()) if (!wanted.has(subject)) this.#lanes.delete(subject);

    for (const [rule, inbox] of this.#inboxes) {
      if (!owned.has(rule) || engine.planKey(rule) !== inbox.key) {
        inbox.messages?.stop();
        this.#inboxes.delete(rule);
      }
    }
    for (const rule of owned) {
      const key = engine.planKey(rule);
      if (!engine.isSharded(rule) || key === undefined || this.#inboxes.has(rule)) continue;
      const inbox: Inbox = {
        rule,
        key,
        covered: new Array(shards).fill(-1),
        stored: new Array(shards).fill(0),
        ready: false,
      };
      this.#inboxes.set(rule, inbox);
      void this.#read(inbox).catch((error) => {
        this.#o.log.error("Detection could not read a rule's shard logs", { ruleId: rule, error });
        if (this.#inboxes.get(rule) === inbox) this.#inboxes.delete(rule); // the next rebalance opens it again
      });
    }
    this.#o.metrics.set(
      "siem_detect_shards",
      "Event shards this detection worker computes",
      {},
      this.#mine.size,
    );
  }

  /**
   * An event message the feed read (every one, in stream order): the lanes of its shard compute it.
   *
   * @param table the table
   * @param seq its stream sequence
   * @param storedMicros when it was stored
   * @param data the message payload
   * @param decoded the batch the engine already decoded, if it did
   */
  onEvent(table: string, seq: number, storedMicros: number, data: Uint8Array, decoded?: DecodedBatch): void {
    this.#lastStored = storedMicros;
    const { engine, shards } = this.#o;
    let batch = decoded;
    let decodedYet = decoded !== undefined;
    for (const lane of this.#lanes.values()) {
      if (!lane.ready || seq <= lane.computed || !this.#current(lane)) continue;
      if (seq % shards === lane.shard && engine.sourcesOf(lane.rule).includes(table)) {
        if (!decodedYet) {
          batch = engine.decode(table, decodeEventRows(data), seq);
          decodedYet = true;
        }
        const partial = batch && engine.contribute(lane.rule, batch);
        if (partial !== undefined) lane.parts.push({ seq, partial });
      }
      lane.computed = seq;
    }
  }

  /**
   * Bring new lanes up to the feed: read each log's last message, then compute the stored events after it up to
   * `fedSequence` from the event stream. Run it between two messages of the feed.
   */
  async catchUp(fedSequence: number): Promise<void> {
    const fresh = [...this.#lanes.values()].filter((l) => !l.ready);
    if (fresh.length === 0) return;
    const { jsm, nc, clock } = this.#o;
    for (const lane of fresh) {
      const last = await jsm.streams.getMessage(PARTIALS_STREAM, { last_by_subj: lane.subject });
      if (last !== null) {
        lane.published = lane.computed = last.json<LogMessage>().to;
        lane.fence = last.seq;
      } else {
        // A new log starts with the events the rule's window can still need.
        const start = await sequenceAt(
          nc,
          TOPOLOGY.events.stream,
          (clock() - this.#o.reachOf(lane.rule)) / 1000,
        );
        lane.published = lane.computed = start - 1;
        lane.fence = 0;
      }
      lane.parts = [];
    }
    const from = Math.min(...fresh.map((l) => l.computed)) + 1;
    if (from <= fedSequence) await this.#backfill(fresh, from, fedSequence);
    for (const lane of fresh) {
      lane.computed = Math.max(lane.computed, fedSequence);
      lane.ready = true;
    }
  }

  async #backfill(lanes: readonly Lane[], from: number, upTo: number): Promise<void> {
    const { js, engine, shards } = this.#o;
    const consumer = await js.consumers.get(TOPOLOGY.events.stream, {
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: from,
    });
    if ((await consumer.info()).num_pending === 0) return;
    const messages = await consumer.consume({ expires: 5000 });
    try {
      for await (const m of messages) {
        if (m.seq > upTo) break;
        const table = m.subject.slice("siem.events.".length);
        let batch: DecodedBatch | undefined;
        for (const lane of lanes) {
          if (m.seq <= lane.computed || !this.#current(lane)) continue;
          if (m.seq % shards === lane.shard && engine.sourcesOf(lane.rule).includes(table)) {
            batch ??= engine.decode(table, decodeEventRows(m.data), m.seq);
            const partial = batch && engine.contribute(lane.rule, batch);
            if (partial !== undefined) lane.parts.push({ seq: m.seq, partial });
          }
          lane.computed = m.seq;
        }
        if (m.seq >= upTo || m.info.pending === 0) break;
      }
    } finally {
      messages.stop();
    }
  }

  /** Append what the lanes computed to their logs (each lane at least every PROGRESS_EVERY_MS while it moves). */
  async flush(): Promise<void> {
    const now = Date.now();
    for (const lane of [...this.#lanes.values()]) {
      if (!lane.ready || lane.computed <= lane.published || !this.#current(lane)) continue;
      if (lane.parts.length === 0 && now - lane.lastAppend < PROGRESS_EVERY_MS) continue;
      try {
        await this.#append(lane);
        lane.lastAppend = now;
      } catch (error) {
        if (error instanceof JetStreamApiError && error.code === WRONG_LAST_SEQUENCE) {
          // Another worker appended (a hand-over): start again from the log's end.
          lane.ready = false;
          lane.parts = [];
        } else this.#o.log.warn("Detection could not append to a shard log, retrying", { error });
        return;
      }
    }
  }

  async #append(lane: Lane): Promise<void> {
    while (lane.computed > lane.published) {
      // As many contributions as fit; the message covers up to the last one taken, or all computed when all fit.
      const taken: PlanPartial[] = [];
      let bytes = 0;
      let n = 0;
      while (n < lane.parts.length) {
        const size = JSON.stringify(lane.parts[n].partial).length;
        if (taken.length > 0 && bytes + size > MAX_MESSAGE_BYTES) break;
        taken.push(lane.parts[n].partial);
        bytes += size;
        n++;
      }
      const to = n < lane.parts.length ? lane.parts[n - 1].seq : lane.computed;
      const message: LogMessage = {
        rule: lane.rule,
        shard: lane.shard,
        from: lane.published + 1,
        to,
        stored: to === lane.computed ? this.#lastStored : 0,
        parts: taken,
      };
      const ack = await this.#o.js.publish(lane.subject, JSON.stringify(message), {
        expect: { lastSubjectSequence: lane.fence },
      });
      lane.fence = ack.seq;
      lane.published = to;
      lane.parts.splice(0, n);
      this.#o.metrics.inc("siem_detect_partials_total", "Shard log messages this worker appended", {});
    }
  }

  /**
   * The clock that may close windows of the sharded rules we own: the wall clock once every shard's log covers
   * the last event stored, else the oldest time up to which a shard's log covers the stored events.
   *
   * @param now wall clock, microseconds
   * @param lastSequence the event stream's last sequence, as JetStream said just before `now` was read
   * @returns the clock (Infinity when we own no sharded rule)
   */
  clock(now: number, lastSequence: number): number {
    let out = Infinity;
    for (const inbox of this.#inboxes.values()) {
      if (!inbox.ready) continue;
      for (let k = 0; k < inbox.covered.length; k++) {
        const covered = inbox.covered[k];
        out = Math.min(out, covered >= lastSequence ? now : covered < 0 ? 0 : inbox.stored[k]);
      }
    }
    return out;
  }

  /** Stop reading logs. */
  stop(): void {
    for (const inbox of this.#inboxes.values()) inbox.messages?.stop();
    this.#inboxes.clear();
    this.#lanes.clear();
  }

  /** Read a rule's logs from where its window begins, merging each contribution once. */
  async #read(inbox: Inbox): Promise<void> {
    const { nc, js, engine, clock } = this.#o;
    engine.clearPlan(inbox.rule);
    const start = await sequenceAt(nc, PARTIALS_STREAM, (clock() - this.#o.reachOf(inbox.rule)) / 1000);
    // Where each shard's log stood before the window: the first message read must continue it.
    for (let k = 0; k < inbox.covered.length; k++) {
      const last = await this.#o.jsm.streams.getMessage(PARTIALS_STREAM, {
        last_by_subj: partialsSubject(inbox.key, k),
      });
      if (last === null || last.seq >= start) continue;
      const message = last.json<LogMessage>();
      inbox.covered[k] = message.to;
      inbox.stored[k] = message.stored;
    }
    const consumer = await js.consumers.get(PARTIALS_STREAM, {
      filter_subjects: `siem.detect.partials.${inbox.key}.*`,
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: start,
    });
    if ((await consumer.info()).num_pending === 0) inbox.ready = true;
    if (this.#inboxes.get(inbox.rule) !== inbox) return;
    const messages = await consumer.consume({ expires: 5000 });
    inbox.messages = messages;
    for await (const m of messages) {
      if (this.#inboxes.get(inbox.rule) !== inbox) break;
      this.#merge(inbox, m);
      if (m.info.pending === 0) inbox.ready = true;
    }
  }

  #merge(inbox: Inbox, m: JsMsg): void {
    if (this.#o.engine.planKey(inbox.rule) !== inbox.key) return; // edited: a new inbox reads the new logs
    const message = m.json<LogMessage>();
    const k = message.shard;
    if (k < 0 || k >= inbox.covered.length || message.to <= inbox.covered[k]) return;
    if (inbox.covered[k] >= 0 && message.from !== inbox.covered[k] + 1) {
      this.#o.log.error("A shard log skipped event sequences", {
        ruleId: inbox.rule,
        shard: k,
        after: inbox.covered[k],
        from: message.from,
      });
    }
    for (const partial of message.parts) this.#o.engine.absorb(inbox.rule, partial);
    inbox.covered[k] = message.to;
    if (message.stored > 0) inbox.stored[k] = message.stored;
  }
}
