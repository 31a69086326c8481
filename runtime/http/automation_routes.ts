/**
 * Automation rules and playbooks over HTTP: `GET/PUT/DELETE /api/v1/automation-rules[/{id}]` and
 * `GET/PUT/DELETE /api/v1/playbooks[/{id}]`. A playbook's secret is write-only: reads show `"secret":"***"`.
 */
import type { Context } from "hono";
import * as v from "valibot";
import {
  type AutomationRule,
  AutomationRuleSchema,
  type Playbook,
  PlaybookSchema,
} from "../../streams/automation/mod.ts";
import type { DocumentStore } from "../nats/document_store.ts";
import type { RouteModule } from "./app.ts";
import { HttpError } from "./http_error.ts";

async function validBody<T>(c: Context, schema: v.GenericSchema<unknown, T>, id: string): Promise<T> {
  const body = await c.req.json().catch(() => {
    throw new HttpError(400, "invalid_body", "Cannot parse body: expected a JSON object");
  }) as Record<string, unknown>;
  const parsed = v.safeParse(schema, { ...body, id: body?.id ?? id });
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const where = issue.path?.map((p) => p.key).join(".");
    throw new HttpError(400, "invalid_body", where ? `${issue.message} (at '${where}')` : issue.message);
  }
  if ((parsed.output as { id: string }).id !== id) {
    throw new HttpError(400, "id_mismatch", `The body's id differs from '${id}' in the path`);
  }
  return parsed.output;
}

function crud<T>(
  app: Parameters<NonNullable<RouteModule["api"]>>[0],
  path: string,
  store: DocumentStore<T>,
  schema: v.GenericSchema<unknown, T>,
  view: (doc: T) => unknown,
) {
  app.get(path, (c) => c.json({ items: store.list().map(view) }));
  app.get(`${path}/:id`, (c) => {
    const doc = store.get(c.req.param("id"));
    if (!doc) throw new HttpError(404, "not_found", `Nothing with id '${c.req.param("id")}'`);
    return c.json(view(doc));
  });
  app.put(`${path}/:id`, async (c) => {
    const id = c.req.param("id");
    const doc = await validBody(c, schema, id);
    const existed = store.get(id) !== undefined;
    await store.put(id, doc);
    return c.json(view(doc), existed ? 200 : 201);
  });
  app.delete(`${path}/:id`, async (c) => {
    if (!(await store.delete(c.req.param("id")))) {
      throw new HttpError(404, "not_found", `Nothing with id '${c.req.param("id")}'`);
    }
    return c.body(null, 204);
  });
}

/**
 * Routes for automation rules and playbooks.
 *
 * @param stores the two stores
 * @returns the route module
 */
export function automationRoutes(
  stores: { automation: DocumentStore<AutomationRule>; playbooks: DocumentStore<Playbook> },
): RouteModule {
  return {
    api(app) {
      crud(app, "/api/v1/automation-rules", stores.automation, AutomationRuleSchema, (r) => r);
      crud(app, "/api/v1/playbooks", stores.playbooks, PlaybookSchema, (p) => ({
        ...p,
        ...(p.secret ? { secret: "***" } : {}),
        headers: Object.fromEntries(Object.keys(p.headers).map((k) => [k, "***"])),
      }));
    },
  };
}
