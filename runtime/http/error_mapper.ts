/**
 * The single place where errors become HTTP responses: every error, 404 included, leaves as
 * `{"error":{"code","message"}}`; unexpected errors are logged with a request id and answered 500 without detail.
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Logger } from "../log.ts";
import { errorBody, HttpError } from "./http_error.ts";

/**
 * Build the `onError` handler.
 *
 * @param logger where unexpected errors are logged
 * @returns a Hono error handler
 */
export function errorMapper(logger: Logger): (error: Error, c: Context) => Response {
  return (error, c) => {
    if (error instanceof HttpError) {
      for (const [k, v] of Object.entries(error.headers)) c.header(k, v);
      return c.json(errorBody(error.code, error.message), error.status);
    }
    if (error instanceof HTTPException) {
      const status = error.status;
      const code = status === 413 ? "payload_too_large" : status === 401 ? "unauthenticated" : "bad_request";
      return c.json(errorBody(code, error.message || "Request failed"), status);
    }
    if (natsUnavailable(error)) {
      // Not a bug: the event log is restarting or electing a leader; the client should retry, as ingest's 503 says.
      logger.warn("Request failed: NATS unavailable", { error, method: c.req.method, path: c.req.path });
      c.header("Retry-After", "1");
      return c.json(
        errorBody("unavailable", "Service unavailable: NATS is not reachable, retry shortly"),
        503,
      );
    }
    logger.error("Request failed: unexpected error", {
      error,
      method: c.req.method,
      path: c.req.path,
      requestId: c.res.headers.get("X-Request-Id") ?? undefined,
    });
    return c.json(errorBody("internal", "Internal error: the request could not be completed"), 500);
  };
}

/** nats.js errors that mean "not connected now" (by name: they come from several packages), also as a cause. */
const NATS_UNAVAILABLE = new Set([
  "ConnectionError",
  "ClosedConnectionError",
  "NoRespondersError",
  "RequestError",
  "TimeoutError",
]);

function natsUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (NATS_UNAVAILABLE.has(e.name)) return true;
  }
  return false;
}

/** The `notFound` handler. */
export function notFound(c: Context): Response {
  return c.json(errorBody("not_found", `No route for ${c.req.method} '${c.req.path}'`), 404);
}
