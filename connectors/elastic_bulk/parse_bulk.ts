/**
 * Elasticsearch `_bulk` bodies: NDJSON where each action line (`{"index":{...}}`, `{"create":{...}}`,
 * `{"update":...}`, `{"delete":...}`) is followed by a document line (except for delete). Log shippers (Logstash,
 * Filebeat, Fluent Bit, Vector, rsyslog omelasticsearch) send `index` or `create`. As in Elasticsearch, a malformed
 * action line fails the whole request, while a bad document fails only its item.
 */

/** The actions of the bulk API. */
export type BulkAction = "index" | "create" | "update" | "delete";

/** One operation of a bulk request. */
export interface BulkOperation {
  /** Position among the request's operations (0-based), as in the response's `items`. */
  readonly position: number;
  /** 0-based line of the action line in the body. */
  readonly line: number;
  readonly action: BulkAction;
  /** Target index: the action's `_index`, else the URL's. */
  readonly index: string | null;
  readonly id: string | null;
  /** The document, when it parsed as a JSON object. */
  readonly document: Record<string, unknown> | null;
  /** Why this item fails (Elasticsearch's error `type` and `reason`), or null. */
  readonly error: { readonly type: string; readonly reason: string } | null;
  /** The document line, for dead letters. */
  readonly raw: string;
}

/** A whole-request failure (HTTP 400). */
export interface BulkRequestError {
  readonly type: string;
  readonly reason: string;
  readonly line: number;
}

/** Operations, or the reason the request is refused. */
export type BulkParseResult =
  | { readonly ok: true; readonly operations: BulkOperation[] }
  | { readonly ok: false; readonly error: BulkRequestError };

const ACTIONS: ReadonlySet<string> = new Set(["index", "create", "update", "delete"]);

/**
 * Parse a bulk body.
 *
 * @param text The decoded body.
 * @param options `defaultIndex`: the index of `POST /{index}/_bulk`.
 * @returns The operations, or the whole-request error.
 * @example
 * ```ts
 * const result = parseBulk('{"index":{"_index":"logs"}}\n{"message":"hi"}\n');
 * result.ok && result.operations[0].document; // { message: "hi" }
 * ```
 */
export function parseBulk(text: string, options: { defaultIndex?: string } = {}): BulkParseResult {
  const lines = text.split("\n");
  const operations: BulkOperation[] = [];
  let i = 0;
  while (i < lines.length) {
    const actionLine = lines[i].replace(/\r$/, "");
    if (actionLine.trim() === "") {
      i++;
      continue;
    }
    const line = i;
    let parsed: unknown;
    try {
      parsed = JSON.parse(actionLine);
    } catch {
      return refuse("json_parse_exception", `Malformed action/metadata line [${line + 1}]: not JSON`, line);
    }
    const entries = parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)
      ? Object.entries(parsed)
      : [];
    if (entries.length !== 1 || !ACTIONS.has(entries[0][0])) {
      return refuse(
        "illegal_argument_exception",
        `Malformed action/metadata line [${
          line + 1
        }], expected one of "index", "create", "update" or "delete"`,
        line,
      );
    }
    const [action, meta] = entries[0] as [BulkAction, unknown];
    const metadata = meta !== null && typeof meta === "object" ? meta as Record<string, unknown> : {};
    const index = typeof metadata._index === "string" ? metadata._index : options.defaultIndex ?? null;
    const id = typeof metadata._id === "string" || typeof metadata._id === "number"
      ? String(metadata._id)
      : null;
    i++;
    let raw = "";
    let document: Record<string, unknown> | null = null;
    let error: BulkOperation["error"] = null;
    if (action !== "delete") {
      if (i >= lines.length || lines[i].trim() === "") {
        return refuse(
          "illegal_argument_exception",
          `The bulk request must be terminated by a newline [\\n]`,
          line,
        );
      }
      raw = lines[i].replace(/\r$/, "");
      i++;
      try {
        const value = JSON.parse(raw);
        if (value !== null && typeof value === "object" && !Array.isArray(value)) document = value;
        else {error = {
            type: "mapper_parsing_exception",
            reason: "failed to parse: the document is not a JSON object",
          };}
      } catch {
        error = {
          type: "mapper_parsing_exception",
          reason: "failed to parse: the document is not valid JSON",
        };
      }
    }
    if (action === "update" || action === "delete") {
      error = {
        type: "illegal_argument_exception",
        reason: `Action [${action}] is not supported: events are append-only`,
      };
    } else if (index === null) {
      error = {
        type: "action_request_validation_exception",
        reason: "Validation Failed: 1: index is missing;",
      };
    }
    operations.push({
      position: operations.length,
      line,
      action,
      index,
      id,
      document: error ? null : document,
      error,
      raw,
    });
  }
  return { ok: true, operations };
}

function refuse(type: string, reason: string, line: number): BulkParseResult {
  return { ok: false, error: { type, reason, line } };
}
