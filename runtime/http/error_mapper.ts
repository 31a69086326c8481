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
    logger.error("Request failed: unexpected error", {
      error,
      method: c.req.method,
      path: c.req.path,
      requestId: c.res.headers.get("X-Request-Id") ?? undefined,
    });
    return c.json(errorBody("internal", "Internal error: the request could not be completed"), 500);
  };
}

/** The `notFound` handler. */
export function notFound(c: Context): Response {
  return c.json(errorBody("not_found", `No route for ${c.req.method} '${c.req.path}'`), 404);
}
