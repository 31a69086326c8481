/**
 * Test harness: what a test stored, read back from SIEM_EVENTS (each message is NDJSON, one row per line).
 */
import type { JetStreamManager } from "@nats-io/jetstream";
import { TOPOLOGY } from "../../runtime/nats/topology.ts";

/** A stored row, with the subject it was published on. */
export type StoredRow = Record<string, unknown> & { _subject: string };

/**
 * Every row stored so far, in stream order; only `table`'s when given.
 *
 * @param jsm a JetStream manager on the test's server
 * @param table the table to keep
 * @returns the rows
 */
export async function eventRows(jsm: JetStreamManager, table?: string): Promise<StoredRow[]> {
  const info = await patiently(() => jsm.streams.info(TOPOLOGY.events.stream));
  const rows: StoredRow[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
    const msg = await storedMessage(jsm, TOPOLOGY.events.stream, seq);
    if (!msg || (table && msg.subject !== `siem.events.${table}`)) continue;
    for (const line of msg.string().split("\n")) rows.push({ ...JSON.parse(line), _subject: msg.subject });
  }
  return rows;
}

/**
 * Every alert on SIEM_ALERTS, in stream order, with its `Nats-Msg-Id` header.
 *
 * @param jsm a JetStream manager on the test's server
 * @returns the alerts
 */
export async function alertMessages(
  jsm: JetStreamManager,
): Promise<Array<Record<string, unknown> & { SystemAlertId: string; _msgId?: string }>> {
  const info = await patiently(() => jsm.streams.info(TOPOLOGY.alerts.stream));
  const out: Array<Record<string, unknown> & { SystemAlertId: string; _msgId?: string }> = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
    const msg = await storedMessage(jsm, TOPOLOGY.alerts.stream, seq);
    if (msg) out.push({ ...msg.json(), _msgId: msg.header?.get("Nats-Msg-Id") });
  }
  return out;
}

/**
 * The message stored at `seq`, or null when there is none (deleted, or past the limits). A request that times out
 * is asked again rather than read as "no message": in the fault tests a stream may be electing a leader, and a
 * silently skipped message would look like a lost event.
 */
function storedMessage(jsm: JetStreamManager, stream: string, seq: number): Promise<StoredMsg | null> {
  return patiently(() =>
    jsm.streams.getMessage(stream, { seq }).catch((e) => (isTimeout(e) ? Promise.reject(e) : null))
  );
}

type StoredMsg = NonNullable<Awaited<ReturnType<JetStreamManager["streams"]["getMessage"]>>>;

function isTimeout(e: unknown): boolean {
  return e instanceof Error && (e.name === "TimeoutError" || /timeout/i.test(e.message));
}

/** Runs a JetStream API request again while it times out, for up to `budgetMs`. */
async function patiently<T>(request: () => Promise<T>, budgetMs = 30_000): Promise<T> {
  const deadline = Date.now() + budgetMs;
  for (;;) {
    try {
      return await request();
    } catch (e) {
      if (!isTimeout(e) || Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
