/**
 * Workbooks over HTTP: `GET /api/v1/workbooks` (every workbook, by name), `GET /api/v1/workbooks/{id}`,
 * `PUT /api/v1/workbooks/{id}` (create or replace; 201 when created) and `DELETE /api/v1/workbooks/{id}` (204).
 * Readers read; analysts and admins write (the permission follows the method, see `auth.ts`). Stored in the KV
 * bucket `siem_workbooks` through the document store. The prebuilt ones (streams/workbooks) are installed at
 * start when absent, so a user's edit or deletion of one is kept across restarts.
 */
import { PREBUILT_WORKBOOKS, validateWorkbook, type Workbook } from "../../streams/workbooks/mod.ts";
import type { DocumentStore } from "../nats/document_store.ts";
import type { Logger } from "../log.ts";
import type { RouteModule } from "./app.ts";
import { HttpError } from "./http_error.ts";

/** Prebuilt ids installed once; recorded so that deleting a prebuilt workbook is not undone by the next start. */
const INSTALLED_MARKER = "_installed";

/**
 * Install the prebuilt workbooks that were never installed before.
 *
 * @param store the workbook store
 * @param logger where the count goes
 * @returns how many were written
 */
export async function installPrebuiltWorkbooks(
  store: DocumentStore<Workbook | { ids: string[] }>,
  logger: Logger,
): Promise<number> {
  const marker = store.get(INSTALLED_MARKER) as { ids: string[] } | undefined;
  const installed = new Set(marker?.ids ?? []);
  let written = 0;
  for (const w of PREBUILT_WORKBOOKS) {
    if (installed.has(w.id) || store.get(w.id)) {
      installed.add(w.id);
      continue;
    }
    await store.put(w.id, { ...w, updatedTime: new Date().toISOString(), updatedBy: "siem" });
    installed.add(w.id);
    written++;
  }
  if (written > 0 || !marker) await store.put(INSTALLED_MARKER, { ids: [...installed].sort() });
  if (written > 0) logger.info("Prebuilt workbooks installed", { written });
  return written;
}

/**
 * Routes for workbooks.
 *
 * @param store the workbook store
 * @returns the route module
 */
export function workbooksRoutes(store: DocumentStore<Workbook | { ids: string[] }>): RouteModule {
  const workbooks = () =>
    store.list().filter((w): w is Workbook => "tiles" in w).sort((a, b) => a.name.localeCompare(b.name));
  const find = (id: string) => {
    const w = id === INSTALLED_MARKER ? undefined : store.get(id);
    if (!w || !("tiles" in w)) throw new HttpError(404, "not_found", `No workbook with id '${id}'`);
    return w;
  };
  return {
    api(app) {
      app.get("/api/v1/workbooks", (c) => c.json({ workbooks: workbooks() }));
      app.get("/api/v1/workbooks/:id", (c) => c.json(find(c.req.param("id"))));
      app.put("/api/v1/workbooks/:id", async (c) => {
        const id = c.req.param("id");
        const body = await c.req.json().catch(() => {
          throw new HttpError(400, "invalid_body", "Cannot parse body: expected a workbook JSON object");
        });
        const result = validateWorkbook(body, id);
        if (!result.ok) throw new HttpError(400, "invalid_workbook", `Invalid workbook: ${result.message}`);
        const existing = store.get(id);
        const workbook: Workbook = {
          ...result.workbook,
          // A prebuilt workbook edited by a user keeps its origin; anything new is the user's.
          origin: existing && "tiles" in existing ? existing.origin ?? "user" : "user",
          updatedTime: new Date().toISOString(),
          updatedBy: c.get("principal").name,
        };
        await store.put(id, workbook);
        return c.json(workbook, existing ? 200 : 201);
      });
      app.delete("/api/v1/workbooks/:id", async (c) => {
        const id = c.req.param("id");
        find(id);
        await store.delete(id);
        return c.body(null, 204);
      });
    },
  };
}
