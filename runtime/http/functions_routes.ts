/**
 * Stored KQL functions over HTTP: `GET /api/v1/functions`, `GET/PUT/DELETE /api/v1/functions/{name}`.
 * A PUT body is JSON (`{"parameters":[{"name","type","default"?}] | "a:string, b:long = 5", "body",
 * "folder"?, "docString"?, "skipValidation"?}`) or, as text, a declaration `(params) { body }` or a whole
 * `.create-or-alter function` command. A function that does not bind is refused (400) with every problem at
 * its line and column in the function's own text.
 */
import type { Context } from "hono";
import * as v from "valibot";
import { type Catalog, functionDeclarationText, type StoredFunction } from "../../query/mod.ts";
import {
  parseFunctionCommand,
  parseFunctionDeclaration,
  parseParameters,
} from "../functions/function_command.ts";
import { type FunctionProblem, saveFunction } from "../functions/save_function.ts";
import type { FunctionEntry, FunctionStore } from "../nats/function_store.ts";
import type { RouteModule } from "./app.ts";
import { HttpError } from "./http_error.ts";

const Parameter = v.object({
  name: v.string("'name' must be a string"),
  type: v.string("'type' must be a string"),
  default: v.optional(v.string("'default' must be KQL text")),
});

const Body = v.object({
  parameters: v.optional(v.union([v.array(Parameter), v.string()], "'parameters' must be a list or text")),
  body: v.pipe(v.string("'body' must be the KQL text"), v.minLength(1, "'body' must not be empty")),
  folder: v.optional(v.string()),
  docString: v.optional(v.string()),
  skipValidation: v.optional(v.boolean()),
});

/** The JSON view of a stored function. */
export function functionView(fn: FunctionEntry) {
  return {
    name: fn.name,
    parameters: fn.parameters,
    body: fn.body,
    folder: fn.folder ?? "",
    docString: fn.docString ?? "",
    origin: fn.origin,
    updatedAt: fn.updatedAt,
    declaration: functionDeclarationText(fn),
  };
}

/** The 400 answer of a refused function. */
export function refusedFunction(c: Context, problems: readonly FunctionProblem[]) {
  return c.json({
    error: { code: "invalid_function", message: problems[0].message, problems },
  }, 400);
}

async function readFunction(c: Context, name: string): Promise<{ fn: StoredFunction; skip: boolean }> {
  const type = c.req.header("Content-Type") ?? "";
  const text = await c.req.text();
  if (!type.includes("json")) {
    const command = parseFunctionCommand(text);
    const declared = command !== undefined
      ? command
      : parseFunctionDeclaration(/^\s*\(/.test(text) ? `${name}${text}` : text);
    if ("error" in declared) throw new HttpError(400, "invalid_function", declared.error);
    if (!("fn" in declared)) throw new HttpError(400, "invalid_function", "Expected a function declaration");
    if (declared.fn.name !== name) {
      throw new HttpError(
        400,
        "name_mismatch",
        `The body declares '${declared.fn.name}', the path '${name}'`,
      );
    }
    return { fn: declared.fn, skip: "skipValidation" in declared && declared.skipValidation };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new HttpError(400, "invalid_body", "Cannot parse body: expected a JSON object");
  }
  const parsed = v.safeParse(Body, raw);
  if (!parsed.success) throw new HttpError(400, "invalid_body", parsed.issues[0].message);
  const body = parsed.output;
  let parameters = Array.isArray(body.parameters) ? body.parameters : [];
  if (typeof body.parameters === "string") {
    const list = parseParameters(body.parameters.replace(/^\s*\(([\s\S]*)\)\s*$/, "$1"));
    if ("error" in list) {
      throw new HttpError(400, "invalid_function", `Invalid function '${name}': ${list.error}`);
    }
    parameters = list.list;
  }
  const fn: StoredFunction = {
    name,
    parameters,
    body: body.body,
    ...(body.folder === undefined ? {} : { folder: body.folder }),
    ...(body.docString === undefined ? {} : { docString: body.docString }),
  };
  return { fn, skip: body.skipValidation ?? false };
}

/**
 * Routes for stored functions.
 *
 * @param store the function store
 * @param catalog the current catalog (tables and functions) new functions are checked against
 * @returns the route module
 */
export function functionsRoutes(store: FunctionStore, catalog: () => Catalog): RouteModule {
  return {
    api(app) {
      app.get("/api/v1/functions", (c) => c.json({ items: store.list().map(functionView) }));
      app.get("/api/v1/functions/:name", (c) => {
        const fn = store.get(c.req.param("name"));
        if (!fn) throw new HttpError(404, "not_found", `No function '${c.req.param("name")}'`);
        return c.json(functionView(fn));
      });
      app.put("/api/v1/functions/:name", async (c) => {
        const name = c.req.param("name");
        const { fn, skip } = await readFunction(c, name);
        const existed = store.get(name) !== undefined;
        const saved = await saveFunction(store, fn, {
          catalog: catalog(),
          origin: "api",
          skipValidation: skip,
        });
        if ("problems" in saved) return refusedFunction(c, saved.problems);
        return c.json(functionView(saved.entry), existed ? 200 : 201);
      });
      app.delete("/api/v1/functions/:name", async (c) => {
        if (!(await store.delete(c.req.param("name")))) {
          throw new HttpError(404, "not_found", `No function '${c.req.param("name")}'`);
        }
        return c.body(null, 204);
      });
    },
  };
}
