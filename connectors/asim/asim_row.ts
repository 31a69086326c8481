/**
 * What every normalizer shares: the ASIM schemas (table, name, version) and the building of one ASim row from
 * the values a mapper names, typed by the catalog like every other connector row.
 */
import type { JsonValue, ParsedRecord, Row } from "../connector.ts";
import { encodeValue, RowEncoder } from "../encode/row_encoder.ts";
import type { ScalarType } from "../../query/symbols/mod.ts";

/** The ASIM schemas we normalize to: the ASim table, the `EventSchema` value and the schema version. */
export const ASIM_SCHEMAS = {
  Authentication: { table: "ASimAuthenticationEventLogs", version: "0.1.3" },
  NetworkSession: { table: "ASimNetworkSessionLogs", version: "0.2.6" },
  WebSession: { table: "ASimWebSessionLogs", version: "0.2.6" },
  Dns: { table: "ASimDnsActivityLogs", version: "0.1.7" },
  ProcessEvent: { table: "ASimProcessEventLogs", version: "0.1.4" },
  FileEvent: { table: "ASimFileEventLogs", version: "0.2.1" },
  RegistryEvent: { table: "ASimRegistryEventLogs", version: "0.1.2" },
  AuditEvent: { table: "ASimAuditEventLogs", version: "0.1" },
  UserManagement: { table: "ASimUserManagementActivityLogs", version: "0.1" },
} as const;

/** An ASIM schema name. */
export type AsimSchema = keyof typeof ASIM_SCHEMAS;

/** A column of an ASim table: its type, and its place in the table (for the set-once bitmap). */
interface Column {
  readonly type: ScalarType;
  readonly index: number;
  /** `,"Name":`: the column's text before its value, made once. */
  readonly prefix: string;
}

/** Each ASim table's columns, looked up once per module instead of per row. */
const COLUMNS = new Map<AsimSchema, ReadonlyMap<string, Column>>(
  (Object.keys(ASIM_SCHEMAS) as AsimSchema[]).map((schema) => [
    schema,
    new Map(
      RowEncoder.forTable(ASIM_SCHEMAS[schema].table).schema.columns.map((c, index) => [c.name, {
        type: c.type,
        index,
        // Column names are plain identifiers: they need no escaping.
        prefix: `,"${c.name}":`,
      }]),
    ),
  ]),
);

/** One ASim row with its JSON text (what the event log stores), equal to `JSON.stringify(row)`. */
export interface AsimRecord extends ParsedRecord {
  readonly json: string;
}

/**
 * One ASim row built column by column, typed by its table's schema as RowEncoder types rows (null, undefined and
 * empty values are left out, and so are columns the table lacks and values that do not fit). The mappers on the
 * ingest path fill rows through it: no intermediate object per row, the event time (which every record carries
 * three times: `TimeGenerated`, `EventStartTime`, `EventEndTime`) is parsed once, and the row's JSON text is
 * written as the columns are set. The row object itself is only made when asked for: the event log needs the
 * text alone, and an object built property by property past about 16 properties falls into V8's slow
 * dictionary mode, in which serializing ASim rows took longer than mapping them.
 *
 * A column keeps the place of its first non-empty value (a second value replaces the first in place), so a
 * mapper sets columns in the order they should be stored in. Mappers built on it must not set `EventSchema`,
 * `EventSchemaVersion`, `EventCount`, `EventStartTime` or `EventEndTime`: `record()` fills them in.
 *
 * @example
 * ```ts
 * const b = new AsimRow("Authentication", "2024-01-01T00:00:00.000Z");
 * b.set("EventResult", "Failure");
 * b.record().row.EventStartTime; // "2024-01-01T00:00:00.000Z"
 * ```
 */
export class AsimRow {
  readonly #schema: AsimSchema;
  readonly #columns: ReadonlyMap<string, Column>;
  readonly #time: unknown;
  #encodedTime: JsonValue | undefined;
  readonly #names: string[] = [];
  readonly #values: JsonValue[] = [];
  /** Columns set so far, one bit each: a column set twice cannot be written to the text as it goes. */
  readonly #set: number[] = [];
  /** The row's JSON text in pieces, joined once at the end (cheaper than growing a string per column). */
  #json = "";
  #twice = false;

  /**
   * @param schema The ASIM schema.
   * @param time The source's `TimeGenerated`, stored first.
   */
  constructor(schema: AsimSchema, time: unknown) {
    this.#schema = schema;
    this.#columns = COLUMNS.get(schema)!;
    this.#time = time;
    this.set("TimeGenerated", time);
  }

  /**
   * Set one column.
   *
   * @param name The column.
   * @param value The source value; null, undefined and "" leave the column out.
   */
  set(name: string, value: unknown): void {
    if (value === undefined || value === null || value === "") return;
    const column = this.#columns.get(name);
    if (column === undefined) return;
    let encoded: JsonValue;
    if (column.type === "string" && typeof value === "string") encoded = value;
    else if (column.type === "datetime" && value === this.#time) {
      encoded = this.#encodedTime ??= encodeValue(column.type, value);
    } else encoded = encodeValue(column.type, value);
    if (encoded === null) return;
    const word = column.index >> 5;
    const bit = 1 << (column.index & 31);
    const seen = this.#set[word] ?? 0;
    if ((seen & bit) !== 0) this.#twice = true;
    this.#set[word] = seen | bit;
    this.#names.push(name);
    this.#values.push(encoded);
    this.#json += column.prefix + jsonText(encoded);
  }

