import assert from "node:assert/strict";
import { Hono } from "hono";
import { PREBUILT_WORKBOOKS, type Workbook } from "../../streams/workbooks/mod.ts";
import { startTestNats } from "../../tests/harness/nats.ts";
import { createLogger } from "../log.ts";
import { kvDocumentStore } from "../nats/document_store.ts";
import { TOPOLOGY } from "../nats/topology.ts";
import type { ApiEnv } from "./app.ts";
import { errorMapper } from "./error_mapper.ts";
import { installPrebuiltWorkbooks, workbooksRoutes } from "./workbooks_routes.ts";

Deno.test({
  name: "workbooks: prebuilt ones installed once, edits kept, deletions not undone, documents validated",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    await using nats = await startTestNats();
    const nc = await nats.connect();
    const logger = createLogger("error");
    const store = await kvDocumentStore<Workbook | { ids: string[] }>(nc, TOPOLOGY.workbooksBucket);
    try {
      assert.equal(await installPrebuiltWorkbooks(store, logger), PREBUILT_WORKBOOKS.length);
      assert.equal(await installPrebuiltWorkbooks(store, logger), 0);

      const app = new Hono<ApiEnv>();
      app.onError(errorMapper(logger));
      app.use("*", async (c, next) => {
        c.set("principal", { name: "ana", role: "analyst" });
        await next();
      });
      workbooksRoutes(store).api!(app);
      const call = (method: string, path: string, body?: unknown) =>
        app.request(path, { method, body: body === undefined ? undefined : JSON.stringify(body) });

      const list = await (await call("GET", "/api/v1/workbooks")).json();
      assert.equal(list.workbooks.length, PREBUILT_WORKBOOKS.length);
      assert.ok(list.workbooks.every((w: Workbook) => w.origin === "prebuilt"));

      // A user's edit of a prebuilt workbook stays prebuilt in origin and survives the next start.
      const cef = await (await call("GET", "/api/v1/workbooks/cef-top-talkers")).json();
      const edited = await call("PUT", "/api/v1/workbooks/cef-top-talkers", {
        ...cef,
        name: "Our firewalls",
      });
      assert.equal(edited.status, 200);
      assert.deepEqual(
        [
          (await edited.json()).name,
          store.get("cef-top-talkers") && (store.get("cef-top-talkers") as Workbook).updatedBy,
        ],
        ["Our firewalls", "ana"],
      );
      // A deleted prebuilt workbook is not reinstalled.
      assert.equal((await call("DELETE", "/api/v1/workbooks/windows-logons")).status, 204);
      assert.equal(await installPrebuiltWorkbooks(store, logger), 0);
      assert.equal((await call("GET", "/api/v1/workbooks/windows-logons")).status, 404);
      assert.equal((store.get("cef-top-talkers") as Workbook).name, "Our firewalls");

      // New ones are the user's; bad ones name the field; the install marker is not a workbook.
      const created = await call("PUT", "/api/v1/workbooks/mine", { name: "Mine", tiles: [] });
      assert.equal(created.status, 201);
      assert.equal((await created.json()).origin, "user");
      const bad = await call("PUT", "/api/v1/workbooks/mine", {
        name: "Mine",
        tiles: [{ id: "t", title: "T" }],
      });
      assert.equal(bad.status, 400);
      assert.match((await bad.json()).error.message, /^Invalid workbook: .*\(at 'tiles\.0\.query'\)$/);
      assert.equal(
        (await call("PUT", "/api/v1/workbooks/Not%20A%20Slug", { name: "x", tiles: [] })).status,
        400,
      );
      assert.equal((await call("GET", "/api/v1/workbooks/_installed")).status, 404);
      assert.equal((await call("PUT", "/api/v1/workbooks/x", "not json")).status, 400);
    } finally {
      store.stop();
      await nc.close();
    }
  },
});
