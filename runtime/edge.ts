/**
 * The edge entry point: the ingest routes as a standard `fetch` handler (`export default { fetch }`), for Deno
 * Deploy, Cloudflare Workers (workerd) and other web-standard runtimes. It uses only web APIs and reaches NATS over
 * WebSocket; no file system, no processes, no Deno namespace.
 *
 * Configuration comes from the runtime's environment bindings (the second `fetch` argument on Workers, or the
 * process environment on Deno): `NATS_URL` (ws:// or wss://), `NATS_USER`/`NATS_PASSWORD` or `NATS_TOKEN`, and
 * `SIEM_API_TOKEN` (required: the edge has no data folder to keep a generated one in).
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { type NatsConnection, wsconnect } from "@nats-io/nats-core";
import { ingestRoutes } from "../connectors/http/ingest_routes.ts";
import { memoryCustomTables } from "../connectors/http/custom_tables.ts";
import { Catalog } from "../query/symbols/mod.ts";
import { natsEventSink } from "./nats/event_publisher.ts";
import { IngestStats } from "./nats/ingest_stats.ts";
import { asimSink } from "../connectors/asim/mod.ts";
import { CONNECTORS } from "../connectors/mod.ts";
import { protocolRoutes } from "../connectors/http/protocol_routes.ts";
import { HttpError } from "./http/http_error.ts";
import { type EventSink, SinkUnavailableError } from "../connectors/http/event_sink.ts";
import { adminTokenVerifier, requireToken } from "./http/auth.ts";
import { errorMapper, notFound } from "./http/error_mapper.ts";
import { createLogger } from "./log.ts";

/** The bindings the edge reads. */
export interface EdgeEnv {
  NATS_URL?: string;
  NATS_USER?: string;
  NATS_PASSWORD?: string;
  NATS_TOKEN?: string;
  SIEM_API_TOKEN?: string;
  SIEM_MAX_BODY_BYTES?: string;
}

/**
 * Build an edge app for one set of bindings. The NATS connection is opened on first use and kept for the
 * isolate's life; requests while it is down get 503.
 *
 * @param env the bindings
 * @returns the app
 */
export function createEdgeApp(env: EdgeEnv): Hono {
  const servers = (env.NATS_URL ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (servers.length === 0 || !servers.every((s) => /^wss?:\/\//.test(s))) {
    throw new Error("Invalid configuration: NATS_URL must be one or more ws:// or wss:// URLs at the edge");
  }
  if (!env.SIEM_API_TOKEN || env.SIEM_API_TOKEN.length < 16) {
    throw new Error("Invalid configuration: SIEM_API_TOKEN must be set (at least 16 characters) at the edge");
  }
  const logger = createLogger("info", { sink: (line) => console.error(line) });
  let connection: Promise<NatsConnection> | undefined;
  let connected = false;
  const nats = () => {
    connection ??= wsconnect({
      servers,
      user: env.NATS_USER,
      pass: env.NATS_PASSWORD,
      token: env.NATS_TOKEN,
      name: "siem-edge",
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
    }).then((nc) => {
      connected = true;
      (async () => {
        for await (const s of nc.status()) {
          if (s.type === "disconnect") connected = false;
          else if (s.type === "reconnect") connected = true;
        }
      })();
      return nc;
    }, (error) => {
      connection = undefined; // try again on the next request
      throw error;
    });
    return connection;
  };

  // One sink per connection; a failed connect is a SinkUnavailableError, which the routes answer with 503.
  let sink: Promise<EventSink> | undefined;
  const currentSink = () =>
    sink ??= nats().then(
      // No timer at the edge: counts are published by the requests themselves, at most once a second.
      (nc) => asimSink(natsEventSink(nc, { connected: () => connected, stats: new IngestStats(nc) })),
      (error) => {
        sink = undefined;
        logger.warn("Edge cannot reach NATS", { error });
        throw new SinkUnavailableError("Event log unavailable: cannot reach NATS", { cause: error });
      },
    );
  const lazySink: EventSink = {
    append: async (batches, options) => (await currentSink()).append(batches, options),
    deadLetter: async (entries, options) => (await currentSink()).deadLetter(entries, options),
  };

  const maxBody = Number(env.SIEM_MAX_BODY_BYTES ?? 10 * 1024 * 1024);
  const app = new Hono();
  app.onError(errorMapper(logger));
  app.notFound(notFound);
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.use(
    "*",
    bodyLimit({
      maxSize: maxBody,
      onError: () => {
        throw new HttpError(413, "payload_too_large", `Request body exceeds the limit of ${maxBody} bytes`);
      },
    }),
  );
  app.use("*", requireToken(adminTokenVerifier(env.SIEM_API_TOKEN)));
  const deps = {
    sink: lazySink,
    catalog: Catalog.builtin(),
    // The edge learns custom tables per isolate; the server's KV copy stays the shared record.
    customTables: memoryCustomTables(),
    connectors: CONNECTORS,
  };
  app.route("/", ingestRoutes(deps));
  app.route("/", protocolRoutes(deps));
  return app;
}

let cached: { key: string; app: Hono } | undefined;

/** The module-worker shape: `fetch(request, env)`. */
export default {
  fetch(request: Request, env?: unknown): Response | Promise<Response> {
    // Workers pass their bindings; `deno serve` passes connection info instead, so fall back to the environment.
    const bindings = isBindings(env) ? env : readProcessEnv();
    const key = JSON.stringify(bindings);
    if (cached?.key !== key) cached = { key, app: createEdgeApp(bindings) };
    return cached.app.fetch(request);
  },
};

function isBindings(env: unknown): env is EdgeEnv {
  return typeof env === "object" && env !== null && ("NATS_URL" in env || "SIEM_API_TOKEN" in env);
}

/** Deno Deploy and plain Deno pass no bindings: read the same names from the environment when it exists. */
function readProcessEnv(): EdgeEnv {
  const g = globalThis as { Deno?: { env: { get(name: string): string | undefined } } };
  const get = (name: string) => g.Deno?.env.get(name);
  return {
    NATS_URL: get("NATS_URL"),
    NATS_USER: get("NATS_USER"),
    NATS_PASSWORD: get("NATS_PASSWORD"),
    NATS_TOKEN: get("NATS_TOKEN"),
    SIEM_API_TOKEN: get("SIEM_API_TOKEN"),
    SIEM_MAX_BODY_BYTES: get("SIEM_MAX_BODY_BYTES"),
  };
}
