/**
 * Token management (admin only): `GET /api/v1/tokens`, `POST /api/v1/tokens`, `DELETE /api/v1/tokens/{id}`.
 * The secret is shown once, in the POST answer; rotation is create-new then revoke-old.
 */
import * as v from "valibot";
import type { TokenStore } from "../nats/token_store.ts";
import type { RouteModule } from "./app.ts";
import { TOKEN_ROLES } from "./auth.ts";
import { HttpError } from "./http_error.ts";

const NAME = /^[\w.@-]{1,64}$/;
const NewTokenSchema = v.strictObject({
  name: v.pipe(
    v.string("'name' must be a string"),
    v.regex(NAME, "'name' must be 1 to 64 letters, digits, '.', '_', '@' or '-'"),
  ),
  role: v.picklist(TOKEN_ROLES, `'role' must be one of ${TOKEN_ROLES.map((r) => `'${r}'`).join(", ")}`),
  tables: v.optional(
    v.array(v.pipe(v.string(), v.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "'tables' must list table names"))),
  ),
  connectors: v.optional(
    v.array(v.pipe(v.string(), v.regex(/^[a-z0-9-]+$/, "'connectors' must list connector names"))),
  ),
  rateLimit: v.optional(
    v.pipe(
      v.number("'rateLimit' must be a number"),
      v.minValue(0.1, "'rateLimit' must be at least 0.1 requests/s"),
    ),
  ),
  expiresAt: v.optional(v.pipe(v.string(), v.isoTimestamp("'expiresAt' must be an ISO 8601 timestamp"))),
});

/**
 * Routes for tokens.
 *
 * @param store the token store
 * @returns the route module
 */
export function tokenRoutes(store: TokenStore): RouteModule {
  const publicView = (r: ReturnType<TokenStore["list"]>[number]) => {
    const { digest: _digest, ...rest } = r;
    return rest;
  };
  return {
    api(app) {
      app.get("/api/v1/tokens", (c) => c.json({ tokens: store.list().map(publicView) }));
      app.post("/api/v1/tokens", async (c) => {
        const body = await c.req.json().catch(() => {
          throw new HttpError(400, "invalid_body", "Cannot parse body: expected a JSON object");
        });
        const parsed = v.safeParse(NewTokenSchema, body);
        if (!parsed.success) {
          const issue = parsed.issues[0];
          const where = issue.path?.map((p) => p.key).join(".");
          throw new HttpError(
            400,
            "invalid_token_request",
            where ? `${issue.message} (at '${where}')` : issue.message,
          );
        }
        if (parsed.output.role !== "ingest" && (parsed.output.tables || parsed.output.connectors)) {
          throw new HttpError(
            400,
            "invalid_token_request",
            "'tables' and 'connectors' only apply to the 'ingest' role",
          );
        }
        const { token, record } = await store.create(parsed.output);
        return c.json({ token, ...publicView(record) }, 201);
      });
      app.delete("/api/v1/tokens/:id", async (c) => {
        if (!(await store.revoke(c.req.param("id")))) {
          throw new HttpError(404, "not_found", `No token with id '${c.req.param("id")}'`);
        }
        return c.body(null, 204);
      });
    },
  };
}
