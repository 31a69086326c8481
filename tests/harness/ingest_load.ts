/**
 * Test harness: a steady ingest load over HTTP for fault tests. Each client sends NDJSON batches with an
 * `Idempotency-Key` and, like a well-behaved sender, retries a failed batch with the same key until it is
 * acknowledged; the report says which rows were acknowledged and which errors the clients saw on the way.
 */

/** What to send. */
export interface IngestLoadOptions {
  /** The SIEM's HTTP address (read at every request, so it may change across restarts). */
  readonly url: () => string;
  readonly token: string;
  readonly table: string;
  /** Concurrent clients. */
  readonly clients?: number;
  /** Rows per request. */
  readonly batch?: number;
  /** Pause between acknowledged requests of one client, ms (0 = as fast as acknowledgments come). */
  readonly pauseMs?: number;
  /** One row; `id` is unique across the whole load and must be stored in the row so it can be found again. */
  readonly row: (id: string, n: number) => Record<string, unknown>;
}

/** What the clients saw. */
export interface IngestLoadReport {
  /** Ids of the rows whose request was answered 200 (stored, by the ingest contract). */
  readonly acked: ReadonlySet<string>;
  /** Ids of rows sent but never acknowledged before `finish` gave up. */
  readonly unacked: readonly string[];
  /** Failed attempts by kind: `connection` (refused, reset), `503`, `timeout`, or another status. */
  readonly errors: Readonly<Record<string, number>>;
  /** The first message of each kind of failure, to tell why. */
  readonly errorSamples: Readonly<Record<string, string>>;
  readonly requests: number;
  /** Wall-clock time of the load, ms, and acknowledged rows per second. */
  readonly elapsedMs: number;
  readonly rowsPerSecond: number;
}

/** A running load. */
export interface IngestLoad {
  /** Rows acknowledged so far. */
  ackedCount(): number;
  /** Failed attempts so far. */
  errorCount(): number;
  /** Stop starting new batches, keep retrying the ones in flight for up to `retryMs`, and report. */
  finish(retryMs?: number): Promise<IngestLoadReport>;
}

/**
 * Start sending.
 *
 * @param options target, table, rows
 * @returns the running load
 */
