/**
 * Bearer-token authentication. Tokens are compared in constant time (over their SHA-256 digests, so neither
 * content nor length leaks through timing). HEC clients send `Authorization: Splunk <token>`, accepted too.
 */
import type { MiddlewareHandler } from "hono";
import { HttpError } from "./http_error.ts";

/**
 * Roles, from most to least powerful: `admin` (everything, token management), `analyst` (read, work incidents and
 * rules), `reader` (read only), `ingest` (send events only, optionally limited to some tables and connectors).
 */
export const TOKEN_ROLES = ["admin", "analyst", "reader", "ingest"] as const;
export type TokenRole = typeof TOKEN_ROLES[number];

/** What a request may do, by kind of route. */
export type Permission = "read" | "write" | "ingest" | "admin";

const GRANTS: Record<TokenRole, readonly Permission[]> = {
  admin: ["read", "write", "ingest", "admin"],
  analyst: ["read", "write"],
  reader: ["read"],
  ingest: ["ingest"],
};

/** Who is calling. */
export interface Principal {
  readonly name: string;
  readonly role: TokenRole;
  /** For ingest tokens: the only tables it may write (absent = any). */
  readonly tables?: readonly string[];
  /** For ingest tokens: the only connectors it may use (absent = any). */
  readonly connectors?: readonly string[];
  /** Ingest requests per second (absent = the server default). */
  readonly rateLimit?: number;
}

/** Whether a principal holds a permission. */
export function allows(principal: Principal, permission: Permission): boolean {
  return GRANTS[principal.role].includes(permission);
}

/** Whether a principal may write to a table or use a connector (its ingest scope). */
export function inScope(principal: Principal, target: { table?: string; connector?: string }): boolean {
  if (target.table !== undefined && principal.tables && !principal.tables.includes(target.table)) {
    return false;
  }
  if (
    target.connector !== undefined && principal.connectors && !principal.connectors.includes(target.connector)
  ) {
    return false;
  }
  return true;
}

/** The ingest protocols' paths: what an ingest-only token may call. */
const INGEST_PATHS = [
  /^\/api\/v1\/ingest\//,
  /^\/api\/v1\/connectors\//,
  /^\/services\/collector(\/|$)/,
  /^\/dataCollectionRules\//,
  /^\/([^/]+\/)?_bulk$/,
  /^\/v1\/logs$/,
];
/** POST routes that only read (queries). */
const READ_POSTS = [
  /^\/api\/v1\/query$/,
  /^\/v1\/workspaces\/[^/]+\/query$/,
  /^\/v[12]\/rest\/query$/,
  // Kusto management: `.show` commands only read; kusto_routes.ts asks write rights of the ones that change things.
  /^\/v1\/rest\/mgmt$/,
  /^\/api\/v1\/rules\/validate$/,
];

/**
 * The permission a route needs, decided in one place from method and path.
 *
 * @param method HTTP method
 * @param path request path
 * @returns the permission
 */
export function permissionFor(method: string, path: string): Permission {
  if (INGEST_PATHS.some((p) => p.test(path))) return "ingest";
  if (path.startsWith("/api/v1/tokens")) return "admin";
  if (method === "GET" || method === "HEAD") return "read";
  if (method === "POST" && READ_POSTS.some((p) => p.test(path))) return "read";
  return "write";
}

/**
 * Verifiers tried in order; the first that knows the token wins.
 *
 * @param verifiers the verifiers
 * @returns one verifier
 */
export function anyVerifier(...verifiers: TokenVerifier[]): TokenVerifier {
  return {
    async verify(token) {
      for (const v of verifiers) {
        const principal = await v.verify(token);
        if (principal) return principal;
      }
      return undefined;
    },
  };
}

/** Looks a presented token up. */
export interface TokenVerifier {
  verify(token: string): Promise<Principal | undefined>;
}

/**
 * A verifier for the single admin token.
 *
 * @param adminToken the configured or generated token
 * @returns the verifier
 */
export function adminTokenVerifier(adminToken: string): TokenVerifier {
  const expected = digest(adminToken);
  return {
    async verify(token) {
      return constantTimeEqual(await digest(token), await expected)
        ? { name: "admin", role: "admin" }
        : undefined;
    },
  };
}

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

const DESCRIBE: Record<Permission, string> = {
  read: "read this resource",
  write: "change this resource",
  ingest: "send events",
  admin: "manage tokens",
};

/** Extract the token of an Authorization header (`Bearer x`, `Splunk x`, or `Basic` with the token as password). */
export function tokenFromHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^(Bearer|Splunk|Basic)\s+(\S+)\s*$/i.exec(header);
  if (!match) return undefined;
  if (match[1].toLowerCase() !== "basic") return match[2];
  // Log shippers that speak the Elasticsearch API (Filebeat, Logstash, Fluent Bit, rsyslog) only offer basic
  // auth: the token is the password, the user name is ignored.
  try {
    const decoded = atob(match[2]);
    const colon = decoded.indexOf(":");
    return colon >= 0 && colon < decoded.length - 1 ? decoded.slice(colon + 1) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Middleware that requires a valid token and stores the principal as `principal`.
 *
 * @param verifier the token store
 * @returns the middleware
 */
export function requireToken(
  verifier: TokenVerifier,
): MiddlewareHandler<{ Variables: { principal: Principal } }> {
  return async (c, next) => {
    const header = c.req.header("Authorization");
    const token = tokenFromHeader(header);
    if (!token) {
      throw new HttpError(
        401,
        "unauthenticated",
        header
          ? "Unsupported Authorization header: use 'Bearer <token>' (or Basic with the token as password)"
          : "Missing bearer token",
        { headers: { "WWW-Authenticate": 'Bearer realm="siem"' } },
      );
    }
    const principal = await verifier.verify(token);
    if (!principal) {
      throw new HttpError(401, "invalid_token", "Invalid token", {
        headers: { "WWW-Authenticate": 'Bearer realm="siem", error="invalid_token"' },
      });
    }
    const needed = permissionFor(c.req.method, c.req.path);
    if (!allows(principal, needed)) {
      throw new HttpError(
        403,
        "forbidden",
        `Token '${principal.name}' (role '${principal.role}') may not ${DESCRIBE[needed]}`,
      );
    }
    c.set("principal", principal);
    await next();
  };
}
