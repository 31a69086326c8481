/**
 * Connect to NATS over TCP (`nats://`, `tls://`) or WebSocket (`ws://`, `wss://`, the transport edge runtimes
 * have), reconnecting forever: a SIEM must ride out a restarting server, answering 503 meanwhile.
 *
 * TLS over TCP: a `tls://` URL or any TLS file makes TLS mandatory (nats.js otherwise upgrades only when the
 * server offers it, so a server that stops offering it would silently get plain text). A CA file replaces the
 * system roots; a certificate and key are sent for mutual TLS. `wss://` uses the runtime's WebSocket and its
 * trust store (for a private CA, Deno reads `DENO_CERT`).
 */
import { connect as tcpConnect } from "@nats-io/transport-node";
import { credsAuthenticator, type NatsConnection, wsconnect } from "@nats-io/nats-core";

/** Credentials and identity of a connection. */
export interface NatsAuth {
  readonly user?: string;
  readonly password?: string;
  readonly token?: string;
  /** Contents of a `.creds` file. */
  readonly creds?: string;
}

/** TLS files for a TCP connection (PEM paths). */
export interface NatsTlsFiles {
  /** CA bundle that signed the server's certificate (default: the system roots). */
  readonly caFile?: string;
  /** Client certificate and key, for servers that verify clients (mutual TLS). */
  readonly certFile?: string;
  readonly keyFile?: string;
}

/**
 * Open a connection.
 *
 * @param servers one or more URLs of one scheme family
 * @param options auth, connection name and how long to try the first connect
 * @returns the connection
 */
export async function connectNats(
  servers: readonly string[],
  options: NatsAuth & { name?: string; timeoutMs?: number; tls?: NatsTlsFiles } = {},
): Promise<NatsConnection> {
  guardAbandonedSockets();
  const ws = servers.every((s) => /^wss?:\/\//.test(s));
  if (!ws && servers.some((s) => /^wss?:\/\//.test(s))) {
    throw new Error("Cannot connect to NATS: do not mix ws:// and nats:// URLs in NATS_URL");
  }
  const common = {
    servers: [...servers],
    name: options.name ?? "siem",
    user: options.user,
    pass: options.password,
    token: options.token,
    authenticator: options.creds ? credsAuthenticator(new TextEncoder().encode(options.creds)) : undefined,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    timeout: options.timeoutMs ?? 10_000,
    waitOnFirstConnect: false,
  };
  const tlsWanted = options.tls !== undefined || servers.some((s) => /^tls:\/\//.test(s));
  if (ws && options.tls && Object.values(options.tls).some((f) => f !== undefined)) {
    throw new Error(
      "Cannot connect to NATS: TLS files apply to nats:// and tls:// URLs; wss:// uses the system trust store",
    );
  }
  if (!ws && tlsWanted) {
    const files = options.tls ?? {};
    return await tcpConnect({
      ...common,
      tls: { caFile: files.caFile, certFile: files.certFile, keyFile: files.keyFile },
    });
  }
  return ws ? await wsconnect(common) : await tcpConnect(common);
}

let guarded = false;

/**
 * nats.js's Node transport removes its listeners from a socket it gives up on (a refused login, a closed or lost
 * connection) before destroying it; a connection reset that arrives in between is an `error` event nobody
 * listens to, which Deno raises as an uncaught error and which would end the process (seen in CI when a test
 * server stopped under an open connection). Only such resets and broken pipes are let pass; any other uncaught
 * error still ends the process.
 */
function guardAbandonedSockets(): void {
  if (guarded || typeof globalThis.addEventListener !== "function") return;
  guarded = true;
  globalThis.addEventListener("error", (event: ErrorEvent) => {
    const code = (event.error as { code?: unknown } | undefined)?.code;
    if (code === "ECONNRESET" || code === "EPIPE") event.preventDefault();
  });
}
