/**
 * The contract every connector implements: bytes of a source's native payload in, rows for Sentinel tables out.
 * Pure: no I/O, no clock (the arrival time is passed in), never throws on bad input.
 */

/** A JSON value as it travels on the event stream. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * One event row. Keys are the table's column names (see query/symbols). Encodings on the wire: `datetime` as an
 * ISO 8601 UTC string ending in `Z`, `timespan` as Kusto's `[-][d.]hh:mm:ss[.fffffff]`, `dynamic` as the JSON
 * value itself, numbers as numbers, `bool` as true/false, absent or null for null.
 */
export type Row = Record<string, JsonValue>;

/** A row and the table it belongs to. */
export interface ParsedRecord {
  readonly table: string;
  readonly row: Row;
}

/** An input record that could not be turned into a row. */
export interface RecordError {
  /** Position of the record in the request (0-based: array index, line number or syslog frame). */
  readonly index: number;
  /** Sentence-case reason, e.g. `Cannot parse CEF header: expected 7 pipe-separated fields`. */
  readonly message: string;
  /** The raw bytes of that record, for the dead-letter stream (as text; invalid UTF-8 replaced). */
  readonly raw: string;
  /** Where a JSON syntax error is, when the record (or the whole body) is not valid JSON. */
  readonly position?: TextPosition;
}

/** A place in a payload's text, for error messages: HTTP answers 400 with it. */
export interface TextPosition {
  /** UTF-16 offset in the decoded text. */
  readonly offset: number;
  /** Byte offset in the UTF-8 payload. */
  readonly byteOffset: number;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column (UTF-16 code units). */
  readonly column: number;
}

/** Something repaired in an accepted record (e.g. invalid UTF-8 replaced): reported, not rejected. */
export interface RecordWarning {
  /** Position of the record in the request, as in RecordError; -1 when it concerns the whole payload. */
  readonly index: number;
  readonly message: string;
}

/** What a connector returns for one payload: the good rows and the rejected records. */
export interface ConnectorResult {
  readonly records: ParsedRecord[];
  readonly errors: RecordError[];
  /** Repairs made to accepted input; absent when there were none. */
  readonly warnings?: RecordWarning[];
}

/** Context a connector needs from its caller. */
export interface ParseContext {
  /** Arrival time, used as TimeGenerated when the source carries no time of its own. */
  readonly receivedAt: Date;
  /** The request's Content-Type, when there is one. */
  readonly contentType?: string;
  /** The sender's address (syslog peer or HTTP client), used where a table has a column for it (Syslog HostIP). */
  readonly remoteAddress?: string;
}

/** A source format. */
export interface Connector {
  /** The name in `POST /api/v1/connectors/{name}`. */
  readonly name: string;
  /** Tables its rows go to. */
  readonly tables: readonly string[];
  /** Parse a payload; never throws on bad input (a whole-body failure is one RecordError at index 0). */
  parse(body: Uint8Array, context: ParseContext): ConnectorResult;
}
