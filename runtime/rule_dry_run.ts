/**
 * A rule's dry run: what alerts it would have raised over the last hours of events, without publishing any.
 *
 * It runs the detection engine itself (the same scheduled instants, NRT batches, early firing, grouping and
 * suppression as a worker), fed with the events still in `SIEM_EVENTS` for the tables the rule reads, and collects
 * the alerts instead of publishing them. The rule starts `hours` ago, as if it had been enabled then, so a
 * scheduled rule is evaluated at each instant t = kF in the range over (t-P, t].
 */
import type { NatsConnection } from "@nats-io/nats-core";
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from "@nats-io/jetstream";
import { analyzeQuery, type Catalog } from "../query/mod.ts";
import type { SecurityAlert } from "../streams/alerts/mod.ts";
import { DetectionEngine } from "../streams/detect/mod.ts";
import type { Rule } from "../streams/rules/mod.ts";
import { decodeEventRows } from "./nats/event_publisher.ts";
import { TOPOLOGY } from "./nats/topology.ts";

/** Limits of one dry run. */
export interface DryRunLimits {
  /** Events read at most (default 500,000). */
  readonly maxEvents?: number;
  /** Scheduled instants evaluated at most (default 10,000). */
  readonly maxInstants?: number;
  /** Alerts returned at most; the count says how many there were (default 500). */
  readonly maxAlerts?: number;
  readonly signal?: AbortSignal;
}

/** What a dry run found. */
export interface DryRunResult {
  /** The range, ISO 8601. */
  readonly from: string;
  readonly to: string;
  /** Events of the rule's tables read from the stream. */
  readonly events: number;
  /** Scheduled instants evaluated (0 for NRT rules). */
  readonly instants: number;
  /** Alerts the rule would have raised; `alerts` holds at most `maxAlerts` of them, the latest. */
  readonly alertCount: number;
  readonly alerts: SecurityAlert[];
  /** Evaluation errors (distinct messages), as a worker would report them. */
  readonly errors: string[];
}

/** A dry run that could not run. */
export interface DryRunFailure {
  readonly error: { readonly code: string; readonly message: string };
}

/**
 * Dry-run a rule over the last `hours` of events.
 *
 * @param nc the NATS connection
 * @param rule the validated rule
 * @param options its id, the hours, the catalog, the time now (ms, default the wall clock) and limits
 * @returns the alerts it would raise, or why it could not run
 */
export async function dryRunRule(
  nc: NatsConnection,
  rule: Rule,
  options: { id: string; hours: number; catalog: Catalog; now?: number; limits?: DryRunLimits },
): Promise<DryRunResult | DryRunFailure> {
  const limits = options.limits ?? {};
  const now = options.now ?? Date.now();
  const start = now - options.hours * 3_600_000;
  const period = (rule.queryPeriod ?? 0) / 1000;
  const frequency = (rule.queryFrequency ?? 0) / 1000;
  const maxInstants = limits.maxInstants ?? 10_000;
  if (rule.kind === "Scheduled" && frequency > 0) {
    const instants = Math.floor((now - start) / frequency);
    if (instants > maxInstants) {
      return {
        error: {
          code: "too_many_instants",
          message: `Dry run needs ${instants} evaluations (more than ${maxInstants}): ask for fewer hours`,
        },
      };
    }
  }
  const sources = [...(analyzeQuery(rule.query, { catalog: options.catalog }).bound?.info.sources ?? [])];
  const maxEvents = limits.maxEvents ?? 500_000;
  const batches = await readBatches(nc, sources, {
    since: start - period,
    until: now,
    signal: limits.signal,
    maxEvents,
  });
  if (batches === "too_many") {
    return {
      error: {
        code: "too_many_events",
        message: `Dry run reads more than ${maxEvents} events: ask for fewer hours`,
      },
    };
  }
  if (batches === "aborted") return { error: { code: "cancelled", message: "Dry run cancelled" } };

  const alerts: SecurityAlert[] = [];
  const errors = new Set<string>();
  const engine = new DetectionEngine({
    catalog: () => options.catalog,
    publish: (raised) => {
      alerts.push(...raised);
      return Promise.resolve();
    },
    onRuleError: (_id, message) => errors.add(message),
    // Every event is already in: no wait for late ones, so the instant at `now` is evaluated too.
    latenessMicros: 0,
    // Every instant in one `advance`: the engine prunes its events to the latest window afterwards.
    maxCatchUp: maxInstants,
  });
  const nowUs = now * 1000;
  engine.upsertRule({ id: options.id, rule, enabled: true }, start * 1000);
  let events = 0;
  for (const batch of batches) {
    events += batch.rows.length;
    await engine.ingest(batch.table, batch.rows, { sequence: batch.sequence, now: nowUs });
  }
  const instants = await engine.advance(nowUs);
  const maxAlerts = limits.maxAlerts ?? 500;
  return {
    from: new Date(start).toISOString(),
    to: new Date(now).toISOString(),
    events,
    instants: rule.kind === "Scheduled" ? instants : 0,
    alertCount: alerts.length,
    alerts: alerts.slice(-maxAlerts),
    errors: [...errors],
  };
}

interface RawBatch {
  readonly table: string;
  readonly rows: Record<string, unknown>[];
  readonly sequence: number;
}

/** The event batches of `tables` since a time, in stream order; "too_many" past the budget. */
async function readBatches(
  nc: NatsConnection,
  tables: readonly string[],
  options: { since: number; until: number; signal?: AbortSignal; maxEvents: number },
): Promise<RawBatch[] | "too_many" | "aborted"> {
  const jsm = await jetstreamManager(nc);
  const batches: RawBatch[] = [];
  let read = 0;
  for (const table of tables) {
    const subject = `siem.events.${table}`;
    const last = await jsm.streams.getMessage(TOPOLOGY.events.stream, { last_by_subj: subject })
      .catch(() => null);
    if (!last) continue;
    // nats-server 2.9 has no multi-subject filters: one ephemeral consumer per table, removed when done (or
    // when idle, should we never get to it). Messages are stored when ingested, events may carry older times:
    // start an hour before the range.
    const info = await jsm.consumers.add(TOPOLOGY.events.stream, {
      filter_subject: subject,
      ack_policy: AckPolicy.None,
      inactive_threshold: 30 * 1e9,
      mem_storage: true,
      deliver_policy: DeliverPolicy.StartTime,
      opt_start_time: new Date(options.since - 3_600_000).toISOString(),
    });
    const messages = await (await jetstream(nc).consumers.get(TOPOLOGY.events.stream, info.name)).consume();
    const onAbort = () => messages.stop();
    options.signal?.addEventListener("abort", onAbort);
    try {
      for await (const m of messages) {
        if (m.subject === subject) {
          const rows: Record<string, unknown>[] = [];
          for (const row of decodeEventRows(m.data)) {
            const time = Date.parse(String(row.TimeGenerated));
            if (time < options.since || time > options.until) continue;
            if (++read > options.maxEvents) return "too_many";
            rows.push(row);
          }
          if (rows.length > 0) batches.push({ table, rows, sequence: m.seq });
        }
        if (m.seq >= last.seq) break;
      }
      if (options.signal?.aborted) return "aborted";
    } finally {
      options.signal?.removeEventListener("abort", onAbort);
      messages.stop();
      await jsm.consumers.delete(TOPOLOGY.events.stream, info.name).catch(() => {});
    }
  }
  return batches.sort((a, b) => a.sequence - b.sequence);
}
