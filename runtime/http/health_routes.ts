/**
 * `GET /api/v1/health`: what the overview's health tiles show, cheap enough to poll every few seconds.
 * Dead letters come from the `SIEM_DEADLETTER` stream's own counters (one stream info call with per-subject
 * counts, plus the newest message for its reason), so they count what every node rejected. Rule health comes
 * from this process's detection worker, when it runs one (`detection` is null on an api-only node: see the detect
 * nodes' `/metrics`).
 */
import type { NatsConnection } from "@nats-io/nats-core";
import { jetstreamManager } from "@nats-io/jetstream";
import type { DetectionHealth } from "../detect_worker.ts";
import { TOPOLOGY } from "../nats/topology.ts";
import type { RouteModule } from "./app.ts";

/** What the route reads. */
export interface HealthDeps {
  readonly nc: NatsConnection;
  /** Rules in the store (for names and counts). */
  readonly rules: () => readonly { id: string; name: string; enabled: boolean }[];
  /** The detection worker of this process, if any. */
  readonly detection: () => DetectionHealth | undefined;
}

/** The answer of `GET /api/v1/health`. */
export interface HealthReport {
  readonly time: string;
  readonly deadLetters: {
    readonly total: number;
    readonly bySource: Record<string, number>;
    readonly last: { readonly time: string; readonly source: string; readonly reason: string } | null;
  };
  readonly rules: {
    readonly total: number;
    readonly enabled: number;
    readonly withErrors: readonly { ruleId: string; name: string; message: string; count: number }[];
  };
  readonly detection: Omit<DetectionHealth, "ruleErrors"> | null;
}

const PREFIX = "siem.deadletter.";

/**
 * Routes for the health summary.
 *
 * @param deps connection, rules and detection
 * @returns the route module
 */
export function healthRoutes(deps: HealthDeps): RouteModule {
  return {
    api(app) {
      app.get("/api/v1/health", async (c) => {
        const jsm = await jetstreamManager(deps.nc);
        const info = await jsm.streams.info(TOPOLOGY.deadLetter.stream, { subjects_filter: ">" });
        const bySource: Record<string, number> = {};
        for (const [subject, n] of Object.entries(info.state.subjects ?? {})) {
          const source = subject.startsWith(PREFIX) ? subject.slice(PREFIX.length) : subject;
          bySource[source] = (bySource[source] ?? 0) + n;
        }
        let last: HealthReport["deadLetters"]["last"] = null;
        if (info.state.messages > 0) {
          const m = await jsm.streams.getMessage(TOPOLOGY.deadLetter.stream, { seq: info.state.last_seq })
            .catch(() => null);
          if (m) {
            const body = (() => {
              try {
                return m.json<{ reason?: unknown; message?: unknown }>();
              } catch {
                return {};
              }
            })();
            last = {
              time: m.time.toISOString(),
              source: m.subject.slice(PREFIX.length),
              reason: String(body.reason ?? body.message ?? ""),
            };
          }
        }
        const rules = deps.rules();
        const names = new Map(rules.map((r) => [r.id, r.name]));
        const detection = deps.detection();
        const report: HealthReport = {
          time: new Date().toISOString(),
          deadLetters: { total: info.state.messages, bySource, last },
          rules: {
            total: rules.length,
            enabled: rules.filter((r) => r.enabled).length,
            withErrors: (detection?.ruleErrors ?? []).map((e) => ({
              ...e,
              name: names.get(e.ruleId) ?? e.ruleId,
            })),
          },
          detection: detection
            ? {
              caughtUp: detection.caughtUp,
              pendingMessages: detection.pendingMessages,
              lagSeconds: detection.lagSeconds,
              ownedRules: detection.ownedRules,
            }
            : null,
        };
        return c.json(report);
      });
    },
  };
}
