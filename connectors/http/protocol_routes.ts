/**
 * The ingest doors of other tools' protocols, answering in each protocol's own shape so its clients work
 * unchanged, with our `{"error":{"code","message"}}` object added to every error answer:
 * - Splunk HEC: `POST /services/collector`, `/services/collector/event`, `/services/collector/raw`
 * - Azure Monitor Logs Ingestion API: `POST /dataCollectionRules/{id}/streams/{stream}` (204 on success)
 * - Elasticsearch bulk API: `POST /_bulk`, `POST /{index}/_bulk` (the per-item answer shippers check)
 * - OTLP/HTTP logs, JSON encoding: `POST /v1/logs`
 *
 * Like the native routes, each answers only after the event log acknowledged every stored row and dead letter.
 * Retries: `Idempotency-Key` everywhere; Azure SDKs resend `x-ms-client-request-id` unchanged on retry, so it
 * serves as the key there; for HEC, whose clients send no id, the body's SHA-256 does.
 */
import { type Context, Hono } from "hono";
import type { JsonValue, RecordError } from "../connector.ts";
import { decodeText } from "../encode/decode_text.ts";
import { hecEventsToRecords, hecResponse, parseHecEvents, parseHecRaw } from "../splunk_hec/mod.ts";
import { parseLogsIngestion } from "../logs_ingestion/mod.ts";
import { bulkRequestErrorResponse, bulkResponse, bulkToRecords, parseBulk } from "../elastic_bulk/mod.ts";
import { otlpLogsResponse, parseOtlpLogs } from "../otlp/mod.ts";
import type { TableSchema } from "../../query/symbols/mod.ts";
import { SinkUnavailableError } from "./event_sink.ts";
import {
  batchesOf,
  idempotencyKey,
  type IngestDeps,
  jsonError,
  persist,
  unavailable,
} from "./ingest_routes.ts";

/**
 * Build the protocol routes (mount them behind authentication).
 *
 * @param deps sink, custom tables, observer, scopes
 * @returns a Hono app with the routes
 */
