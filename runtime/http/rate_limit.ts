/**
 * Per-token rate limits on ingest: a token bucket per token name, refilled continuously. A request over the
 * limit gets 429 with `Retry-After`; nothing of it is stored, so the client's retry loses nothing.
 */
import type { MiddlewareHandler } from "hono";
import { permissionFor, type Principal } from "./auth.ts";
import { HttpError } from "./http_error.ts";

/** Limits: requests per second and the burst allowed above it. */
export interface RateLimit {
  readonly perSecond: number;
  readonly burst: number;
}

/** Token buckets by key. */
export class TokenBuckets {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  readonly #now: () => number;

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
  }

  /**
   * Take one token.
   *
   * @param key whose bucket
   * @param limit its limit
   * @returns 0 when allowed, else the seconds until a token is available
   */
  take(key: string, limit: RateLimit): number {
    const now = this.#now();
    const bucket = this.#buckets.get(key) ?? { tokens: limit.burst, at: now };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * limit.perSecond);
    bucket.at = now;
    this.#buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return (1 - bucket.tokens) / limit.perSecond;
  }
}

/**
 * Middleware limiting ingest requests per token (after authentication).
 *
 * @param limitFor the limit of a principal, or undefined for none
 * @param buckets the buckets (one per process)
 * @returns the middleware
 */
export function ingestRateLimit(
  limitFor: (principal: Principal) => RateLimit | undefined,
  buckets = new TokenBuckets(),
): MiddlewareHandler<{ Variables: { principal: Principal } }> {
  return async (c, next) => {
    const principal = c.get("principal");
    const limit = principal && permissionFor(c.req.method, c.req.path) === "ingest"
      ? limitFor(principal)
      : undefined;
    if (limit) {
      const wait = buckets.take(principal.name, limit);
      if (wait > 0) {
        throw new HttpError(
          429,
          "rate_limited",
          `Token '${principal.name}' is over its ingest rate limit of ${limit.perSecond} requests/s`,
          {
            headers: { "Retry-After": String(Math.max(1, Math.ceil(wait))) },
          },
        );
      }
    }
    await next();
  };
}
