/**
 * What `GET /api/v1/live` streams, gathered once per process and fanned out to every listener: per-table event
 * rates (from the counts every ingesting node publishes, runtime/nats/ingest_stats.ts, so events ingested by any
 * node count), new alerts and incident changes.
 * One NATS subscription per kind, whatever the number of browsers watching.
 */
import type { NatsConnection, Subscription } from "@nats-io/nats-core";
import { INGEST_STATS_SUBJECT, type IngestStatsMessage } from "./nats/ingest_stats.ts";

/** One live message. */
export type LiveEvent =
  | { readonly type: "rates"; readonly time: string; readonly perSecond: Record<string, number> }
  | { readonly type: "alert"; readonly alert: unknown }
  | { readonly type: "incident"; readonly change: "created" | "updated"; readonly incident: unknown };

/** The hub. */
export interface LiveHub {
  subscribe(listener: (event: LiveEvent) => void): () => void;
  /** Resolves when the hub stops: open streams end then, so a shutdown is not held up by them. */
  readonly closed: Promise<void>;
  stop(): void;
}

/**
 * Start the hub.
 *
 * @param nc the connection
 * @param options how often rates are sent (default 1 s)
 * @returns the hub
 */
export function startLiveHub(nc: NatsConnection, options: { intervalMs?: number } = {}): LiveHub {
  const listeners = new Set<(event: LiveEvent) => void>();
  const emit = (event: LiveEvent) => {
    for (const l of listeners) {
      try {
        l(event);
      } catch {
        // a broken listener must not starve the others
      }
    }
  };
  const counts = new Map<string, number>();
  const subs: Subscription[] = [
    nc.subscribe(INGEST_STATS_SUBJECT, {
      callback: (_err, m) => {
        let stats: IngestStatsMessage;
        try {
          stats = m.json<IngestStatsMessage>();
        } catch {
          return; // not JSON: not one of ours
        }
        for (const [table, rows] of Object.entries(stats.rows ?? {})) {
          if (typeof rows === "number" && rows > 0) counts.set(table, (counts.get(table) ?? 0) + rows);
        }
      },
    }),
    nc.subscribe("siem.alerts.>", {
      callback: (_err, m) => {
        try {
          emit({ type: "alert", alert: m.json() });
        } catch {
          // not JSON: not one of ours
        }
      },
    }),
    nc.subscribe("siem.incidents.>", {
      callback: (_err, m) => {
        const change = m.subject.split(".")[2] === "created" ? "created" : "updated";
        try {
          emit({ type: "incident", change, incident: m.json() });
        } catch {
          // not JSON: not one of ours
        }
      },
    }),
  ];
  const closed = Promise.withResolvers<void>();
  const intervalMs = options.intervalMs ?? 1000;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const seconds = (now - last) / 1000;
    last = now;
    const perSecond: Record<string, number> = {};
    for (const [table, n] of counts) perSecond[table] = Math.round((n / seconds) * 100) / 100;
    counts.clear();
    if (listeners.size > 0) emit({ type: "rates", time: new Date().toISOString(), perSecond });
  }, intervalMs);
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    closed: closed.promise,
    stop() {
      closed.resolve();
      clearInterval(timer);
      for (const s of subs) s.unsubscribe();
      listeners.clear();
    },
  };
}
