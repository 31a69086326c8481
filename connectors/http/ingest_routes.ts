/**
 * The ingest doors that speak our own API: `POST /api/v1/ingest/{Table}` (JSON object, array or NDJSON) and
 * `POST /api/v1/connectors/{connector}` (a source's native payload). A thin shell: parsing and mapping are the
 * connectors' pure functions; this only moves bytes in and answers.
 *
 * The answer `{"accepted","rejected","errors"}` is sent only after the event log acknowledged every accepted row
 * and every dead letter, so a 200 means durable. Rejected records go to the dead-letter stream with their reason.
 */
import { type Context, Hono } from "hono";
import type { Connector, ParsedRecord, RecordError, RecordWarning, Row } from "../connector.ts";
import { decodeText, INVALID_UTF8_MESSAGE } from "../encode/decode_text.ts";
import { recordsToRows } from "../generic/records_to_rows.ts";
import { splitJsonBody } from "../generic/split_json_body.ts";
import type { Catalog, TableSchema } from "../../query/symbols/mod.ts";
import type { CustomTables } from "./custom_tables.ts";
import { type DeadLetter, type EventBatch, type EventSink, SinkUnavailableError } from "./event_sink.ts";
import { CUSTOM_TABLE, growCustomTable } from "./grow_custom_table.ts";

/** Counters the routes report to (metrics, the live view). */
export interface IngestObserver {
  accepted(table: string, rows: number): void;
  rejected(source: string, records: number): void;
}

/** What the routes need. */
export interface IngestDeps {
  readonly sink: EventSink;
  readonly catalog: Catalog;
  readonly customTables: CustomTables;
  readonly connectors: readonly Connector[];
  readonly observer?: IngestObserver;
  /**
   * Whether the caller may write this table or use this connector (token scopes). Absent = always.
   * Called before anything is parsed; a refusal is 403.
   */
  readonly allowed?: (c: Context, target: { table?: string; connector?: string }) => boolean;
  /** The clock (arrival time of events). */
  readonly now?: () => Date;
}

