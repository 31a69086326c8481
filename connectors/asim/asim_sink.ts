/**
 * The event sink that adds, to every append, the ASim rows normalized from the appended rows: one wrapper in
 * front of the event log covers every ingest door (connectors, the ingest API, HEC, Logs Ingestion, Elastic
 * bulk, OTLP, the syslog port) alike, and the counts answered to clients stay those of the rows they sent.
 */
import type { ParsedRecord, Row } from "../connector.ts";
import type { AsimRecord } from "./asim_row.ts";
import type { EventBatch, EventSink } from "../http/event_sink.ts";
import { isNormalized, normalizeRow } from "./normalize_row.ts";

/**
 * The ASim batches derived from some batches, one per ASim table, in first-seen order.
 *
 * @param batches Appended batches.
 * @returns The derived batches; empty when nothing maps.
 * @example
 * ```ts
 * asimBatches([{ table: "SecurityEvent", rows: [{ TimeGenerated: "2024-01-01T00:00:00.000Z", EventID: 4625 }] }]);
 * // [{ table: "ASimAuthenticationEventLogs", rows: [{ ... EventResult: "Failure" ... }] }]
 * ```
 */
export function asimBatches(batches: readonly EventBatch[]): EventBatch[] {
  const byTable = new Map<string, ParsedRecord[]>();
  for (const batch of batches) {
    if (!isNormalized(batch.table)) continue;
    for (const row of batch.rows) {
      for (const record of normalizeRow(batch.table, row)) {
        let records = byTable.get(record.table);
        if (records === undefined) byTable.set(record.table, records = []);
        records.push(record);
      }
    }
  }
  return [...byTable].map(([table, records]) => derivedBatch(table, records));
}

/**
 * A batch of ASim records that carries their JSON text, which the mappers wrote as they went; the row objects
 * are only made if a sink asks for them (the event log does not).
 */
function derivedBatch(table: string, records: readonly ParsedRecord[]): EventBatch {
  let rows: Row[] | undefined;
  return {
    table,
    json: records.map((r) => (r as Partial<AsimRecord>).json ?? JSON.stringify(r.row)),
    get rows() {
      return rows ??= records.map((r) => r.row);
    },
  };
}

/**
 * Wrap an event sink so that every append also stores the ASim rows of what it appends, in the same call (so
 * an idempotent retry stores neither twice, and an acknowledged append has both).
 *
 * @param sink The event log.
 * @returns The normalizing sink.
 * @example
 * ```ts
 * const stored: string[] = [];
 * const sink = asimSink({
 *   append: (batches) => Promise.resolve(void stored.push(...batches.map((b) => b.table))),
 *   deadLetter: () => Promise.resolve(),
 * });
 * await sink.append([{ table: "SecurityEvent", rows: [{ TimeGenerated: "2024-01-01T00:00:00.000Z", EventID: 4624 }] }], { source: "ingest" });
 * stored; // ["SecurityEvent", "ASimAuthenticationEventLogs"]
 * ```
 */
export function asimSink(sink: EventSink): EventSink {
  return {
    append(batches, options) {
      const derived = asimBatches(batches);
      return sink.append(derived.length === 0 ? batches : [...batches, ...derived], options);
    },
    deadLetter: (entries, options) => sink.deadLetter(entries, options),
  };
}
