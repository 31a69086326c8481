/**
 * `GET /api/v1/live`: Server-Sent Events with per-table event rates every second (`event: rates`), new alerts
 * (`event: alert`) and incident changes (`event: incident`); each `data:` is one JSON object. A comment line every
 * 15 s keeps proxies from closing an idle stream. Browsers read it with `fetch` (to send the bearer token).
 */
import { streamSSE } from "hono/streaming";
import type { LiveHub } from "../live_hub.ts";
import type { RouteModule } from "./app.ts";

/**
 * Routes for the live stream.
 *
 * @param hub the process's live hub
 * @returns the route module
 */
export function liveRoutes(hub: LiveHub): RouteModule {
  return {
    api(app) {
      app.get("/api/v1/live", (c) =>
        streamSSE(c, async (stream) => {
          const closed = Promise.withResolvers<void>();
          stream.onAbort(() => closed.resolve());
          hub.closed.then(() => closed.resolve());
          let id = 0;
          const unsubscribe = hub.subscribe((event) => {
            void stream.writeSSE({ event: event.type, data: JSON.stringify(event), id: String(++id) }).catch(
              () => closed.resolve(),
            );
          });
          const keepAlive = setInterval(
            () => void stream.write(": keep-alive\n\n").catch(() => closed.resolve()),
            15_000,
          );
          await stream.writeSSE({ event: "hello", data: JSON.stringify({ time: new Date().toISOString() }) });
          await closed.promise;
          clearInterval(keepAlive);
          unsubscribe();
        }));
    },
  };
}
