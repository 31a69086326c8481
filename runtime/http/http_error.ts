/**
 * Errors that HTTP handlers throw; the one error mapper (error_mapper.ts) turns them into the uniform JSON shape
 * `{"error":{"code","message"}}`.
 */
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** An error with an HTTP status and a stable snake_case code. */
export class HttpError extends Error {
  override name = "HttpError";
  readonly status: ContentfulStatusCode;
  readonly code: string;
  /** Extra response headers (e.g. WWW-Authenticate, Retry-After). */
  readonly headers: Record<string, string>;
  constructor(
    status: ContentfulStatusCode,
    code: string,
    message: string,
    options: { cause?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(message, { cause: options.cause });
    this.status = status;
    this.code = code;
    this.headers = options.headers ?? {};
  }
}

/** The uniform error body. */
export function errorBody(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}
