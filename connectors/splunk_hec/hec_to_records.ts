import type {
  ConnectorResult,
  JsonValue,
  ParseContext,
  ParsedRecord,
  RecordError,
  RecordWarning,
} from "../connector.ts";
import { BUILTIN_TABLES, type TableSchema } from "../../query/symbols/mod.ts";
import { parseCefLine } from "../cef/mod.ts";
import { recordsToRows } from "../generic/records_to_rows.ts";
import type { JsonRecord } from "../generic/split_json_body.ts";
import { mapSyslog, parseSyslogLine, SYSLOG_TABLE } from "../syslog/mod.ts";
import type { HecEvent } from "./parse_hec.ts";

/** Where HEC events go when neither their index nor their sourcetype names a table. */
export const HEC_DEFAULT_TABLE = "SplunkHEC_CL";

/** The fixed schema of HEC_DEFAULT_TABLE: the HEC envelope with the event kept whole. */
export const HEC_DEFAULT_SCHEMA: TableSchema = {
  name: HEC_DEFAULT_TABLE,
  columns: [
    { name: "TimeGenerated", type: "datetime" },
    { name: "Host", type: "string" },
    { name: "Source", type: "string" },
    { name: "SourceType", type: "string" },
    { name: "Index", type: "string" },
    { name: "Event", type: "dynamic" },
    { name: "Fields", type: "dynamic" },
  ],
};

const SYSLOG_SOURCETYPES = new Set(["syslog", "linux_secure", "linux_messages_syslog"]);
const CUSTOM_TABLE = /^[A-Za-z][A-Za-z0-9_]*_CL$/;

/** Options of hecEventsToRecords. */
export interface HecRoutingOptions {
  readonly context: ParseContext;
  /** Schemas of custom tables that already exist (otherwise a custom table's schema is inferred). */
  readonly customTables?: ReadonlyMap<string, TableSchema>;
}

/**
 * Route HEC events to tables and rows. A text event with a syslog sourcetype is parsed as syslog, one with a CEF
 * sourcetype as CEF; an object event whose `index` names a table (built-in, or a custom `_CL` one) becomes a row of
 * that table; anything else goes to SplunkHEC_CL with the envelope as columns and the event kept whole.
 *
 * @param events Parsed HEC events.
 * @param options Arrival context and known custom tables.
 * @returns Rows, rejected events (indexed by event number), repairs, and the schemas of custom tables not yet
 *   registered (inferred ones and SplunkHEC_CL), for the caller to register.
 * @example
 * ```ts
 * import { parseHecEvents } from "./parse_hec.ts";
 * const { events } = parseHecEvents('{"event":"<13>Jan  1 00:00:00 h app: hi","sourcetype":"syslog"}');
 * hecEventsToRecords(events, { context: { receivedAt: new Date() } }).records[0].table; // "Syslog"
 * ```
 */
export function hecEventsToRecords(
  events: readonly HecEvent[],
  options: HecRoutingOptions,
): ConnectorResult & { readonly schemas: TableSchema[] } {
  const { context } = options;
  const records: ParsedRecord[] = [];
  const errors: RecordError[] = [];
  const warnings: RecordWarning[] = [];
  const schemas: TableSchema[] = [];
  const byTable = new Map<string, JsonRecord[]>();
  const add = (table: string, record: JsonRecord) => {
    const list = byTable.get(table);
    if (list) list.push(record);
    else byTable.set(table, [record]);
  };
  for (const event of events) {
    const sourcetype = event.sourcetype?.toLowerCase() ?? "";
    const text = typeof event.event === "string" ? event.event : null;
    const eventContext: ParseContext = {
      ...context,
      receivedAt: event.time ? new Date(event.time) : context.receivedAt,
    };
    if (text !== null && SYSLOG_SOURCETYPES.has(sourcetype)) {
      const row = mapSyslog(parseSyslogLine(text, { receivedAt: eventContext.receivedAt }), eventContext);
      row.Computer ??= event.host;
      row.HostName ??= event.host;
      records.push({ table: SYSLOG_TABLE, row });
    } else if (text !== null && sourcetype.includes("cef")) {
      const outcome = parseCefLine(text, eventContext);
      if ("error" in outcome) errors.push({ index: event.index, message: outcome.error, raw: text });
      else records.push(outcome);
    } else if (isObject(event.event) && event.indexName && isTable(event.indexName, options)) {
      // HEC indexed fields are columns too; the event's own fields win on a clash.
      const value = { ...event.fields, ...event.event as Record<string, JsonValue> };
      value.TimeGenerated ??= event.time;
      add(event.indexName, { index: event.index, value, raw: JSON.stringify(event.event) });
    } else {
      add(HEC_DEFAULT_TABLE, {
        index: event.index,
        value: {
          TimeGenerated: event.time,
          Host: event.host,
          Source: event.source,
          SourceType: event.sourcetype,
          Index: event.indexName,
          Event: event.event,
          Fields: event.fields,
        },
        raw: JSON.stringify(event.event),
      });
    }
  }
  for (const [table, tableRecords] of byTable) {
    const schema = table === HEC_DEFAULT_TABLE ? HEC_DEFAULT_SCHEMA : options.customTables?.get(table);
    const result = recordsToRows(tableRecords, { table, schema, context });
    records.push(...result.records);
    errors.push(...result.errors);
    warnings.push(...result.warnings);
    if ((result.inferred || table === HEC_DEFAULT_TABLE) && result.schema) schemas.push(result.schema);
  }
  return warnings.length > 0 ? { records, errors, warnings, schemas } : { records, errors, schemas };
}

function isObject(value: JsonValue): boolean {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isTable(name: string, options: HecRoutingOptions): boolean {
  return CUSTOM_TABLE.test(name) || options.customTables?.has(name) === true ||
    BUILTIN_TABLES.some((table) => table.name === name);
}
