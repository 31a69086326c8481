/**
 * Connect to NATS over TCP (`nats://`, `tls://`) or WebSocket (`ws://`, `wss://`, the transport edge runtimes
 * have), reconnecting forever: a SIEM must ride out a restarting server, answering 503 meanwhile.
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

/**
 * Open a connection.
 *
 * @param servers one or more URLs of one scheme family
 * @param options auth, connection name and how long to try the first connect
 * @returns the connection
 */
export async function connectNats(
  servers: readonly string[],
  options: NatsAuth & { name?: string; timeoutMs?: number } = {},
): Promise<NatsConnection> {
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
  return ws ? await wsconnect(common) : await tcpConnect(common);
}