export function protocolRoutes(deps: IngestDeps): Hono {
  const app = new Hono();
  const now = deps.now ?? (() => new Date());
  const known = () => new Map(deps.customTables.list().map((t) => [t.name, t]));
  const remember = async (schemas: readonly TableSchema[]) => {
    for (const schema of schemas) {
      if (!deps.customTables.get(schema.name)) await deps.customTables.put(schema);
    }
  };
  /** Persist, then build the answer; a down event log becomes 503 whatever the protocol. */
  const stored = async (
    c: Context,
    r: Parameters<typeof persist>[1],
    answer: () => Response,
  ): Promise<Response> => {
    try {
      await persist(deps, r);
    } catch (error) {
      if (error instanceof SinkUnavailableError) return unavailable(c, error);
      throw error;
    }
    return answer();
  };
  const refused = (c: Context, target: { table?: string; connector?: string }) =>
    deps.allowed && !deps.allowed(c, target)
      ? jsonError(
        c,
        403,
        "forbidden",
        `This token may not ${
          target.table ? `write to table '${target.table}'` : `use '${target.connector}'`
        }`,
      )
      : undefined;

  // Splunk HEC. Defaults for events come from the query string, as Splunk allows.
  const hec = (raw: boolean) => async (c: Context) => {
    const denied = refused(c, { connector: "hec" });
    if (denied) return denied;
    const explicitKey = idempotencyKey(c);
    if (typeof explicitKey === "object") return explicitKey;
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    // HEC clients retry a batch byte for byte and send no id of their own; HEC events carry their own times, so
    // an identical body within the duplicate window is taken as that retry.
    const key = explicitKey ?? `hec-${await sha256Hex(bytes)}`;
    const { text } = decodeText(bytes);
    const defaults = {
      host: c.req.query("host"),
      source: c.req.query("source"),
      sourcetype: c.req.query("sourcetype"),
      index: c.req.query("index"),
    };
    const parsed = raw ? parseHecRaw(text, defaults) : parseHecEvents(text, defaults);
    const result = hecEventsToRecords(parsed.events, {
      context: { receivedAt: now() },
      customTables: known(),
    });
    await remember(result.schemas);
    const errors: RecordError[] = [...result.errors];
    if (parsed.error && parsed.error.code !== 5) {
      errors.push({
        index: parsed.error.invalidEventNumber ?? parsed.events.length,
        message: parsed.error.detail ?? parsed.error.text,
        raw: text.length > 65_536 ? text.slice(0, 65_536) : text,
      });
    }
    return await stored(c, { source: "hec", key, batches: batchesOf(result.records), errors }, () => {
      if (!parsed.error) return c.json(hecResponse(null), 200);
      const body = hecResponse(parsed.error) as Record<string, JsonValue>;
      body.error = { code: "invalid_hec_data", message: parsed.error.detail ?? parsed.error.text };
      return c.json(body, 400);
    });
  };
  app.post("/services/collector", hec(false));
  app.post("/services/collector/event", hec(false));
  app.post("/services/collector/event/1.0", hec(false));
  app.post("/services/collector/raw", hec(true));
  app.post("/services/collector/raw/1.0", hec(true));
  app.get("/services/collector/health", (c) => c.json({ text: "HEC is healthy", code: 17 }));

  // Azure Monitor Logs Ingestion API.
  app.post("/dataCollectionRules/:id/streams/:stream", async (c) => {
    const stream = c.req.param("stream");
    const table = /^(?:Custom|Microsoft)-(.+)$/.exec(stream)?.[1];
    const denied = refused(c, table ? { table } : { connector: "logs-ingestion" });
    if (denied) return denied;
    const key = idempotencyKey(c) ?? c.req.header("x-ms-client-request-id");
    if (typeof key === "object") return key;
    const result = parseLogsIngestion(new Uint8Array(await c.req.arrayBuffer()), {
      stream,
      context: { receivedAt: now() },
      customTables: known(),
    });
    if (result.inferred && result.schema) await remember([result.schema]);
    return await stored(
      c,
      { source: "logs-ingestion", key, batches: batchesOf(result.records), errors: result.errors, table },
      () => {
        if (result.errors.length === 0) return c.body(null, 204);
        const first = result.errors[0];
        return jsonError(
          c,
          400,
          "invalid_records",
          `Rejected ${result.errors.length} of ${result.errors.length + result.records.length} records ` +
            `(stored the others): record ${first.index}: ${first.message}`,
        );
      },
    );
  });

  // Elasticsearch bulk API.
  const bulk = async (c: Context) => {
    const denied = refused(c, { connector: "elasticsearch" });
    if (denied) return denied;
    const key = idempotencyKey(c);
    if (typeof key === "object") return key;
    const started = Date.now();
    const { text } = decodeText(new Uint8Array(await c.req.arrayBuffer()));
    const parsed = parseBulk(text, { defaultIndex: c.req.param("index") });
    if (!parsed.ok) {
      const { error, status } = bulkRequestErrorResponse(parsed.error);
      const errors = [{ index: 0, message: parsed.error.reason, raw: text.slice(0, 65_536) }];
      return await stored(c, { source: "elasticsearch", key, batches: [], errors }, () =>
        c.json({
          error: {
            ...(error as Record<string, JsonValue>),
            code: "invalid_body",
            message: parsed.error.reason,
          },
          status,
        }, 400));
    }
    const result = bulkToRecords(parsed.operations, {
      context: { receivedAt: now() },
      customTables: known(),
    });
    await remember(result.schemas);
    const failures = new Map(result.errors.map((e) => [e.index, { reason: e.message }]));
    return await stored(
      c,
      { source: "elasticsearch", key, batches: batchesOf(result.records), errors: result.errors },
      () => c.json(bulkResponse(parsed.operations, { took: Date.now() - started, failures }), 200),
    );
  };
  app.post("/_bulk", bulk);
  app.post("/:index/_bulk", bulk);

  // OTLP/HTTP logs (JSON only; protobuf clients must set the JSON encoding).
  app.post("/v1/logs", async (c) => {
    const denied = refused(c, { connector: "otlp" });
    if (denied) return denied;
    const type = c.req.header("Content-Type") ?? "";
    if (type.includes("protobuf")) {
      return jsonError(
        c,
        415,
        "unsupported_media_type",
        "OTLP protobuf is not supported: send the JSON encoding (application/json)",
      );
    }
    const key = idempotencyKey(c);
    if (typeof key === "object") return key;
    const result = parseOtlpLogs(new Uint8Array(await c.req.arrayBuffer()), {
      receivedAt: now(),
      contentType: type,
    });
    const whole = result.records.length === 0 && result.errors.length === 1 && result.errors[0].position;
    return await stored(
      c,
      { source: "otlp", key, batches: batchesOf(result.records), errors: result.errors },
      () =>
        whole
          ? jsonError(c, 400, "invalid_body", result.errors[0].message)
          : c.json(otlpLogsResponse(result), 200),
    );
  });

  return app;
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}
