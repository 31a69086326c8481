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
  const info = await jsm.streams.info(TOPOLOGY.events.stream);
  const rows: StoredRow[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
    const msg = await jsm.streams.getMessage(TOPOLOGY.events.stream, { seq }).catch(() => null);
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
  const info = await jsm.streams.info(TOPOLOGY.alerts.stream);
  const out: Array<Record<string, unknown> & { SystemAlertId: string; _msgId?: string }> = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
    const msg = await jsm.streams.getMessage(TOPOLOGY.alerts.stream, { seq }).catch(() => null);
    if (msg) out.push({ ...msg.json(), _msgId: msg.header?.get("Nats-Msg-Id") });
  }
  return out;
}
