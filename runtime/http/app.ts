/**
 * Assembles the Hono app: request ids, metrics, body limit, auth, the error mapper, and the routes that each
 * feature contributes. Open without a token (CONTRACTS.md section 3): `/healthz`, `/readyz`, the UI's static files
 * and the Kusto clients' `/v1/rest/auth/metadata`. Everything else, `/metrics` included, needs a token; an unknown
 * path answers 401 before 404 so that probing reveals nothing.
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import type { Logger } from "../log.ts";
import { type Principal, requireToken, type TokenVerifier } from "./auth.ts";
import { errorMapper, notFound } from "./error_mapper.ts";
import { HttpError } from "./http_error.ts";
import type { Metrics } from "./metrics.ts";
import { ingestRateLimit, type RateLimit } from "./rate_limit.ts";

/** Hono environment of authenticated routes. */
export type ApiEnv = { Variables: { principal: Principal } };

/** The result of a readiness probe. */
export interface Readiness {
  readonly ready: boolean;
  readonly checks: Record<string, boolean>;
}

/** A feature's routes: `open` ones need no token, `api` ones do. */
export interface RouteModule {
  open?(app: Hono): void;
  api?(app: Hono<ApiEnv>): void;
}

/** What the app needs from the composition root. */
export interface AppDeps {
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly verifier: TokenVerifier;
  readonly maxBodyBytes: number;
  readiness(): Promise<Readiness>;
  readonly modules: readonly RouteModule[];
  /** Ingest rate limit of a token, when it has one. */
  readonly ingestLimit?: (principal: Principal) => RateLimit | undefined;
}

/**
 * Build the HTTP application.
 *
 * @param deps the collaborators
 * @returns a Hono app whose `fetch` serves every route
 */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.onError(errorMapper(deps.logger));
  app.notFound(notFound);

  app.use("*", async (c, next) => {
    const requestId = c.req.header("X-Request-Id") ?? crypto.randomUUID();
    c.header("X-Request-Id", requestId);
    const started = performance.now();
    try {
      await next();
    } finally {
      const route = c.req.routePath || "unmatched";
      const labels = { method: c.req.method, route, status: String(c.res.status) };
      deps.metrics.inc("siem_http_requests_total", "HTTP requests by route and status", labels);
      deps.metrics.inc(
        "siem_http_request_seconds_total",
        "Time spent answering HTTP requests, by route and status",
        labels,
        (performance.now() - started) / 1000,
      );
    }
  });
  // nosniff, frame and referrer policies, same-origin isolation; the UI's routes add their Content-Security-Policy.
  app.use("*", secureHeaders({ strictTransportSecurity: false }));
  app.use(
    "*",
    bodyLimit({
      maxSize: deps.maxBodyBytes,
      onError: () => {
        throw new HttpError(
          413,
          "payload_too_large",
          `Request body exceeds the limit of ${deps.maxBodyBytes} bytes`,
        );
      },
    }),
  );

  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/readyz", async (c) => {
    const r = await deps.readiness();
    return c.json({ status: r.ready ? "ready" : "not_ready", checks: r.checks }, r.ready ? 200 : 503);
  });
  for (const m of deps.modules) m.open?.(app);

  const api = new Hono<ApiEnv>();
  api.use("*", requireToken(deps.verifier));
  if (deps.ingestLimit) api.use("*", ingestRateLimit(deps.ingestLimit));
  api.get(
    "/metrics",
    (c) => c.text(deps.metrics.render(), 200, { "Content-Type": "text/plain; version=0.0.4" }),
  );
  for (const m of deps.modules) m.api?.(api);
  app.route("/", api);
  return app;
}
