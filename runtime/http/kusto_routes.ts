/**
 * The Kusto (Azure Data Explorer) REST API, so Microsoft's Kusto client libraries (npm `azure-kusto-data`, Python
 * `azure-kusto-data`, and Kqlmagic/msticpy on top of it) connect with a bearer token:
 * - `GET /v1/rest/auth/metadata` answers 404 without auth (clients then assume the public cloud; a 401 there
 *   would break every query)
 * - `POST /v2/rest/query`: the v2 frame format (DataSetHeader, DataTable PrimaryResult, DataSetCompletion)
 * - `POST /v1/rest/query`: the v1 table format
 * - `POST /v1/rest/mgmt`: `.show version`, `.show tables`, `.show table T schema as json`, `.show database schema`,
 *   and the function commands (`.create[-or-alter] function`, `.alter function`, `.show functions`,
 *   `.show function F`, `.drop function F`) over the stored functions
 * Request bodies: `{"db","csl","properties"}`; `properties` arrives as an object (JS client) or a JSON string
 * (Python client); its `Parameters` are the values of the query's `declare query_parameters(...)`. Errors use the OneApiError shape those clients read, which is also our `{"error":{...}}`.
 */
import type { Context } from "hono";
import * as v from "valibot";
import { type Catalog, parameterListText, type ScalarType, type StoredFunction } from "../../query/mod.ts";
import { parseFunctionCommand } from "../functions/function_command.ts";
import { saveFunction } from "../functions/save_function.ts";
import type { FunctionStore } from "../nats/function_store.ts";
import type { HuntingAnswer } from "../hunting.ts";
import { parseKustoTimespan, type QueryRequestOptions } from "../history/query_limits.ts";
import type { RouteModule } from "./app.ts";
import { allows, type Principal } from "./auth.ts";
import { type RequestContext, V1_TYPES, v1Body, v1Table, v2Frames } from "./kusto_frames.ts";
import type { QueryRunner } from "./query_routes.ts";

const Body = v.object({
  db: v.optional(v.nullable(v.string())),
  csl: v.pipe(v.string("'csl' must be a string"), v.minLength(1, "'csl' must not be empty")),
  properties: v.optional(v.unknown()),
});

/** The database name clients see. */
export const KUSTO_DATABASE = "siem";
const VERSION = "1.0.0";

function oneApiError(
  c: Context,
  status: 400 | 403 | 404 | 504,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
) {
  return c.json({
    error: {
      code,
      message,
      "@type": "Kusto.Data.Exceptions.KustoBadRequestException",
      "@message": message,
      "@permanent": true,
      ...extra,
    },
  }, status);
}

async function parseBody(
  c: Context,
): Promise<
  | { csl: string; parameters: Record<string, unknown>; request: QueryRequestOptions; defer: boolean }
  | Response
> {
  const raw = await c.req.json().catch(() => undefined);
  const parsed = v.safeParse(Body, raw);
  if (!parsed.success) {
    return oneApiError(c, 400, "BadRequest_InvalidBody", `Invalid request body: ${parsed.issues[0].message}`);
  }
  const props = propertiesObject(parsed.output.properties);
  const parameters = props === undefined ? undefined : queryParameters(props);
  if (props === undefined || parameters === undefined) {
    return oneApiError(
      c,
      400,
      "BadRequest_InvalidBody",
      "Invalid request body: 'properties' is not a JSON object",
    );
  }
  return { csl: parsed.output.csl, parameters, request: requestOptions(props), defer: deferFailures(props) };
}

/** `properties` as an object: the JS client sends one, the Python client a JSON string; absent = empty. */
function propertiesObject(properties: unknown): Record<string, unknown> | undefined {
  let props = properties;
  if (typeof props === "string") {
    try {
      props = JSON.parse(props);
    } catch {
      return undefined;
    }
  }
  if (props === undefined || props === null) return {};
  if (typeof props !== "object" || Array.isArray(props)) return undefined;
  return props as Record<string, unknown>;
}

/**
 * The limits a request asks for in `properties.Options` (Kusto's client request properties; names are
 * case-insensitive, values arrive as JSON values or as text): `truncationmaxrecords`, `notruncation`,
 * `servertimeout`, `norequesttimeout`.
 */
function requestOptions(props: Record<string, unknown>): QueryRequestOptions {
  const raw = props.Options;
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return {};
  const options = new Map(Object.entries(raw).map(([k, value]) => [k.toLowerCase(), value]));
  const flag = (value: unknown) =>
    value === true || (typeof value === "string" && value.toLowerCase() === "true");
  const records = Number(options.get("truncationmaxrecords"));
  const timeout = flag(options.get("norequesttimeout"))
    ? Number.MAX_SAFE_INTEGER
    : parseKustoTimespan(options.get("servertimeout"));
  return {
    ...(flag(options.get("notruncation")) ? { noTruncation: true } : {}),
    ...(options.has("truncationmaxrecords") && Number.isInteger(records) && records >= 0
      ? { truncationMaxRecords: records }
      : {}),
    ...(timeout !== undefined && timeout > 0 ? { serverTimeoutMs: timeout } : {}),
  };
}

