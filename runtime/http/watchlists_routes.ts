/**
 * Watchlists over HTTP:
 * - `GET /api/v1/watchlists`: every watchlist, without its items (`itemCount` instead)
 * - `PUT /api/v1/watchlists/{alias}`: create or replace from CSV: a JSON body `{"searchKey","csv",
 *   "displayName"?,"description"?,"provider"?,"source"?}` (Sentinel's `itemsSearchKey`/`rawContent` names are
 *   accepted too), or the CSV itself (`Content-Type: text/csv`) with `?searchKey=Column`
 * - `POST /api/v1/watchlists`: the same with the alias in the JSON body (or `?alias=` for CSV)
 * - `GET/DELETE /api/v1/watchlists/{alias}`: one watchlist with its items; delete it
 * - `GET /api/v1/watchlists/{alias}/items`, `POST .../items` (one item or a list: `{"Column":"value",...}`),
 *   `PUT/DELETE .../items/{itemId}`: item edits
 * Changes are stored in `siem_watchlists` (every node and rule sees them at once) and logged as `Watchlist`
 * table rows.
 */
import type { Context } from "hono";
import * as v from "valibot";
import type { EventSink } from "../../connectors/http/event_sink.ts";
import type { JsonValue } from "../../connectors/connector.ts";
import type { WatchlistStore } from "../nats/watchlist_store.ts";
import {
  type Watchlist,
  WATCHLIST_ALIAS,
  WatchlistError,
  watchlistFromCsv,
  withItem,
  withoutItem,
} from "../watchlists/watchlist.ts";
import { itemChanges, watchlistRows } from "../watchlists/watchlist_rows.ts";
import type { RouteModule } from "./app.ts";
import { HttpError } from "./http_error.ts";

const Body = v.object({
  alias: v.optional(v.string("'alias' must be a string")),
  searchKey: v.optional(v.string("'searchKey' must be a column name")),
  itemsSearchKey: v.optional(v.string("'itemsSearchKey' must be a column name")),
  csv: v.optional(v.string("'csv' must be the CSV text")),
  rawContent: v.optional(v.string("'rawContent' must be the CSV text")),
  displayName: v.optional(v.string()),
  description: v.optional(v.string()),
  provider: v.optional(v.string()),
  source: v.optional(v.string()),
});

function summary(list: Watchlist) {
  const { items, ...rest } = list;
  return { ...rest, itemCount: items.length };
}

function itemView(item: Watchlist["items"][number]) {
  return { id: item.id, values: item.values, created: item.created, updated: item.updated };
}

async function jsonBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new HttpError(400, "invalid_body", "Cannot parse body: expected JSON");
  }
}

function found(store: WatchlistStore, alias: string): Watchlist {
  const list = store.get(alias);
  if (!list) throw new HttpError(404, "not_found", `No watchlist '${alias}'`);
  return list;
}

/**
 * Routes for watchlists.
 *
 * @param store the watchlist store
 * @param options `sink` logs changes as `Watchlist` rows (absent: not logged); `now` for tests
 * @returns the route module
 */
