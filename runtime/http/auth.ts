/**
 * Bearer-token authentication. Tokens are compared in constant time (over their SHA-256 digests, so neither
 * content nor length leaks through timing). HEC clients send `Authorization: Splunk <token>`, accepted too.
 */
import type { MiddlewareHandler } from "hono";
import { HttpError } from "./http_error.ts";

/** What a token may do. Later work adds scoped roles (analyst, ingest-only, read-only). */
export interface Principal {
  readonly name: string;
  readonly role: "admin";
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

/** Extract the token of an Authorization header (`Bearer x` or `Splunk x`). */
export function tokenFromHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^(?:Bearer|Splunk)\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
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
        header ? "Unsupported Authorization header: use 'Bearer <token>'" : "Missing bearer token",
        { headers: { "WWW-Authenticate": 'Bearer realm="siem"' } },
      );
    }
    const principal = await verifier.verify(token);
    if (!principal) {
      throw new HttpError(401, "invalid_token", "Invalid token", {
        headers: { "WWW-Authenticate": 'Bearer realm="siem", error="invalid_token"' },
      });
    }
    c.set("principal", principal);
    await next();
  };
}
