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
      const messages = batches.flatMap((batch) => encodeBatch(batch));
      await publishAll(
        js,
        messages.map((m, i) => ({
          subject: eventSubject(m.table),
          payload: m.payload,
          headers: {
            [EVENT_HEADERS.table]: m.table,
            [EVENT_HEADERS.source]: appendOptions.source,
            [EVENT_HEADERS.rows]: String(m.rows),
          },
          msgId: appendOptions.idempotencyKey && `${appendOptions.idempotencyKey}:${m.table}:${i}`,
        })),
      );
      for (const m of messages) options.stats?.addRows(m.table, m.rows);
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

async function publishAll(js: JetStreamClient, messages: Outgoing[]): Promise<void> {
  try {
    await Promise.all(messages.map((m) => {
      const h = natsHeaders();
      for (const [k, v] of Object.entries(m.headers)) h.set(k, v);
      return js.publish(m.subject, m.payload, { msgID: m.msgId || undefined, headers: h });
    }));
  } catch (error) {
    throw new SinkUnavailableError(
      `Event log unavailable: JetStream did not acknowledge: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/** Split one table's rows into NDJSON messages of at most MAX_MESSAGE_BYTES (a bigger single row goes alone). */
function encodeBatch(batch: EventBatch): Array<{ table: string; payload: Uint8Array; rows: number }> {
  const encoder = new TextEncoder();
  const out: Array<{ table: string; payload: Uint8Array; rows: number }> = [];
  let lines: string[] = [];
  let size = 0;
  const flush = () => {
    if (lines.length === 0) return;
    out.push({ table: batch.table, payload: encoder.encode(lines.join("\n")), rows: lines.length });
    lines = [];
    size = 0;
  };
  for (const row of batch.rows) {
    const line = JSON.stringify(row);
    // UTF-16 length underestimates UTF-8 by at most 3x: 3 x 256 KiB still fits the default 1 MiB max_payload.
    if (size + line.length + 1 > MAX_MESSAGE_BYTES) flush();
    lines.push(line);
    size += line.length + 1;
  }
  flush();
  return out;
}

function subjectToken(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, "_") || "unknown";
}
