/**
 * The EventSink over JetStream. Rows are batched into messages of at most ~256 KiB (NDJSON, one row per line) on
 * `siem.events.{Table}`; dead letters go one per message to `siem.deadletter.{source}`. With an idempotency key
 * every message gets a deterministic `Nats-Msg-Id`, so a retried request within the stream's duplicate window
 * stores nothing twice.
 */
import { headers as natsHeaders, type NatsConnection } from "@nats-io/nats-core";
import { jetstream, type JetStreamClient } from "@nats-io/jetstream";
import type { EventBatch, EventSink } from "../../connectors/http/event_sink.ts";
import { SinkUnavailableError } from "../../connectors/http/event_sink.ts";
import type { IngestStats } from "./ingest_stats.ts";
import { eventSubject } from "./topology.ts";

/** Largest payload per message: well under nats-server's default 1 MiB max_payload. */
export const MAX_MESSAGE_BYTES = 256 * 1024;

/** Header names on event messages (documented in the README). */
export const EVENT_HEADERS = { table: "Siem-Table", source: "Siem-Source", rows: "Siem-Rows" } as const;

const DECODER = new TextDecoder();

/**
 * The rows of an event message (NDJSON, as the sink writes them). Lines that are not a JSON object are skipped:
 * ingest writes only objects, and a foreign publisher's garbage must not stop a reader.
 *
 * @param data the message payload
 * @returns the rows, in message order
 */
export function decodeEventRows(data: Uint8Array): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const line of DECODER.decode(data).split("\n")) {
    if (line === "") continue;
    try {
      const row = JSON.parse(line);
      if (typeof row === "object" && row !== null && !Array.isArray(row)) rows.push(row);
    } catch {
      // skipped, as above
    }
  }
  return rows;
}

/** Headers of an event message holding one row. */
export function rowHeaders(table: string, source: string) {
  const h = natsHeaders();
  h.set(EVENT_HEADERS.table, table);
  h.set(EVENT_HEADERS.source, source);
  h.set(EVENT_HEADERS.rows, "1");
  return h;
}

/**
 * Build the JetStream event sink.
 *
 * @param nc the connection
 * @param options `connected` tells whether the connection is up now (fail fast with 503 instead of hanging);
 *   `timeoutMs` bounds each acknowledgment; `stats` counts what was acknowledged, for the live view
 * @returns the sink
 */
export function natsEventSink(
  nc: NatsConnection,
  options: { connected?: () => boolean; timeoutMs?: number; stats?: IngestStats } = {},
): EventSink {
  const js = jetstream(nc, { timeout: options.timeoutMs ?? 5000 });
  const connected = options.connected ?? (() => !nc.isClosed());
  const ensureUp = () => {
    if (!connected() || nc.isClosed()) {
      throw new SinkUnavailableError("Event log unavailable: NATS is not connected");
    }
  };
  return {
    async append(batches, appendOptions) {
      ensureUp();
      const counts: Array<{ table: string; rows: number }> = [];
      await publishAll(
        js,
        function* () {
          let i = 0;
          for (const batch of batches) {
            for (const m of encodeBatch(batch)) {
              counts.push({ table: m.table, rows: m.rows });
              yield {
                subject: eventSubject(m.table),
                payload: m.payload,
                headers: {
                  [EVENT_HEADERS.table]: m.table,
                  [EVENT_HEADERS.source]: appendOptions.source,
                  [EVENT_HEADERS.rows]: String(m.rows),
                },
                msgId: appendOptions.idempotencyKey && `${appendOptions.idempotencyKey}:${m.table}:${i++}`,
              };
            }
          }
        }(),
      );
      for (const m of counts) options.stats?.addRows(m.table, m.rows);
    },
    async deadLetter(entries, appendOptions) {
      if (entries.length === 0) return;
      ensureUp();
      const encoder = new TextEncoder();
      await publishAll(
        js,
        entries.map((e) => ({
          subject: `siem.deadletter.${subjectToken(e.source)}`,
          payload: encoder.encode(JSON.stringify({ ...e, receivedAt: new Date().toISOString() })),
          headers: {},
          msgId: appendOptions.idempotencyKey && `${appendOptions.idempotencyKey}:dl:${e.source}:${e.index}`,
        })),
      );
      options.stats?.addDeadLetters(entries.length);
    },
  };
}

interface Outgoing {
  subject: string;
  payload: Uint8Array;
  headers: Record<string, string>;
  msgId: string | undefined;
}

/**
 * Publish messages and wait for every acknowledgment. Each message is sent as soon as it is produced, so
 * nats-server stores the first ones while the next are still being encoded.
 */
async function publishAll(js: JetStreamClient, messages: Iterable<Outgoing>): Promise<void> {
  const acks: Promise<unknown>[] = [];
  try {
    for (const m of messages) acks.push(send(js, m));
  } catch (error) {
    // Encoding failed (our bug, not the event log's): nothing is acknowledged, and no rejection goes unhandled.
    for (const ack of acks) ack.catch(() => {});
    throw error;
  }
  try {
    await Promise.all(acks);
  } catch (error) {
    throw new SinkUnavailableError(
      `Event log unavailable: JetStream did not acknowledge: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

function send(js: JetStreamClient, m: Outgoing): Promise<unknown> {
  try {
    const h = natsHeaders();
    for (const [k, v] of Object.entries(m.headers)) h.set(k, v);
    return js.publish(m.subject, m.payload, { msgID: m.msgId || undefined, headers: h });
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * Split one table's rows into NDJSON messages of at most MAX_MESSAGE_BYTES (a bigger single row goes alone),
 * each yielded as soon as it is complete.
 */
function* encodeBatch(batch: EventBatch): Generator<{ table: string; payload: Uint8Array; rows: number }> {
  let lines: string[] = [];
  let size = 0;
  // Text the batch already carries is used as is: `rows` is not even read then (it may be made on demand).
  const json = batch.json;
  const count = json !== undefined ? json.length : batch.rows.length;
  for (let i = 0; i < count; i++) {
    const line = json !== undefined ? json[i] : JSON.stringify(batch.rows[i]);
    // UTF-16 length underestimates UTF-8 by at most 3x: 3 x 256 KiB still fits the default 1 MiB max_payload.
    if (size + line.length + 1 > MAX_MESSAGE_BYTES && lines.length > 0) {
      yield { table: batch.table, payload: ENCODER.encode(lines.join("\n")), rows: lines.length };
      lines = [];
      size = 0;
    }
    lines.push(line);
    size += line.length + 1;
  }
  if (lines.length > 0) {
    yield { table: batch.table, payload: ENCODER.encode(lines.join("\n")), rows: lines.length };
  }
}

const ENCODER = new TextEncoder();

function subjectToken(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, "_") || "unknown";
}