export function watchlistsRoutes(
  store: WatchlistStore,
  options: { sink?: EventSink; now?: () => string } = {},
): RouteModule {
  const now = options.now ?? (() => new Date().toISOString());
  const save = async (before: Watchlist | undefined, after: Watchlist | undefined, alias: string) => {
    try {
      if (after) await store.put(after);
      else await store.delete(alias);
    } catch (error) {
      if (/payload|size/i.test((error as Error).message)) {
        throw new HttpError(413, "too_large", `Watchlist '${alias}' is too large to store`, { cause: error });
      }
      throw error;
    }
    const list = after ?? before;
    const changes = itemChanges(before, after);
    if (options.sink && list && changes.length > 0) {
      const rows = watchlistRows(list, changes, now()) as Record<string, JsonValue>[];
      await options.sink.append([{ table: "Watchlist", rows }], { source: "watchlists" });
    }
  };
  const upload = async (c: Context, pathAlias: string | undefined) => {
    const type = c.req.header("Content-Type") ?? "";
    let input: v.InferOutput<typeof Body>;
    if (type.includes("json")) {
      const parsed = v.safeParse(Body, await jsonBody(c));
      if (!parsed.success) throw new HttpError(400, "invalid_body", parsed.issues[0].message);
      input = parsed.output;
    } else {
      input = {
        csv: await c.req.text(),
        searchKey: c.req.query("searchKey") ?? c.req.query("itemsSearchKey"),
        alias: c.req.query("alias"),
        displayName: c.req.query("displayName"),
        description: c.req.query("description"),
      };
    }
    const alias = pathAlias ?? input.alias;
    if (alias === undefined) throw new HttpError(400, "invalid_body", "Missing 'alias'");
    if (pathAlias !== undefined && input.alias !== undefined && input.alias !== pathAlias) {
      throw new HttpError(400, "alias_mismatch", `The body's alias differs from '${pathAlias}' in the path`);
    }
    const searchKey = input.searchKey ?? input.itemsSearchKey;
    const csv = input.csv ?? input.rawContent;
    if (searchKey === undefined) {
      throw new HttpError(400, "invalid_body", "Missing 'searchKey': the key column");
    }
    if (csv === undefined) {
      throw new HttpError(400, "invalid_body", "Missing 'csv': the watchlist as CSV text");
    }
    const before = store.get(alias);
    let list: Watchlist;
    try {
      list = watchlistFromCsv({ ...input, alias, searchKey, csv }, { now: now(), previous: before });
    } catch (error) {
      if (error instanceof WatchlistError) throw new HttpError(400, "invalid_watchlist", error.message);
      throw error;
    }
    await save(before, list, alias);
    return c.json({ ...summary(list), items: list.items.map(itemView) }, before ? 200 : 201);
  };
  const editItem = (list: Watchlist, id: string, values: unknown): Watchlist => {
    if (values === null || typeof values !== "object" || Array.isArray(values)) {
      throw new HttpError(400, "invalid_body", "An item is a JSON object of column values");
    }
    const body = values as Record<string, unknown>;
    // Sentinel's REST shape wraps the values in `itemsKeyValue`.
    const plain = typeof body.itemsKeyValue === "object" && body.itemsKeyValue !== null
      ? body.itemsKeyValue as Record<string, unknown>
      : body;
    try {
      return withItem(list, { id, values: plain }, now());
    } catch (error) {
      if (error instanceof WatchlistError) throw new HttpError(400, "invalid_item", error.message);
      throw error;
    }
  };
  return {
    api(app) {
      app.get("/api/v1/watchlists", (c) => c.json({ items: store.list().map(summary) }));
      app.post("/api/v1/watchlists", (c) => upload(c, undefined));
      app.put("/api/v1/watchlists/:alias", (c) => upload(c, c.req.param("alias")));
      app.get("/api/v1/watchlists/:alias", (c) => {
        const list = found(store, c.req.param("alias"));
        return c.json({ ...summary(list), items: list.items.map(itemView) });
      });
      app.delete("/api/v1/watchlists/:alias", async (c) => {
        const list = found(store, c.req.param("alias"));
        await save(list, undefined, list.alias);
        return c.body(null, 204);
      });
      app.get("/api/v1/watchlists/:alias/items", (c) => {
        return c.json({ items: found(store, c.req.param("alias")).items.map(itemView) });
      });
      app.post("/api/v1/watchlists/:alias/items", async (c) => {
        const before = found(store, c.req.param("alias"));
        const body = await jsonBody(c);
        const values = Array.isArray(body) ? body : [body];
        let list = before;
        const ids: string[] = [];
        for (const item of values) {
          const id = crypto.randomUUID();
          list = editItem(list, id, item);
          ids.push(id);
        }
        await save(before, list, before.alias);
        const added = list.items.filter((i) => ids.includes(i.id)).map(itemView);
        return c.json({ items: added }, 201);
      });
      app.put("/api/v1/watchlists/:alias/items/:id", async (c) => {
        const before = found(store, c.req.param("alias"));
        const id = c.req.param("id");
        if (!WATCHLIST_ALIAS.test(id)) throw new HttpError(400, "invalid_item", `Invalid item id '${id}'`);
        const list = editItem(before, id, await jsonBody(c));
        await save(before, list, before.alias);
        const existed = before.items.some((i) => i.id === id);
        return c.json(itemView(list.items.find((i) => i.id === id)!), existed ? 200 : 201);
      });
      app.delete("/api/v1/watchlists/:alias/items/:id", async (c) => {
        const before = found(store, c.req.param("alias"));
        const list = withoutItem(before, c.req.param("id"), now());
        if (!list) {
          throw new HttpError(404, "not_found", `No item '${c.req.param("id")}' in '${before.alias}'`);
        }
        await save(before, list, before.alias);
        return c.body(null, 204);
      });
    },
  };
}
