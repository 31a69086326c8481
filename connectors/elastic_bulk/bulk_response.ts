import type { JsonValue } from "../connector.ts";
import type { BulkOperation, BulkRequestError } from "./parse_bulk.ts";

/** Why an item failed, by operation position. */
export type BulkFailures = ReadonlyMap<
  number,
  { readonly type?: string; readonly reason: string; readonly status?: number }
>;

/**
 * The `_bulk` answer shippers check: `errors` true when any item failed, and one item per operation, in order,
 * keyed by its action, with `status` 201 and `result: "created"` or the item's error.
 *
 * @param operations The request's operations.
 * @param options `took` in ms, the failures by position, and the ids given to accepted documents without one.
 * @returns The response body.
 * @example
 * ```ts
 * import { parseBulk } from "./parse_bulk.ts";
 * const parsed = parseBulk('{"index":{"_index":"a","_id":"1"}}\n{"x":1}\n');
 * if (parsed.ok) bulkResponse(parsed.operations, { took: 3, failures: new Map() }).errors; // false
 * ```
 */
export function bulkResponse(
  operations: readonly BulkOperation[],
  options: { took: number; failures: BulkFailures; idFor?: (operation: BulkOperation) => string },
): { took: number; errors: boolean; items: JsonValue[] } {
  let anyError = false;
  const items = operations.map((operation): JsonValue => {
    const failure = operation.error
      ? { type: operation.error.type, reason: operation.error.reason, status: 400 }
      : options.failures.get(operation.position);
    const id = operation.id ?? options.idFor?.(operation) ?? null;
    if (failure) {
      anyError = true;
      return {
        [operation.action]: {
          _index: operation.index,
          _id: id,
          status: failure.status ?? 400,
          error: { type: failure.type ?? "mapper_parsing_exception", reason: failure.reason },
        },
      };
    }
    return {
      [operation.action]: {
        _index: operation.index,
        _id: id,
        _version: 1,
        result: "created",
        _shards: { total: 1, successful: 1, failed: 0 },
        _seq_no: operation.position,
        _primary_term: 1,
        status: 201,
      },
    };
  });
  return { took: options.took, errors: anyError, items };
}

/**
 * The 400 body Elasticsearch sends for a request it cannot read at all.
 *
 * @param error The whole-request error.
 * @returns `{"error":{"root_cause":[...],"type","reason"},"status":400}`.
 * @example
 * ```ts
 * bulkRequestErrorResponse({ type: "json_parse_exception", reason: "bad", line: 0 }).status; // 400
 * ```
 */
export function bulkRequestErrorResponse(error: BulkRequestError): { error: JsonValue; status: number } {
  const cause = { type: error.type, reason: error.reason };
  return { error: { root_cause: [cause], ...cause }, status: 400 };
}