/** The ingest response body. */
export interface IngestResult {
  accepted: number;
  rejected: number;
  errors: Array<{ index: number; message: string }>;
  warnings?: Array<{ index: number; message: string }>;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
/** Per-response cap on listed errors and warnings; the counts stay exact. */
const MAX_LISTED = 1000;

/**
 * Build the ingest routes (mount them behind authentication).
 *
 * @param deps sink, catalog, connectors
 * @returns a Hono app with the routes
 */
export function ingestRoutes(deps: IngestDeps): Hono {
  const app = new Hono();
  const now = deps.now ?? (() => new Date());
  const byName = new Map(deps.connectors.map((c) => [c.name, c]));

  app.post("/api/v1/ingest/:table", async (c) => {
    const table = c.req.param("table");
    if (deps.allowed && !deps.allowed(c, { table })) {
      return jsonError(c, 403, "forbidden", `This token may not write to table '${table}'`);
    }
    const key = idempotencyKey(c);
    if (typeof key === "object") return key;
    const receivedAt = now();
    const body = new Uint8Array(await c.req.arrayBuffer());
    const builtin = deps.catalog.get(table);
    if (!builtin && !CUSTOM_TABLE.test(table)) {
      const hint = deps.catalog.suggest(table);
      return jsonError(
        c,
        404,
        "unknown_table",
        `Unknown table '${table}': ${
          hint ? `did you mean '${hint}'?` : "use a built-in table or a custom table name ending in '_CL'"
        }`,
      );
    }
    const { text, invalidUtf8 } = decodeText(body);
    const split = splitJsonBody(text);
    if (split.records.length === 0 && split.errors.length > 0 && split.errors[0].position) {
      return await rejectBody(c, deps, { source: "ingest", key, errors: split.errors, table });
    }
    let schema: TableSchema | undefined = builtin;
    if (!schema) {
      const grown = growCustomTable(table, deps.customTables.get(table), split.records);
      if (grown.changed) await deps.customTables.put(grown.schema);
      schema = grown.schema;
    }
    const mapped = recordsToRows(split.records, { table, schema, context: { receivedAt } });
    const warnings = invalidUtf8 ? [{ index: -1, message: INVALID_UTF8_MESSAGE }] : [];
    return await store(c, deps, {
      source: "ingest",
      key,
      batches: mapped.records.length > 0 ? [{ table, rows: mapped.records.map((r) => r.row) }] : [],
      errors: [...split.errors, ...mapped.errors],
      warnings: [...warnings, ...mapped.warnings],
      table,
    });
  });

  app.post("/api/v1/connectors/:connector", async (c) => {
    const name = c.req.param("connector");
    const connector = byName.get(name);
    if (!connector) {
      return jsonError(
        c,
        404,
        "unknown_connector",
        `Unknown connector '${name}': use one of ${[...byName.keys()].map((n) => `'${n}'`).join(", ")}`,
      );
    }
    if (deps.allowed && !deps.allowed(c, { connector: name })) {
      return jsonError(c, 403, "forbidden", `This token may not use connector '${name}'`);
    }
    const key = idempotencyKey(c);
    if (typeof key === "object") return key;
    const body = new Uint8Array(await c.req.arrayBuffer());
    const result = connector.parse(body, {
      receivedAt: now(),
      contentType: c.req.header("Content-Type"),
    });
    if (result.records.length === 0 && result.errors.length === 1 && result.errors[0].position) {
      return await rejectBody(c, deps, { source: name, key, errors: result.errors });
    }
    return await store(c, deps, {
      source: name,
      key,
      batches: batchesOf(result.records),
      errors: result.errors,
      warnings: result.warnings ?? [],
    });
  });

  return app;
}

/** Store accepted rows and dead letters, then answer with the counts. */
async function store(
  c: Context,
  deps: IngestDeps,
  r: {
    source: string;
    key: string | undefined;
    batches: EventBatch[];
    errors: readonly RecordError[];
    warnings: readonly RecordWarning[];
    table?: string;
  },
): Promise<Response> {
  let accepted: number;
  try {
    accepted = await persist(deps, r);
  } catch (error) {
    if (error instanceof SinkUnavailableError) return unavailable(c, error);
    throw error;
  }
  const result: IngestResult = {
    accepted,
    rejected: r.errors.length,
    errors: r.errors.slice(0, MAX_LISTED).map((e) => ({ index: e.index, message: e.message })),
  };
  if (r.warnings.length > 0) {
    result.warnings = r.warnings.slice(0, MAX_LISTED).map((w) => ({ index: w.index, message: w.message }));
  }
  return c.json(result, 200);
}

/**
 * Store accepted rows and the dead letters of rejected records; resolves when the event log acknowledged all.
 *
 * @param deps the sink and the counters
 * @param r what to store
 * @returns how many rows were stored
 * @throws SinkUnavailableError when the event log cannot be reached
 */
export async function persist(
  deps: Pick<IngestDeps, "sink" | "observer">,
  r: {
    source: string;
    key: string | undefined;
    batches: readonly EventBatch[];
    errors: readonly RecordError[];
    table?: string;
  },
): Promise<number> {
  const letters: DeadLetter[] = r.errors.map((e) => ({
    source: r.source,
    index: e.index,
    reason: e.message,
    raw: e.raw,
    table: r.table,
  }));
  await Promise.all([
    deps.sink.append(r.batches, { source: r.source, idempotencyKey: r.key }),
    letters.length > 0
      ? deps.sink.deadLetter(letters, { source: r.source, idempotencyKey: r.key })
      : undefined,
  ]);
  let accepted = 0;
  for (const b of r.batches) {
    accepted += b.rows.length;
    deps.observer?.accepted(b.table, b.rows.length);
  }
  if (r.errors.length > 0) deps.observer?.rejected(r.source, r.errors.length);
  return accepted;
}

/**
 * Answer 400 for a body that cannot be read at all, after keeping it as a dead letter.
 *
 * @param c the request
 * @param deps the sink
 * @param r the body's errors (the first is the one reported)
 * @returns the response
 */
export async function rejectBody(
  c: Context,
  deps: Pick<IngestDeps, "sink" | "observer">,
  r: { source: string; key: string | undefined; errors: readonly RecordError[]; table?: string },
): Promise<Response> {
  try {
    await persist(deps, { ...r, batches: [] });
  } catch (error) {
    if (error instanceof SinkUnavailableError) return unavailable(c, error);
    throw error;
  }
  return jsonError(c, 400, "invalid_body", r.errors[0].message);
}

/** The 503 answer: nothing was promised, the client retries. */
export function unavailable(c: Context, error: Error): Response {
  c.header("Retry-After", "1");
  return jsonError(c, 503, "unavailable", `${error.message}: nothing was stored, retry the request`);
}

/** Group parsed records by table. */
export function batchesOf(records: readonly ParsedRecord[]): EventBatch[] {
  const byTable = new Map<string, Row[]>();
  for (const r of records) {
    let rows = byTable.get(r.table);
    if (!rows) byTable.set(r.table, rows = []);
    rows.push(r.row);
  }
  return [...byTable].map(([table, rows]) => ({ table, rows }));
}

/** The Idempotency-Key header, validated; a Response when it is malformed. */
export function idempotencyKey(c: Context): string | undefined | Response {
  const key = c.req.header("Idempotency-Key");
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) {
    return jsonError(
      c,
      400,
      "invalid_idempotency_key",
      "Invalid Idempotency-Key header: use 1 to 200 printable ASCII characters without spaces",
    );
  }
  return key;
}

/** The uniform error body (CONTRACTS.md section 3). */
export function jsonError(
  c: Context,
  status: 400 | 403 | 404 | 409 | 413 | 415 | 503,
  code: string,
  message: string,
): Response {
  return c.json({ error: { code, message } }, status);
}
