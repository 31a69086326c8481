/**
 * Where ingest puts what it accepted and what it rejected. The routes only know this interface; the NATS
 * JetStream implementation lives in runtime/ (TCP in the server, WebSocket at the edge).
 */
import type { Row } from "../connector.ts";

/** Rows for one table. */
export interface EventBatch {
  readonly table: string;
  readonly rows: readonly Row[];
  /**
   * The rows' JSON text, one per row in the same order and equal to `JSON.stringify(row)`, when whoever made the
   * batch wrote it anyway (the ASim mappers do): a sink that stores JSON uses it instead of serializing again.
   */
  readonly json?: readonly string[];
}

/** A rejected input record with its reason, kept so nothing a client sent is silently dropped. */
export interface DeadLetter {
  /** The connector or protocol that received it (`syslog`, `hec`, `ingest`, ...). */
  readonly source: string;
  /** Its position in the request. */
  readonly index: number;
  readonly reason: string;
  /** The record as received (text; invalid UTF-8 replaced). */
  readonly raw: string;
  /** The table it was meant for, when known. */
  readonly table?: string;
}

/** Options of one append. */
export interface AppendOptions {
  /** Connector or protocol name, recorded with the events. */
  readonly source: string;
  /** A client's retry key: the same key and body store nothing twice. */
  readonly idempotencyKey?: string;
}

/**
 * The durable event log as ingest sees it. Both methods resolve only once the log has acknowledged everything,
 * and reject with SinkUnavailableError when it cannot be reached (the client then gets 503 and retries).
 */
export interface EventSink {
  append(batches: readonly EventBatch[], options: AppendOptions): Promise<void>;
  deadLetter(entries: readonly DeadLetter[], options: AppendOptions): Promise<void>;
}

/** The event log is unreachable or did not acknowledge in time; nothing can be promised about the request. */
export class SinkUnavailableError extends Error {
  override name = "SinkUnavailableError";
  /** Outside our control; the client should retry. */
  readonly domain = "external";
  readonly retryable = true;
}
