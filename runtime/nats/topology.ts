/**
 * The JetStream topology of CONTRACTS.md section 4, created or updated idempotently on every start.
 */
import type { NatsConnection } from "@nats-io/nats-core";
import {
  DiscardPolicy,
  type JetStreamManager,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type StreamConfig,
} from "@nats-io/jetstream";
import { Kvm } from "@nats-io/kv";

/** Stream and bucket names: the public contract. */
export const TOPOLOGY = {
  events: { stream: "SIEM_EVENTS", subjects: ["siem.events.>"] },
  alerts: { stream: "SIEM_ALERTS", subjects: ["siem.alerts.>"] },
  deadLetter: { stream: "SIEM_DEADLETTER", subjects: ["siem.deadletter.>"] },
  rulesBucket: "siem_rules",
  incidentsBucket: "siem_incidents",
  /** Custom `*_CL` table schemas learned at ingest. */
  tablesBucket: "siem_tables",
  /** API tokens (digests only). */
  tokensBucket: "siem_tokens",
  /** Detection workers' checkpoints (firing state). */
  detectStateBucket: "siem_detect_state",
  /** Live detection workers (entries expire without a heartbeat). */
  detectMembersBucket: "siem_detect_members",
  /** Automation rules. */
  automationBucket: "siem_automation",
  /** Playbooks. */
  playbooksBucket: "siem_playbooks",
  /** Workbooks (dashboards of KQL tiles), by id. */
  workbooksBucket: "siem_workbooks",
  /** Stored (workspace) KQL functions, by name. */
  functionsBucket: "siem_functions",
  /** Watchlists (items included), by alias. */
  watchlistsBucket: "siem_watchlists",
} as const;

const BUCKETS = [
  TOPOLOGY.rulesBucket,
  TOPOLOGY.incidentsBucket,
  TOPOLOGY.tablesBucket,
  TOPOLOGY.tokensBucket,
];

/** Subject of one table's events. */
export function eventSubject(table: string): string {
  return `siem.events.${table}`;
}

/** Settings that shape the topology. */
export interface TopologyOptions {
  /** Event retention (also alerts and dead letters), in milliseconds. */
  readonly retentionMs: number;
  readonly replicas: number;
  /** Window in which a repeated Nats-Msg-Id is dropped; idempotent ingest retries must fall inside it. */
  readonly duplicateWindowMs?: number;
}

const NS_PER_MS = 1_000_000;

/**
 * Create or update the streams and KV buckets.
 *
 * @param nc a connected client
 * @param options retention and replicas
 */
export async function ensureTopology(nc: NatsConnection, options: TopologyOptions): Promise<void> {
  const jsm = await jetstreamManager(nc);
  const dupWindowMs = Math.min(options.duplicateWindowMs ?? 10 * 60_000, options.retentionMs);
  const base = {
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    num_replicas: options.replicas,
    max_age: options.retentionMs * NS_PER_MS,
    duplicate_window: dupWindowMs * NS_PER_MS,
  };
  for (const spec of [TOPOLOGY.events, TOPOLOGY.alerts, TOPOLOGY.deadLetter]) {
    await upsertStream(jsm, { ...base, name: spec.stream, subjects: [...spec.subjects] });
  }
  const kvm = new Kvm(nc);
  for (const bucket of BUCKETS) {
    // Kvm.create binds to an existing bucket with compatible settings and creates it otherwise.
    await kvm.create(bucket, { history: 10, replicas: options.replicas });
  }
}

async function upsertStream(jsm: JetStreamManager, config: Partial<StreamConfig> & { name: string }) {
  const existing = await jsm.streams.info(config.name).catch(() => undefined);
  if (!existing) {
    await jsm.streams.add(config);
    return;
  }
  const c = existing.config;
  const same = c.max_age === config.max_age && c.num_replicas === config.num_replicas &&
    c.duplicate_window === config.duplicate_window &&
    JSON.stringify(c.subjects) === JSON.stringify(config.subjects);
  if (!same) await jsm.streams.update(config.name, config);
}

/**
 * Whether every stream and bucket exists (readiness).
 *
 * @param nc a connected client
 * @returns true when the topology is present
 */
export async function topologyPresent(nc: NatsConnection): Promise<boolean> {
  try {
    const jsm = await jetstreamManager(nc, { timeout: 2000 });
    for (const name of [TOPOLOGY.events.stream, TOPOLOGY.alerts.stream, TOPOLOGY.deadLetter.stream]) {
      await jsm.streams.info(name);
    }
    for (const bucket of BUCKETS) {
      await jsm.streams.info(`KV_${bucket}`);
    }
    return true;
  } catch {
    return false;
  }
}