/** The request property `deferpartialqueryfailures`. */
function deferFailures(props: Record<string, unknown>): boolean {
  const raw = props.Options;
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return false;
  const value = Object.entries(raw).find(([k]) => k.toLowerCase() === "deferpartialqueryfailures")?.[1];
  return value === true || (typeof value === "string" && value.toLowerCase() === "true");
}

/** `properties.Parameters`: values of the query's `declare query_parameters`. */
function queryParameters(props: Record<string, unknown>): Record<string, unknown> | undefined {
  const parameters = (props as { Parameters?: unknown }).Parameters;
  return parameters !== null && typeof parameters === "object" && !Array.isArray(parameters)
    ? parameters as Record<string, unknown>
    : {};
}

/**
 * Answer a management command (the few that clients and notebooks send to discover a database).
 *
 * @param command the command text
 * @param catalog tables and their schemas
 * @returns columns and rows, or an error message
 */
export function managementCommand(
  command: string,
  catalog: Catalog,
): { columns: { name: string; type: string }[]; rows: unknown[][] } | { error: string } {
  const text = command.trim().replace(/\s+/g, " ");
  if (/^\.show version$/i.test(text)) {
    return {
      columns: [{ name: "BuildVersion", type: "string" }, { name: "ServiceType", type: "string" }, {
        name: "ProductVersion",
        type: "string",
      }],
      rows: [[VERSION, "siem", `siem ${VERSION}`]],
    };
  }
  if (/^\.show tables$/i.test(text)) {
    return {
      columns: [{ name: "TableName", type: "string" }, { name: "DatabaseName", type: "string" }, {
        name: "Folder",
        type: "string",
      }, {
        name: "DocString",
        type: "string",
      }],
      rows: catalog.names().map((n) => [n, KUSTO_DATABASE, "", ""]),
    };
  }
  const schema = /^\.show table (\[?'?"?)([A-Za-z0-9_]+)\1\]? (?:cslschema|schema as json)$/i.exec(text);
  if (schema) {
    const table = catalog.get(schema[2]);
    if (!table) return { error: `Table '${schema[2]}' was not found` };
    const json = JSON.stringify({
      Name: table.name,
      OrderedColumns: table.columns.map((c) => ({
        Name: c.name,
        Type: `System.${V1_TYPES[c.type] ?? "Object"}`,
        CslType: c.type,
      })),
    });
    return {
      columns: [{ name: "TableName", type: "string" }, { name: "Schema", type: "string" }, {
        name: "DatabaseName",
        type: "string",
      }, {
        name: "Folder",
        type: "string",
      }, { name: "DocString", type: "string" }],
      rows: [[table.name, json, KUSTO_DATABASE, "", ""]],
    };
  }
  if (/^\.show database( \S+)? schema( as json)?$/i.test(text)) {
    return {
      columns: [{ name: "DatabaseName", type: "string" }, { name: "TableName", type: "string" }, {
        name: "ColumnName",
        type: "string",
      }, {
        name: "ColumnType",
        type: "string",
      }],
      rows: catalog.names().flatMap((n) =>
        catalog.get(n)!.columns.map((
          c: { name: string; type: ScalarType },
        ) => [KUSTO_DATABASE, n, c.name, `System.${V1_TYPES[c.type] ?? "Object"}`])
      ),
    };
  }
  return {
    error: `Unsupported management command: '${
      text.slice(0, 100)
    }'; supported: .show version, .show tables, .show table T schema as json, .show database schema, .show functions, .show function, .create-or-alter function, .drop function`,
  };
}

const FUNCTION_COLUMNS = ["Name", "Parameters", "Body", "Folder", "DocString"].map((name) => ({
  name,
  type: "string",
}));

/** A function as `.show functions` lists it: parameters in parentheses, body in braces. */
function functionRow(fn: StoredFunction): unknown[] {
  return [
    fn.name,
    `(${parameterListText(fn.parameters)})`,
    `{\n${fn.body}\n}`,
    fn.folder ?? "",
    fn.docString ?? "",
  ];
}

type MgmtAnswer = { columns: { name: string; type: string }[]; rows: unknown[][] } | {
  error: string;
  code?: string;
  status?: 400 | 403 | 404;
};

/**
 * Answer a function management command, or `undefined` when the text is not one.
 *
 * @param command the command text
 * @param options the function store, the catalog new functions are checked against, and whether the caller may
 *   change things (`.show` commands only read; the others need write rights)
 * @returns the answer
 */
export async function functionCommand(
  command: string,
  options: { store: FunctionStore; catalog: Catalog; mayWrite?: boolean },
): Promise<MgmtAnswer | undefined> {
  const parsed = parseFunctionCommand(command);
  if (parsed === undefined) return undefined;
  if ("error" in parsed) return { error: parsed.error, code: "BadRequest_SyntaxError" };
  if (parsed.kind !== "show" && options.mayWrite === false) {
    return {
      error:
        `Command '.${parsed.kind} function' changes stored functions: it needs a token with write rights`,
      code: "Forbidden",
      status: 403,
    };
  }
  const { store } = options;
  switch (parsed.kind) {
    case "show": {
      if (parsed.name === undefined) {
        const all = options.catalog.functions().sort((a, b) => a.name.localeCompare(b.name));
        return { columns: FUNCTION_COLUMNS, rows: all.map(functionRow) };
      }
      const fn = options.catalog.function(parsed.name);
      if (!fn) {
        return {
          error: `Function '${parsed.name}' was not found`,
          code: "BadRequest_EntityNotFound",
          status: 404,
        };
      }
      return { columns: FUNCTION_COLUMNS, rows: [functionRow(fn)] };
    }
    case "drop": {
      if (!(await store.delete(parsed.name)) && !parsed.ifExists) {
        return {
          error: `Function '${parsed.name}' was not found`,
          code: "BadRequest_EntityNotFound",
          status: 404,
        };
      }
      return { columns: [{ name: "Name", type: "string" }], rows: [[parsed.name]] };
    }
    default: {
      const existing = store.get(parsed.fn.name);
      if (parsed.kind === "create" && existing) {
        if (parsed.ifNotExists) return { columns: FUNCTION_COLUMNS, rows: [functionRow(existing)] };
        return {
          error: `Function '${parsed.fn.name}' already exists`,
          code: "BadRequest_EntityAlreadyExists",
        };
      }
      if (parsed.kind === "alter" && !existing) {
        return {
          error: `Function '${parsed.fn.name}' was not found`,
          code: "BadRequest_EntityNotFound",
          status: 404,
        };
      }
      const saved = await saveFunction(store, parsed.fn, {
        catalog: options.catalog,
        origin: "mgmt",
        skipValidation: parsed.skipValidation,
      });
      if ("problems" in saved) {
        const p = saved.problems[0];
        return { error: p.message, code: "BadRequest_SemanticError" };
      }
      return { columns: FUNCTION_COLUMNS, rows: [functionRow(saved.entry)] };
    }
  }
}

/**
 * Routes for the Kusto REST API.
 *
 * @param run the query runner (hunting)
 * @param catalog the current catalog
 * @param functions the stored functions, for the function management commands (absent = not offered)
 * @returns the route module
 */
export function kustoRoutes(
  run: QueryRunner,
  catalog: () => Catalog,
  functions?: FunctionStore,
): RouteModule {
  const query = async (
    c: Context,
  ): Promise<{ answer: Extract<HuntingAnswer, { rows: unknown }>; ctx: RequestContext } | Response> => {
    const body = await parseBody(c);
    if (body instanceof Response) return body;
    const answer = await run(body.csl, {
      signal: c.req.raw.signal,
      catalog: catalog(),
      parameters: body.parameters,
      request: body.request,
    });
    if ("error" in answer) {
      const { code, message, line, column } = answer.error;
      return oneApiError(
        c,
        code === "timeout" ? 504 : 400,
        code === "query_error" ? "General_BadRequest" : code,
        message,
        {
          ...(line !== undefined ? { line, column } : {}),
        },
      );
    }
    const ctx = {
      clientRequestId: c.req.header("x-ms-client-request-id") ?? "",
      now: new Date(),
      deferPartialFailures: body.defer,
    };
    return { answer, ctx };
  };
  return {
    open(app) {
      app.get(
        "/v1/rest/auth/metadata",
        (c) =>
          c.json({
            error: {
              code: "not_found",
              message: "No AAD metadata: use a bearer token issued by this server",
            },
          }, 404),
      );
    },
    api(app) {
      app.post("/v2/rest/query", async (c) => {
        const r = await query(c);
        return r instanceof Response ? r : c.json(v2Frames(r.answer, r.ctx));
      });
      app.post("/v1/rest/query", async (c) => {
        const r = await query(c);
        return r instanceof Response ? r : c.json(v1Body(r.answer, r.ctx));
      });
      app.post("/v1/rest/mgmt", async (c) => {
        const body = await parseBody(c);
        if (body instanceof Response) return body;
        // The route is open to readers (`.show` commands only read); commands that change things need write.
        const principal = c.get("principal") as Principal | undefined;
        const mayWrite = principal !== undefined && allows(principal, "write");
        const forFunctions = functions === undefined
          ? undefined
          : await functionCommand(body.csl, { store: functions, catalog: catalog(), mayWrite });
        const result = forFunctions ?? managementCommand(body.csl, catalog());
        if ("error" in result) {
          const { code, status } = result as { code?: string; status?: 400 | 403 | 404 };
          return oneApiError(c, status ?? 400, code ?? "BadRequest_UnsupportedCommand", result.error);
        }
        return c.json({ Tables: [v1Table("Table_0", result.columns, result.rows)] });
      });
    },
  };
}