  /** The finished record: `EventSchema`, `EventSchemaVersion`, `EventCount` 1 and start and end times added. */
  record(): AsimRecord {
    const { version } = ASIM_SCHEMAS[this.#schema];
    this.set("EventSchema", this.#schema);
    this.set("EventSchemaVersion", version);
    this.set("EventCount", 1);
    this.set("EventStartTime", this.#time);
    this.set("EventEndTime", this.#time);
    return this.done();
  }

  /** The record with the columns set so far. */
  done(): AsimRecord {
    const names = this.#names;
    const values = this.#values;
    let row: Row | undefined;
    const materialize = () => {
      if (row !== undefined) return row;
      row = {};
      for (let i = 0; i < names.length; i++) row[names[i]] = values[i];
      return row;
    };
    return {
      table: ASIM_SCHEMAS[this.#schema].table,
      json: this.#twice
        ? JSON.stringify(materialize())
        : this.#json.length === 0
        ? "{}"
        : `{${this.#json.slice(1)}}`,
      get row() {
        return materialize();
      },
    };
  }
}

/**
 * The JSON text of a row value, as `JSON.stringify` writes it. Most values are strings with nothing to escape:
 * those are quoted in JS, which is several times cheaper than a call into the native serializer per value.
 */
function jsonText(value: JsonValue): string {
  if (typeof value === "string") {
    if (value.length > 48) return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      // Quote, backslash, control characters and surrogates (a lone one is escaped) take the native path.
      if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(value);
    }
    return `"${value}"`;
  }
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return JSON.stringify(value);
}

/** What JSON.stringify escapes in a string (longer strings are searched natively rather than in a JS loop). */
// deno-lint-ignore no-control-regex -- control characters are exactly what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * One ASim record: the values typed by the table's schema, with the fields every ASIM record carries filled
 * in (`EventSchema`, `EventSchemaVersion`, `EventCount` 1, start and end time = `TimeGenerated`).
 *
 * @param schema The ASIM schema.
 * @param values Column name to value; null, undefined and empty values are left out.
 * @returns The record for the schema's table.
 * @example
 * ```ts
 * asimRecord("Authentication", { TimeGenerated: "2024-01-01T00:00:00Z", EventResult: "Failure" }).row.EventCount;
 * // 1
 * ```
 */
export function asimRecord(schema: AsimSchema, values: Record<string, unknown>): AsimRecord {
  const { version } = ASIM_SCHEMAS[schema];
  const time = values.TimeGenerated;
  const b = new AsimRow(schema, time);
  // Columns keep the places they have in `values`; the filled-in ones keep theirs when `values` names them.
  for (const name in values) {
    if (name === "TimeGenerated") continue;
    const value = values[name];
    b.set(
      name,
      name === "EventSchema"
        ? schema
        : name === "EventSchemaVersion"
        ? version
        : name === "EventCount"
        ? value ?? 1
        : name === "EventStartTime" || name === "EventEndTime"
        ? value ?? time
        : value,
    );
  }
  if (!Object.hasOwn(values, "EventSchema")) b.set("EventSchema", schema);
  if (!Object.hasOwn(values, "EventSchemaVersion")) b.set("EventSchemaVersion", version);
  if (!Object.hasOwn(values, "EventCount")) b.set("EventCount", 1);
  if (!Object.hasOwn(values, "EventStartTime")) b.set("EventStartTime", time);
  if (!Object.hasOwn(values, "EventEndTime")) b.set("EventEndTime", time);
  return b.done();
}

/** A host name split the ASIM way: short name, domain and FQDN when the name has dots. */
export function hostFields(
  prefix: string,
  name: string | undefined,
): Record<string, string | undefined> {
  if (name === undefined || name === "") return {};
  const dot = name.indexOf(".");
  if (dot <= 0 || IPV4.test(name)) return { [`${prefix}Hostname`]: name };
  return {
    [`${prefix}Hostname`]: name.slice(0, dot),
    [`${prefix}Domain`]: name.slice(dot + 1),
    [`${prefix}DomainType`]: "FQDN",
    [`${prefix}FQDN`]: name,
  };
}

/** The column names of a host in a role (`Dvc`, `Target`, ...), built once rather than per row. */
export function hostColumns(prefix: string) {
  return {
    hostname: `${prefix}Hostname`,
    domain: `${prefix}Domain`,
    domainType: `${prefix}DomainType`,
    fqdn: `${prefix}FQDN`,
  };
}

/**
 * Set a host name's columns the way hostFields splits it.
 *
 * @param b The row being built.
 * @param columns The role's columns (hostColumns).
 * @param name The host name; nothing is set when absent or empty.
 */
export function setHost(b: AsimRow, columns: ReturnType<typeof hostColumns>, name: string | undefined): void {
  if (name === undefined || name === "") return;
  const dot = name.indexOf(".");
  if (dot <= 0 || IPV4.test(name)) {
    b.set(columns.hostname, name);
    return;
  }
  b.set(columns.hostname, name.slice(0, dot));
  b.set(columns.domain, name.slice(dot + 1));
  b.set(columns.domainType, "FQDN");
  b.set(columns.fqdn, name);
}

const IPV4 = /^\d+\.\d+\.\d+\.\d+$/;

/** A string column of a source row, or undefined when absent or empty. */
export function str(row: Row, column: string): string | undefined {
  const value = row[column];
  if (value === null || value === undefined || value === "") return undefined;
  return typeof value === "string"
    ? value
    : typeof value === "object"
    ? JSON.stringify(value)
    : String(value);
}

/** A dynamic column of a source row, parsing it when a table stores JSON as text. */
export function obj(row: Row, column: string): Record<string, unknown> | undefined {
  let value: unknown = row[column];
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? value as Record<string, unknown>
    : undefined;
}