export function startIngestLoad(options: IngestLoadOptions): IngestLoad {
  const acked = new Set<string>();
  const unacked: string[] = [];
  const errors: Record<string, number> = {};
  const errorSamples: Record<string, string> = {};
  let requests = 0;
  let counter = 0;
  let stopping = false;
  let giveUpAt = Infinity;
  const started = Date.now();
  const fail = (kind: string, sample: string) => {
    errors[kind] = (errors[kind] ?? 0) + 1;
    errorSamples[kind] ??= sample;
  };

  const client = async (c: number) => {
    for (let r = 0; !stopping; r++) {
      const ids = Array.from({ length: options.batch ?? 20 }, (_, i) => `c${c}-r${r}-${i}`);
      const body = ids.map((id) => JSON.stringify(options.row(id, counter++))).join("\n");
      const key = `load-${c}-${r}`;
      let done = false;
      while (!done && Date.now() < giveUpAt) {
        requests++;
        try {
          const res = await fetch(`${options.url()}/api/v1/ingest/${options.table}`, {
            method: "POST",
            headers: { Authorization: `Bearer ${options.token}`, "Idempotency-Key": key },
            body,
            signal: AbortSignal.timeout(10_000),
          });
          await res.body?.cancel();
          if (res.status === 200) {
            for (const id of ids) acked.add(id);
            done = true;
          } else fail(String(res.status), `HTTP ${res.status}`);
        } catch (error) {
          fail((error as Error).name === "TimeoutError" ? "timeout" : "connection", String(error));
        }
        if (!done) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      if (!done) unacked.push(...ids);
      if (options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
    }
  };
  const running = Promise.all(Array.from({ length: options.clients ?? 4 }, (_, c) => client(c)));
  return {
    ackedCount: () => acked.size,
    errorCount: () => Object.values(errors).reduce((a, b) => a + b, 0),
    async finish(retryMs = 20_000) {
      stopping = true;
      giveUpAt = Date.now() + retryMs;
      await running;
      const elapsedMs = Date.now() - started;
      return {
        acked,
        unacked,
        errors,
        errorSamples,
        requests,
        elapsedMs,
        rowsPerSecond: Math.round(acked.size / (elapsedMs / 1000)),
      };
    },
  };
}

/**
 * Compare what the clients were told with what SIEM_EVENTS holds.
 *
 * @param rows the stored rows (`eventRows`)
 * @param acked the acknowledged ids
 * @param idColumn the column that holds the id
 * @returns acknowledged ids that are not stored, and ids stored more than once
 */
export function compareStored(
  rows: readonly Record<string, unknown>[],
  acked: ReadonlySet<string>,
  idColumn: string,
): { lost: string[]; twice: string[] } {
  const stored = new Map<string, number>();
  for (const row of rows) stored.set(String(row[idColumn]), (stored.get(String(row[idColumn])) ?? 0) + 1);
  return {
    lost: [...acked].filter((id) => !stored.has(id)),
    twice: [...stored].filter(([, n]) => n > 1).map(([id]) => id),
  };
}

/** The alerts of an AlertPerResult rule compared with the rows that should each have raised one. */
export interface AlertCheck {
  readonly total: number;
  /** Alert ids that occur more than once on SIEM_ALERTS. */
  readonly duplicateIds: string[];
  /** Alerts whose Nats-Msg-Id header is not their SystemAlertId. */
  readonly badMsgIds: number;
  /** Expected rows without an alert. */
  readonly missing: string[];
  /** Rows with more than one alert (under different ids). */
  readonly repeated: string[];
}

/**
 * Check the alerts of an AlertPerResult rule whose query projects `idColumn`: one alert per expected row.
 *
 * @param alerts the alerts (`alertMessages`)
 * @param expected ids of the rows that match the rule
 * @param idColumn the projected column holding the id
 * @returns the comparison
 */
export function checkAlerts(
  alerts: readonly (Record<string, unknown> & { SystemAlertId: string; _msgId?: string })[],
  expected: ReadonlySet<string>,
  idColumn: string,
): AlertCheck {
  const ids = new Map<string, number>();
  const perRow = new Map<string, number>();
  for (const a of alerts) {
    ids.set(a.SystemAlertId, (ids.get(a.SystemAlertId) ?? 0) + 1);
    const results = (a.ExtendedProperties as { Results?: Array<Record<string, unknown>> })?.Results ?? [];
    const row = String(results[0]?.[idColumn]);
    perRow.set(row, (perRow.get(row) ?? 0) + 1);
  }
  return {
    total: alerts.length,
    duplicateIds: [...ids].filter(([, n]) => n > 1).map(([id]) => id),
    badMsgIds: alerts.filter((a) => a._msgId !== a.SystemAlertId).length,
    missing: [...expected].filter((id) => !perRow.has(id)),
    repeated: [...perRow].filter(([, n]) => n > 1).map(([id]) => id),
  };
}

/** An NRT rule with one alert per failed logon (AlertPerResult), whatever batch the event arrives in. */
export const FAILED_LOGON_RULE = `id: 7a7a7a7a-0001-4000-8000-00000000f001
name: Failed logon (fault test)
description: Every failed logon.
severity: Low
kind: NRT
query: |
  SecurityEvent
  | where EventID == 4625
  | project TimeGenerated, TargetAccount, Activity
eventGroupingSettings:
  aggregationKind: AlertPerResult
version: 1
`;

/**
 * A SecurityEvent row for the load, its id in `Activity`; every 50th is a failed logon (EventID 4625), so the
 * oracle of FAILED_LOGON_RULE is simply one alert per such row.
 *
 * @param id the row's id
 * @param n the row's number in the load
 * @returns the row
 */
export function logonRow(id: string, n: number): Record<string, unknown> {
  return {
    TimeGenerated: new Date().toISOString(),
    EventID: n % 50 === 0 ? 4625 : 4624,
    TargetAccount: `CONTOSO\\user${n % 997}`,
    Activity: id,
  };
}
