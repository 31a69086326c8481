/**
 * Incidents over HTTP: `GET /api/v1/incidents` (newest activity first; `status`, `severity`, `owner`, `limit`),
 * `GET /api/v1/incidents/{id}` (with `ETag` = revision), `PATCH /api/v1/incidents/{id}` (honours `If-Match`,
 * 412 on a stale revision), `POST /api/v1/incidents/{id}/comments`.
 */
import type { Context } from "hono";
import * as v from "valibot";
import {
  addComment,
  applyChange,
  CLASSIFICATIONS,
  type Incident,
  INCIDENT_STATUSES,
  InvalidIncidentChange,
} from "../../streams/incidents/mod.ts";
import { IncidentConflictError, type IncidentStore } from "../nats/incident_store.ts";
import type { ApiEnv, RouteModule } from "./app.ts";
import { HttpError } from "./http_error.ts";
import { ifMatchRevision } from "./if_match.ts";

const SEVERITIES = ["Informational", "Low", "Medium", "High"] as const;
const oneOf = (name: string, values: readonly string[]) =>
  `'${name}' must be one of ${values.map((x) => `'${x}'`).join(", ")}`;

const ChangeSchema = v.strictObject({
  Title: v.optional(v.pipe(v.string(), v.minLength(1, "'Title' must not be empty"), v.maxLength(500))),
  Description: v.optional(v.pipe(v.string(), v.maxLength(10_000))),
  Severity: v.optional(v.picklist(SEVERITIES, oneOf("Severity", SEVERITIES))),
  Status: v.optional(v.picklist(INCIDENT_STATUSES, oneOf("Status", INCIDENT_STATUSES))),
  Classification: v.optional(v.picklist(CLASSIFICATIONS, oneOf("Classification", CLASSIFICATIONS))),
  ClassificationReason: v.optional(v.pipe(v.string(), v.maxLength(200))),
  ClassificationComment: v.optional(v.pipe(v.string(), v.maxLength(10_000))),
  Owner: v.optional(v.strictObject({ assignedTo: v.nullable(v.pipe(v.string(), v.maxLength(200))) })),
  Labels: v.optional(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(100)))),
});
const CommentSchema = v.strictObject({
  message: v.pipe(
    v.string("'message' must be a string"),
    v.minLength(1, "'message' must not be empty"),
    v.maxLength(30_000),
  ),
});
const ListSchema = v.object({
  status: v.optional(v.picklist(INCIDENT_STATUSES, oneOf("status", INCIDENT_STATUSES))),
  severity: v.optional(v.picklist(SEVERITIES, oneOf("severity", SEVERITIES))),
  owner: v.optional(v.string()),
  limit: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d+$/, "'limit' must be an integer from 1 to 1000"),
      v.transform(Number),
      v.minValue(1),
      v.maxValue(1000),
    ),
    "200",
  ),
});

async function jsonBody(c: Context): Promise<unknown> {
  return await c.req.json().catch(() => {
    throw new HttpError(400, "invalid_body", "Cannot parse body: expected a JSON object");
  });
}

function check<T>(schema: v.GenericSchema<unknown, T>, value: unknown): T {
  const parsed = v.safeParse(schema, value);
  if (parsed.success) return parsed.output;
  const issue = parsed.issues[0];
  const where = issue.path?.map((p) => p.key).join(".");
  throw new HttpError(400, "invalid_body", where ? `${issue.message} (at '${where}')` : issue.message);
}

/** Called after an analyst's change is stored (the runtime runs "incident updated" automation with it). */
export type AfterIncidentChange = (incident: Incident, revision: number) => Promise<void>;

/**
 * Routes for incidents.
 *
 * @param store the incident store
 * @param options `afterChange`: runs after each stored change; its failure is logged by the caller, never undoes
 *   the change, and never turns the answer into an error
 * @returns the route module
 */
export function incidentsRoutes(
  store: IncidentStore,
  options: { afterChange?: AfterIncidentChange } = {},
): RouteModule {
  const change = async (c: Context<ApiEnv>, id: string, fn: Parameters<IncidentStore["update"]>[1]) => {
    try {
      const updated = await store.update(id, fn, { expectedRevision: ifMatchRevision(c, "incident") });
      if (!updated) throw new HttpError(404, "not_found", `No incident with id '${id}'`);
      c.header("ETag", `"${updated.revision}"`);
      // The answer is the analyst's change as stored; automation's follow-up changes arrive as their own updates.
      await options.afterChange?.(updated.incident, updated.revision);
      return c.json(updated.incident);
    } catch (error) {
      if (error instanceof IncidentConflictError) {
        throw new HttpError(412, "precondition_failed", error.message);
      }
      if (error instanceof InvalidIncidentChange) throw new HttpError(400, "invalid_change", error.message);
      throw error;
    }
  };
  return {
    api(app) {
      app.get("/api/v1/incidents", (c) => {
        const q = check(ListSchema, c.req.query());
        const incidents = store.list()
          .filter((i) => !q.status || i.Status === q.status)
          .filter((i) => !q.severity || i.Severity === q.severity)
          .filter((i) => q.owner === undefined || i.Owner.assignedTo === q.owner)
          .sort((a, b) =>
            b.LastActivityTime.localeCompare(a.LastActivityTime) || b.IncidentNumber - a.IncidentNumber
          )
          .slice(0, q.limit);
        return c.json({ incidents });
      });
      app.get("/api/v1/incidents/:id", async (c) => {
        const found = await store.get(c.req.param("id"));
        if (!found) throw new HttpError(404, "not_found", `No incident with id '${c.req.param("id")}'`);
        c.header("ETag", `"${found.revision}"`);
        return c.json(found.incident);
      });
      app.patch("/api/v1/incidents/:id", async (c) => {
        const body = check(ChangeSchema, await jsonBody(c));
        const actor = c.get("principal").name;
        return await change(c, c.req.param("id"), (i) => applyChange(i, body, { actor, now: new Date() }));
      });
      app.post("/api/v1/incidents/:id/comments", async (c) => {
        const body = check(CommentSchema, await jsonBody(c));
        const author = c.get("principal").name;
        const id = crypto.randomUUID();
        const response = await change(
          c,
          c.req.param("id"),
          (i) => addComment(i, { author, message: body.message }, { id, now: new Date() }),
        );
        return c.json(await response.json(), 201);
      });
    },
  };
}
