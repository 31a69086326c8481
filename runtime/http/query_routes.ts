/**
 * Hunting queries over HTTP: `POST /api/v1/query` (`{"query","timespan"?}` -> `{"columns","rows"}`, the CLI's
 * shape) and the Azure Monitor Log Analytics query API, `POST|GET /v1/workspaces/{id}/query`
 * (`{"query","timespan"?}` -> `{"tables":[{"name":"PrimaryResult","columns","rows"}]}`), so tools written for Log
 * Analytics work. A query error answers 400 with its line and column. The query stops when the client disconnects.
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
    const result = await run(query, { range, signal: c.req.raw.signal, catalog: catalog(), parameters });
    if ("error" in result) {
      return { error: c.json({ error: result.error }, result.error.code === "timeout" ? 504 : 400) };
    }
    return { result };
  };
  return {
    api(app) {
      app.post("/api/v1/query", async (c) => {
        const a = await answer(c);
        return a.error ?? c.json(a.result);
      });
      const workspace = async (c: Context) => {
        const a = await answer(c);
        if (a.error) return a.error;
        const { columns, rows } = a.result as { columns: unknown; rows: unknown };
        return c.json({ tables: [{ name: "PrimaryResult", columns, rows }] });
      };
      app.post("/v1/workspaces/:id/query", workspace);
      app.get("/v1/workspaces/:id/query", workspace);
    },
  };
}
