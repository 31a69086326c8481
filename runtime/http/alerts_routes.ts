/**
 * `GET /api/v1/alerts`: alerts newest first, read straight from the SIEM_ALERTS stream (the source of truth).
 * Filters: `severity`, `ruleId`, `since` (ISO 8601), `limit` (1..1000, default 100).
 */
import type { NatsConnection } from "@nats-io/nats-core";
import { jetstreamManager } from "@nats-io/jetstream";
import * as v from "valibot";
import { TOPOLOGY } from "../nats/topology.ts";
import type { RouteModule } from "./app.ts";
import { HttpError } from "./http_error.ts";

const QuerySchema = v.object({
  severity: v.optional(
    v.picklist(
      ["informational", "low", "medium", "high"],
      "Invalid 'severity': use informational, low, medium or high",
    ),
  ),
  ruleId: v.optional(
    v.pipe(v.string(), v.regex(/^[\w.-]+$/, "Invalid 'ruleId': letters, digits, '.', '_' and '-' only")),
  ),
  since: v.optional(
    v.pipe(
      v.string(),
      v.isoTimestamp("Invalid 'since': use an ISO 8601 timestamp such as '2026-01-01T00:00:00Z'"),
    ),
  ),
  limit: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d+$/, "Invalid 'limit': use an integer from 1 to 1000"),
      v.transform(Number),
      v.minValue(1, "Invalid 'limit': use an integer from 1 to 1000"),
      v.maxValue(1000, "Invalid 'limit': use an integer from 1 to 1000"),
    ),
    "100",
  ),
});

/** How far back the scan goes at most, so a filter that matches nothing stays cheap. */
const MAX_SCANNED = 20_000;

/**
 * Routes for alerts.
 *
 * @param nc the NATS connection
 * @returns the route module
 */
export function alertsRoutes(nc: NatsConnection): RouteModule {
  return {
    api(app) {
      app.get("/api/v1/alerts", async (c) => {
        const parsed = v.safeParse(QuerySchema, c.req.query());
        if (!parsed.success) throw new HttpError(400, "invalid_query", parsed.issues[0].message);
        const q = parsed.output;
        const sinceMs = q.since ? Date.parse(q.since) : undefined;
        const jsm = await jetstreamManager(nc);
        const info = await jsm.streams.info(TOPOLOGY.alerts.stream);
        const subject = `siem.alerts.${q.severity ?? "*"}.${q.ruleId ?? "*"}`;
        const alerts: unknown[] = [];
        let seq = info.state.last_seq;
        const stop = Math.max(info.state.first_seq, info.state.last_seq - MAX_SCANNED);
        while (seq >= stop && seq > 0 && alerts.length < q.limit) {
          // last_by_subj from a sequence is not available on 2.9, so walk back one sequence at a time.
          const msg = await jsm.streams.getMessage(TOPOLOGY.alerts.stream, { seq }).catch(() => null);
          seq--;
          if (!msg || !subjectMatches(subject, msg.subject)) continue;
          const alert = msg.json<Record<string, unknown>>();
          if (sinceMs !== undefined && Date.parse(String(alert.TimeGenerated)) < sinceMs) break;
          alerts.push(alert);
        }
        return c.json({ alerts });
      });
    },
  };
}

function subjectMatches(pattern: string, subject: string): boolean {
  const p = pattern.split(".");
  const s = subject.split(".");
  return p.length === s.length && p.every((t, i) => t === "*" || t === s[i]);
}
