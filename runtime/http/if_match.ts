/**
 * `If-Match` with a KV revision (sent back from the `ETag` of a read): the one parser for every resource that
 * uses optimistic concurrency.
 */
import type { Context } from "hono";
import { HttpError } from "./http_error.ts";

/**
 * The revision an `If-Match` header names.
 *
 * @param c the request
 * @param what the resource, for the error message ("rule", "incident")
 * @returns the revision, or undefined without the header
 * @throws HttpError 400 for a header that is not a revision
 */
export function ifMatchRevision(c: Context, what: string): number | undefined {
  const header = c.req.header("If-Match");
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match) {
    throw new HttpError(
      400,
      "invalid_if_match",
      `Invalid If-Match header: use the ${what}'s ETag, e.g. '"12"'`,
    );
  }
  return Number(match[1]);
}
