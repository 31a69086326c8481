/**
 * The page's one connection to `GET /api/v1/live`: reads it with `fetch` and a stream reader, keeps the last 15
 * minutes of rate samples for the overview chart, hands alerts and incident changes to subscribers, and
 * reconnects after a drop (backing off up to 10 s) until stopped.
 */
import type { ApiClient } from "./api_client.ts";
import { UnauthorizedError } from "./api_client.ts";
import { pruneRateSamples, type RateSample } from "../charts/rate_chart_data.ts";
import { SseParser } from "./sse_parser.ts";
import type { Alert, Incident } from "./types.ts";

/** What subscribers receive. */
export type LiveMessage =
  | { readonly type: "rates"; readonly sample: RateSample }
  | { readonly type: "alert"; readonly alert: Alert }
  | { readonly type: "incident"; readonly change: string; readonly incident: Incident }
  | { readonly type: "status"; readonly connected: boolean };

export class LiveFeed {
  readonly #client: ApiClient;
  readonly #listeners = new Set<(m: LiveMessage) => void>();
  readonly #abort = new AbortController();
  #samples: RateSample[] = [];
  #connected = false;

  constructor(client: ApiClient) {
    this.#client = client;
  }

  /** Rate samples inside the chart window. */
  get samples(): readonly RateSample[] {
    return this.#samples;
  }

  get connected(): boolean {
    return this.#connected;
  }

  subscribe(listener: (m: LiveMessage) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  start(): void {
    void this.#run();
  }

  stop(): void {
    this.#abort.abort();
  }

  async #run(): Promise<void> {
    let delay = 500;
    while (!this.#abort.signal.aborted) {
      try {
        const response = await this.#client.stream("/api/v1/live", this.#abort.signal);
        this.#status(true);
        delay = 500;
        const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
        const parser = new SseParser();
        while (true) {
          const { value, done } = await reader.read();
          if (done) break;
          for (const message of parser.push(value)) this.#dispatch(message.event, message.data);
        }
      } catch (error) {
        if (error instanceof UnauthorizedError) return;
      }
      this.#status(false);
      if (this.#abort.signal.aborted) return;
      await this.#sleep(delay);
      delay = Math.min(delay * 2, 10_000);
    }
  }

  /** Wait before reconnecting; `stop()` cuts the wait short so nothing outlives the feed. */
  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.#abort.signal.addEventListener("abort", () => {
        clearTimeout(timer);
        resolve();
      }, { once: true });
    });
  }

  #status(connected: boolean): void {
    if (this.#connected === connected) return;
    this.#connected = connected;
    this.#emit({ type: "status", connected });
  }

  #dispatch(event: string, data: string): void {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(data);
    } catch {
      return; // a malformed message is skipped; the next second brings another
    }
    if (event === "rates") {
      const time = Date.parse(String(body.time));
      const sample = {
        time: Number.isNaN(time) ? Date.now() : time,
        perSecond: body.perSecond as Record<string, number>,
      };
      this.#samples = pruneRateSamples([...this.#samples, sample], sample.time);
      this.#emit({ type: "rates", sample });
    } else if (event === "alert") {
      this.#emit({ type: "alert", alert: body.alert as Alert });
    } else if (event === "incident") {
      this.#emit({ type: "incident", change: String(body.change), incident: body.incident as Incident });
    }
  }

  #emit(message: LiveMessage): void {
    for (const listener of this.#listeners) listener(message);
  }
}
