/**
 * The history store's own thread: the snapshotter (SIEM_EVENTS -> DuckDB-WASM tables -> Parquet) and the hunting
 * queries over it run here, in a Web Worker with its own NATS connection. DuckDB-WASM's blocking build runs every
 * statement synchronously; on the process's main thread each append of a batch stalled ingest, the HTTP server
 * and signal handling (ingest fell to a fifth of its rate with the history store in process). Messages are the
 * ones history_client.ts sends; nothing else talks to this module.
 */
/// <reference lib="deno.worker" />
import { Catalog, type StoredFunction } from "../../query/mod.ts";
import type { TableSchema } from "../../query/symbols/mod.ts";
import { type HuntingAnswer, runHunting, type TimeRange } from "../hunting.ts";
import type { LogLevel } from "../config.ts";
import { createLogger } from "../log.ts";
import { connectNats, type NatsTlsFiles } from "../nats/connect.ts";
import type { QueryLimitsConfig, QueryRequestOptions } from "./query_limits.ts";
import { type Snapshotter, startSnapshotter } from "../snapshotter.ts";

/** What the worker needs to start. */
export interface HistoryWorkerStart {
  readonly type: "start";
  readonly servers: readonly string[];
  readonly auth: { user?: string; password?: string; token?: string; creds?: string };
  readonly tls?: NatsTlsFiles;
  readonly dir: string;
  readonly retentionMs: number;
  readonly snapshotIntervalMs: number;
  readonly logLevel: LogLevel;
  /** Row and time limits of hunting queries (defaults: DEFAULT_QUERY_LIMITS). */
  readonly queryLimits?: QueryLimitsConfig;
}

/** The catalog a query binds against, as plain data (a Catalog does not cross threads). */
export interface CatalogParts {
  readonly tables: readonly TableSchema[];
  readonly functions: readonly StoredFunction[];
}

/** Messages to the worker. */
export type ToHistoryWorker =
  | HistoryWorkerStart
  | {
    readonly type: "query";
    readonly id: number;
    readonly text: string;
    readonly range?: TimeRange;
    readonly parameters?: Readonly<Record<string, unknown>>;
    readonly request?: QueryRequestOptions;
    readonly catalog: CatalogParts;
  }
  | { readonly type: "cancel"; readonly id: number }
  | { readonly type: "stop" };

/** Messages from the worker. */
export type FromHistoryWorker =
  | { readonly type: "ready" }
  | { readonly type: "failed"; readonly message: string }
  | { readonly type: "answer"; readonly id: number; readonly answer: HuntingAnswer }
  | { readonly type: "stopped" };

let store: Snapshotter | undefined;
let close: (() => Promise<void>) | undefined;
let queryLimits: QueryLimitsConfig | undefined;
let catalog = Catalog.builtin();
const running = new Map<number, AbortController>();
const post = (message: FromHistoryWorker) => self.postMessage(message);

async function start(message: HistoryWorkerStart): Promise<void> {
  const log = createLogger(message.logLevel, { component: "snapshots" });
  queryLimits = message.queryLimits;
  try {
    const nc = await connectNats([...message.servers], {
      ...message.auth,
      tls: message.tls,
      name: "siem-history",
    });
    store = await startSnapshotter({
      nc,
      catalog: () => catalog,
      logger: log,
      dir: message.dir,
      retentionMs: message.retentionMs,
      snapshotIntervalMs: message.snapshotIntervalMs,
    });
    close = async () => {
      await store?.stop();
      await nc.drain().catch(() => {});
    };
    post({ type: "ready" });
  } catch (error) {
    log.error("History store failed to start", { error });
    post({ type: "failed", message: error instanceof Error ? error.message : String(error) });
  }
}

async function query(message: Extract<ToHistoryWorker, { type: "query" }>): Promise<void> {
  const controller = new AbortController();
  running.set(message.id, controller);
  try {
    catalog = new Catalog(message.catalog.tables).replaceFunctions(message.catalog.functions);
    const answer = store
      ? await runHunting(store, message.text, {
        catalog,
        range: message.range,
        parameters: message.parameters,
        request: message.request,
        limits: { ...queryLimits, signal: controller.signal },
      })
      : { error: { code: "unavailable", message: "The history store is not running" } };
    post({ type: "answer", id: message.id, answer });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    post({ type: "answer", id: message.id, answer: { error: { code: "internal", message: text } } });
  } finally {
    running.delete(message.id);
  }
}

self.onmessage = (event: MessageEvent<ToHistoryWorker>) => {
  const message = event.data;
  switch (message.type) {
    case "start":
      void start(message);
      break;
    case "query":
      void query(message);
      break;
    case "cancel":
      running.get(message.id)?.abort();
      break;
    case "stop":
      void (close?.() ?? Promise.resolve()).finally(() => post({ type: "stopped" }));
      break;
  }
};
