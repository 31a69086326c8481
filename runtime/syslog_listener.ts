/**
 * The syslog/CEF listener on `SIEM_SYSLOG_PORT`, UDP and TCP (RFC 6587 newline and octet-counting framing).
 * A CEF payload goes to CommonSecurityLog, anything else to Syslog; a line that cannot be parsed is still stored
 * as a Syslog row with the raw message, because syslog has no way to answer an error.
 *
 * Syslog cannot be acknowledged either, so rows wait in a bounded queue and are appended in batches (every 100 ms
 * or 2,000 rows). While the event log is down the queue holds up to `maxQueuedRows`; beyond that the oldest rows
 * are dropped and counted (`siem_syslog_dropped_total`), the only loss a sender without acknowledgments allows.
 */
import dgram from "node:dgram";
import type { ParsedRecord } from "../connectors/connector.ts";
import { parseSyslogPort, SyslogFramer } from "../connectors/mod.ts";
import type { DeadLetter, EventSink } from "../connectors/http/event_sink.ts";
import type { Logger } from "./log.ts";
import type { Metrics } from "./http/metrics.ts";

/** A running listener. */
export interface SyslogListener {
  /** `host:port` (both protocols share the port). */
  readonly address: string;
  /** Stop listening and flush what is queued (bounded by the caller's shutdown timeout). */
  close(): Promise<void>;
}

/** What the listener needs. */
export interface SyslogListenerOptions {
  readonly host: string;
  readonly port: number;
  readonly sink: EventSink;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly maxQueuedRows?: number;
  readonly onAccepted?: (table: string, rows: number) => void;
}

const FLUSH_MS = 100;
const FLUSH_ROWS = 2000;

/**
 * Start listening on UDP and TCP.
 *
 * @param options address, sink and connectors
 * @returns the listener
 */
export async function startSyslogListener(options: SyslogListenerOptions): Promise<SyslogListener> {
  const log = options.logger;
  const maxQueued = options.maxQueuedRows ?? 100_000;
  let queue: ParsedRecord[] = [];
  let dead: DeadLetter[] = [];
  let flushing: Promise<void> | undefined;
  let closed = false;

  const handleFrame = (bytes: Uint8Array, remoteAddress: string | undefined) => {
    const result = parseSyslogPort(bytes, { receivedAt: new Date(), remoteAddress });
    queue.push(...result.records);
    for (const e of result.errors) dead.push({ source: "syslog", index: 0, reason: e.message, raw: e.raw });
    if (queue.length > maxQueued) {
      const excess = queue.length - maxQueued;
      queue = queue.slice(excess);
      options.metrics.inc(
        "siem_syslog_dropped_total",
        "Syslog rows dropped because the event log was down",
        {},
        excess,
      );
    }
    if (queue.length >= FLUSH_ROWS) void flush();
  };

  const flush = (): Promise<void> => {
    if (flushing) return flushing;
    if (queue.length === 0 && dead.length === 0) return Promise.resolve();
    const rows = queue;
    const letters = dead;
    queue = [];
    dead = [];
    flushing = (async () => {
      const byTable = new Map<string, ParsedRecord["row"][]>();
      for (const r of rows) {
        let list = byTable.get(r.table);
        if (!list) byTable.set(r.table, list = []);
        list.push(r.row);
      }
      try {
        await options.sink.append([...byTable].map(([table, rows]) => ({ table, rows })), {
          source: "syslog",
        });
        await options.sink.deadLetter(letters, { source: "syslog" });
        for (const [table, list] of byTable) options.onAccepted?.(table, list.length);
      } catch (error) {
        // Put them back in front; the next tick retries. Order across a failure is best effort.
        queue = [...rows, ...queue];
        dead = [...letters, ...dead];
        log.warn("Syslog rows not stored yet: event log unavailable, will retry", {
          rows: rows.length,
          error,
        });
        await new Promise((r) => setTimeout(r, 500));
      } finally {
        flushing = undefined;
      }
    })();
    return flushing;
  };
  const timer = setInterval(() => void flush(), FLUSH_MS);

  // UDP: one datagram is one message (RFC 5426).
  const udp = dgram.createSocket(options.host.includes(":") ? "udp6" : "udp4");
  udp.on("message", (msg: Uint8Array, rinfo: { address: string }) => {
    try {
      handleFrame(new Uint8Array(msg), rinfo.address);
    } catch (error) {
      log.error("Syslog datagram handling failed", { error });
    }
  });
  udp.on("error", (error: Error) => log.error("Syslog UDP socket error", { error }));

  // TCP first: port 0 picks the port, and UDP then binds the same number.
  const tcp = Deno.listen({ hostname: options.host, port: options.port, transport: "tcp" });
  const port = (tcp.addr as Deno.NetAddr).port;
  await new Promise<void>((resolve, reject) => {
    udp.once("error", reject);
    udp.bind(port, options.host, () => {
      udp.off("error", reject);
      resolve();
    });
  });

  const connections = new Set<Deno.Conn>();
  const accepting = (async () => {
    for await (const conn of tcp) {
      connections.add(conn);
      void serveTcp(conn).finally(() => connections.delete(conn));
    }
  })().catch(() => {});

  async function serveTcp(conn: Deno.Conn) {
    const framer = new SyslogFramer();
    const remote = (conn.remoteAddr as Deno.NetAddr).hostname;
    const take = (frames: ReturnType<SyslogFramer["push"]>) => {
      for (const f of frames) {
        if (f.ok) handleFrame(f.bytes, remote);
        else {dead.push({
            source: "syslog",
            index: 0,
            reason: f.message,
            raw: new TextDecoder().decode(f.raw),
          });}
      }
    };
    try {
      for await (const chunk of conn.readable) take(framer.push(chunk));
      take(framer.flush());
    } catch (error) {
      if (!closed) log.debug("Syslog TCP connection ended with an error", { error });
    }
  }

  return {
    address: `${options.host.includes(":") ? `[${options.host}]` : options.host}:${port}`,
    async close() {
      closed = true;
      tcp.close();
      for (const conn of connections) {
        try {
          conn.close();
        } catch {
          // already closed
        }
      }
      await accepting;
      await new Promise<void>((resolve) => udp.close(() => resolve()));
      clearInterval(timer);
      // Flush what is left; a down event log gives up after one more try rather than hold shutdown forever.
      await flush();
      if (queue.length > 0) await flush();
    },
  };
}
