/**
 * The main thread's side of the history store: starts history_worker.ts in a Web Worker and turns hunting
 * queries into messages to it. Queries wait until the worker's store is ready (DuckDB-WASM compiles and the
 * snapshots load for seconds after start); a cancelled query (client gone) is cancelled in the worker too.
 */
import type { Catalog } from "../../query/mod.ts";
import type { HuntingAnswer, TimeRange } from "../hunting.ts";
import type { Logger } from "../log.ts";
import type { FromHistoryWorker, HistoryWorkerStart, ToHistoryWorker } from "./history_worker.ts";
import type { QueryRequestOptions } from "./query_limits.ts";

/** The running history store, seen from the main thread. */
export interface HistoryClient {
  /** Run a hunting query over the history tables. */
  query(
    text: string,
    options: {
      catalog: Catalog;
      range?: TimeRange;
      parameters?: Readonly<Record<string, unknown>>;
      /** What the request asked of the row and time limits (Kusto request properties). */
      request?: QueryRequestOptions;
      signal?: AbortSignal;
    },
  ): Promise<HuntingAnswer>;
  /** Stop the snapshotter (it writes what it holds) and end the worker. */
  stop(): Promise<void>;
}

/**
 * Start the history store's worker.
 *
 * @param start what the worker needs (NATS servers and credentials, snapshot folder, retention, query limits)
 * @param logger for a worker that dies
 * @returns the client
 */
export function startHistoryWorker(
  start: Omit<HistoryWorkerStart, "type">,
  logger: Logger,
): HistoryClient {
  const worker = new Worker(new URL("./history_worker.ts", import.meta.url).href, { type: "module" });
  const send = (message: ToHistoryWorker) => worker.postMessage(message);
  const ready = Promise.withResolvers<void>();
  const stopped = Promise.withResolvers<void>();
  const pending = new Map<number, (answer: HuntingAnswer) => void>();
  let nextId = 1;
  let failure: string | undefined;
  const failAll = (message: string) => {
    failure = message;
    ready.reject(new Error(message));
    for (const resolve of pending.values()) resolve({ error: { code: "unavailable", message } });
    pending.clear();
  };
  ready.promise.catch(() => {}); // a failed start is reported to each query instead
  worker.onmessage = (event: MessageEvent<FromHistoryWorker>) => {
    const message = event.data;
    if (message.type === "ready") ready.resolve();
    else if (message.type === "failed") failAll(`The history store failed to start: ${message.message}`);
    else if (message.type === "stopped") stopped.resolve();
    else if (message.type === "answer") {
      pending.get(message.id)?.(message.answer);
      pending.delete(message.id);
    }
  };
  worker.onerror = (event) => {
    event.preventDefault();
    logger.error("History store worker failed", { error: event.message });
    failAll(`The history store stopped: ${event.message}`);
    stopped.resolve();
  };
  send({ type: "start", ...start });

  return {
    async query(text, options) {
      try {
        await ready.promise;
      } catch {
        return { error: { code: "unavailable", message: failure ?? "The history store is not running" } };
      }
      const id = nextId++;
      const answer = new Promise<HuntingAnswer>((resolve) => pending.set(id, resolve));
      const { catalog } = options;
      send({
        type: "query",
        id,
        text,
        range: options.range,
        parameters: options.parameters,
        request: options.request,
        catalog: {
          tables: catalog.names().flatMap((name) => catalog.get(name) ?? []),
          functions: catalog.functions(),
        },
      });
      const cancel = () => send({ type: "cancel", id });
      options.signal?.addEventListener("abort", cancel, { once: true });
      try {
        return await answer;
      } finally {
        options.signal?.removeEventListener("abort", cancel);
      }
    },
    async stop() {
      if (failure === undefined) {
        send({ type: "stop" });
        // Bounded: a worker stuck in a long statement must not hold up the process's shutdown for good.
        let timer: ReturnType<typeof setTimeout> | undefined;
        const late = new Promise((resolve) => (timer = setTimeout(resolve, 5000)));
        await Promise.race([stopped.promise, late]);
        clearTimeout(timer);
      }
      worker.terminate();
    },
  };
}
