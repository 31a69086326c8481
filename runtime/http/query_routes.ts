/**
 * Hunting queries over HTTP: `POST /api/v1/query` (`{"query","timespan"?}` -> `{"columns","rows"}`, the CLI's
 * shape, plus `"truncated": true` when the rows were cut at the truncation limit) and the Azure Monitor Log
 * Analytics query API, `POST|GET /v1/workspaces/{id}/query` (`{"query","timespan"?}` ->
 * `{"tables":[{"name":"PrimaryResult","columns","rows"}]}`; a truncated result is a partial error, as Log
 * Analytics reports one: 200 with the rows and an `error` object of code `PartialError`), so tools written for Log
 * Analytics work. Its `Prefer: wait=N` header sets the query's timeout in seconds. A query error answers 400 with
 * its line and column. The query stops when the client disconnects.
 */
import type { Context } from "hono";
import * as v from "valibot";
import type { Catalog } from "../../query/mod.ts";
import { type HuntingAnswer, parseTimespan, type TimeRange } from "../hunting.ts";
import type { QueryRequestOptions } from "../history/query_limits.ts";
import type { RouteModule } from "./app.ts";
import { HttpError } from "./http_error.ts";

const Body = v.object({
  query: v.pipe(
    v.string("'query' must be a string"),
    v.minLength(1, "'query' must not be empty"),
    v.maxLength(100_000),
  ),
  timespan: v.optional(v.string("'timespan' must be an ISO 8601 duration or interval, e.g. 'PT1H'")),
  parameters: v.optional(
    v.record(v.string(), v.unknown(), "'parameters' must be an object of query parameter values"),
  ),
});

/** Runs a query; the runtime passes the hunting engine. */
export type QueryRunner = (
  text: string,
  options: {
    range?: TimeRange;
    signal: AbortSignal;
    catalog: Catalog;
    /** Values of the query's `declare query_parameters(...)`, by name (KQL literal text or JSON values). */
    parameters?: Readonly<Record<string, unknown>>;
    /** What the request asked of the row and time limits (Kusto request properties, `Prefer: wait=`). */
    request?: QueryRequestOptions;
  },
) => Promise<HuntingAnswer>;

/** `Prefer: wait=600` (Log Analytics): the server timeout in seconds. */
function preferWait(header: string | undefined): QueryRequestOptions {
  const m = /(?:^|[,;\s])wait=(\d+)/i.exec(header ?? "");
  return m && Number(m[1]) > 0 ? { serverTimeoutMs: Number(m[1]) * 1000 } : {};
}

/** The `error` of a Log Analytics answer whose rows were truncated. */
function partialError(limit: number) {
  return {
    code: "PartialError",
    message: "There were some errors when processing your query",
    details: [{
      code: "EngineError",
      message: `Query result set truncated: only the first ${limit} records are returned`,
      innererror: {
        code: "E_QUERY_RESULT_SET_TOO_LARGE",
        message: `The result has more than ${limit} records, the truncation limit; ` +
          `use 'set truncationmaxrecords = N;' or 'set notruncation;' (up to the server's row limit)`,
        severity: 2,
        severityName: "Error",
      },
    }],
  };
}

async function request(
  c: Context,
): Promise<{ query: string; range?: TimeRange; parameters?: Record<string, unknown> }> {
  const raw = c.req.method === "GET"
    ? { query: c.req.query("query"), timespan: c.req.query("timespan") }
    : await c.req.json().catch(() => {
      throw new HttpError(
        400,
        "invalid_body",
        'Cannot parse body: expected {"query": "...", "timespan": "PT1H"}',
      );
    });
  const parsed = v.safeParse(Body, raw);
  if (!parsed.success) throw new HttpError(400, "invalid_body", parsed.issues[0].message);
  let range: TimeRange | undefined;
  if (parsed.output.timespan !== undefined) {
    range = parseTimespan(parsed.output.timespan, Date.now());
    if (!range) {
      throw new HttpError(
        400,
        "invalid_timespan",
        `Invalid timespan '${parsed.output.timespan}': use e.g. 'PT1H', 'P1D' or 'start/end'`,
      );
    }
  }
  return { query: parsed.output.query, range, parameters: parsed.output.parameters };
}

/**
 * Routes for hunting queries.
 *
 * @param run the query runner
 * @param catalog the current catalog (built-in plus custom tables)
 * @returns the route module
 */
export function queryRoutes(run: QueryRunner, catalog: () => Catalog): RouteModule {
  const answer = async (c: Context) => {
    const { query, range, parameters } = await request(c);
    const result = await run(query, {
      range,
      signal: c.req.raw.signal,
      catalog: catalog(),
      parameters,
      request: preferWait(c.req.header("Prefer")),
    });
    if ("error" in result) {
      return { error: c.json({ error: result.error }, result.error.code === "timeout" ? 504 : 400) };
    }
    return { result };
  };
  return {
    api(app) {
      app.post("/api/v1/query", async (c) => {
        const a = await answer(c);
        if (a.error) return a.error;
        const { truncated, ...rest } = a.result as Extract<HuntingAnswer, { rows: unknown }>;
        return c.json(truncated ? { ...rest, truncated: true } : rest);
      });
      const workspace = async (c: Context) => {
        const a = await answer(c);
        if (a.error) return a.error;
        const { columns, rows, truncated } = a.result as Extract<HuntingAnswer, { rows: unknown }>;
        return c.json({
          tables: [{ name: "PrimaryResult", columns, rows }],
          ...(truncated ? { error: partialError(truncated.limit) } : {}),
        });
      };
      app.post("/v1/workspaces/:id/query", workspace);
      app.get("/v1/workspaces/:id/query", workspace);
    },
  };
}
