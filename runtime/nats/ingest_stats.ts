/**
 * Ingest counters for the live view. Every node that stores events (server or edge) counts the rows JetStream
 * acknowledged, per table, and the dead letters it stored, and publishes the counts at most once per interval as
 * one small core-NATS message on `siem.stats.ingest`. The live hub sums those messages, so it no longer has to
 * receive every event payload just to count rows (which doubled the NATS traffic to an API node at high ingest).
 */
import type { NatsConnection } from "@nats-io/nats-core";

/** The subject the counts go to. */
export const INGEST_STATS_SUBJECT = "siem.stats.ingest";

/** One published message. */
export interface IngestStatsMessage {
  /** Rows acknowledged per table since the previous message of this node. */
  readonly rows: Record<string, number>;
  /** Dead letters stored since the previous message of this node. */
  readonly deadLetters: number;
}

/** Counts appended rows and publishes them. */
export class IngestStats {
  readonly #nc: NatsConnection;
  readonly #intervalMs: number;
  #rows: Record<string, number> = {};
  #deadLetters = 0;
  #pending = false;
  #lastFlush = -Infinity;

  /**
   * @param nc where to publish
   * @param options `intervalMs`: the least time between two messages (default 1 s)
   */
  constructor(nc: NatsConnection, options: { intervalMs?: number } = {}) {
    this.#nc = nc;
    this.#intervalMs = options.intervalMs ?? 1000;
  }

  /** Count acknowledged rows; publishes when the interval has passed (the edge has no timer of its own). */
  addRows(table: string, rows: number): void {
    this.#rows[table] = (this.#rows[table] ?? 0) + rows;
    this.#pending = true;
    this.#flushIfDue();
  }

  /** Count stored dead letters. */
  addDeadLetters(count: number): void {
    this.#deadLetters += count;
    this.#pending = true;
    this.#flushIfDue();
  }

  #flushIfDue(): void {
    if (performance.now() - this.#lastFlush >= this.#intervalMs) this.flush();
  }

  /** Publish what was counted since the last message, if anything. Never throws: counts are best effort. */
  flush(): void {
    if (!this.#pending) return;
    const message: IngestStatsMessage = { rows: this.#rows, deadLetters: this.#deadLetters };
    this.#rows = {};
    this.#deadLetters = 0;
    this.#pending = false;
    this.#lastFlush = performance.now();
    try {
      if (!this.#nc.isClosed()) this.#nc.publish(INGEST_STATS_SUBJECT, JSON.stringify(message));
    } catch {
      // A disconnected client buffers or refuses; losing one second of a rate chart is acceptable.
    }
  }

  /**
   * Flush on a timer too, so the last counts of a burst are not held until the next request.
   *
   * @returns a function that stops the timer (and flushes once more)
   */
  startTimer(): () => void {
    const timer = setInterval(() => this.flush(), this.#intervalMs);
    return () => {
      clearInterval(timer);
      this.flush();
    };
  }
}
