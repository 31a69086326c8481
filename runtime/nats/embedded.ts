/**
 * The embedded nats-server: a child process with JetStream, loopback only, password-protected, with a WebSocket
 * listener for browsers and edge runtimes. Also the test harness's way to get a real server.
 *
 * The child must never outlive us, not even when we are killed with SIGKILL. A small POSIX-sh supervisor sits
 * between us and nats-server and holds the read end of a pipe whose write end only we have: when we exit for any
 * reason the kernel closes it, the supervisor sees end-of-file and stops nats-server with SIGTERM (a clean
 * JetStream shutdown). A graceful stop closes the pipe the same way, so there is one shutdown path.
 */
import { join } from "node:path";

/** Options of one embedded server. */
export interface EmbeddedNatsOptions {
  /** Folder for the JetStream store, config, ports file and log. */
  readonly dir: string;
  readonly host?: string;
  /** Client port; 0 = free port. */
  readonly port: number;
  /** WebSocket port; 0 = free port; null = no WebSocket listener. */
  readonly wsPort: number | null;
  readonly user: string;
  readonly password: string;
  /** Server name (JetStream needs a stable one to find its store again). */
  readonly name?: string;
  /** How long to wait for the server to listen. */
  readonly startTimeoutMs?: number;
  /** Extra config lines (e.g. cluster blocks in fault tests). */
  readonly extraConfig?: string;
  /**
   * Serve TLS on the client port (URL `tls://`) and the WebSocket port (`wss://`) with these PEM files;
   * `caFile` with `verify` also demands client certificates (mutual TLS).
   */
  readonly tls?: {
    readonly certFile: string;
    readonly keyFile: string;
    readonly caFile?: string;
    readonly verify?: boolean;
  };
  /** nats-server binary; default `nats-server` on PATH or /usr/sbin. */
  readonly binary?: string;
}

/** A running embedded server. */
export interface EmbeddedNats {
  /** `nats://host:port` (`tls://host:port` with TLS) */
  readonly url: string;
  /** `ws://host:port` (`wss://` with TLS), when the WebSocket listener is on. */
  readonly wsUrl?: string;
  readonly pid: number;
  readonly logFile: string;
  /** Stop the server (SIGTERM via the supervisor) and wait for it to exit. */
  stop(): Promise<void>;
  /** Resolves when the server exits, for whatever reason, with its exit code. */
  readonly exited: Promise<number>;
}

/** nats-server is not installed. */
export class NatsServerMissingError extends Error {
  override name = "NatsServerMissingError";
  constructor() {
    super(
      "Cannot start the embedded NATS server: 'nats-server' is not installed; install the Debian package " +
        "'nats-server' (apt-get install nats-server) or set NATS_URL to an existing server",
    );
  }
}

/** nats-server did not come up. */
export class NatsServerStartError extends Error {
  override name = "NatsServerStartError";
}

const SUPERVISOR = [
  "exec 3<&0 </dev/null >/dev/null 2>&1",
  '"$0" -c "$1" & pid=$!',
  // Wait for our parent to close the pipe (normal stop) or die (crash, SIGKILL): both give end-of-file.
  '( cat <&3 >/dev/null; kill -TERM "$pid" 2>/dev/null ) &',
  "watcher=$!",
  'wait "$pid"; code=$?',
  'kill "$watcher" 2>/dev/null',
  'exit "$code"',
].join("\n");

/**
 * Locate the nats-server binary.
 *
 * @returns its path, or undefined when it is not installed
 */
export async function findNatsServer(): Promise<string | undefined> {
  const dirs = [...(Deno.env.get("PATH") ?? "").split(":"), "/usr/sbin", "/usr/local/sbin", "/usr/bin"];
  for (const dir of dirs) {
    if (!dir) continue;
    const path = join(dir, "nats-server");
    try {
      const info = await Deno.stat(path);
      if (info.isFile) return path;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * Start nats-server with JetStream and wait until it accepts connections.
 *
 * @param options where and how
 * @returns the running server
 * @throws NatsServerMissingError, NatsServerStartError
 */
export async function startEmbeddedNats(options: EmbeddedNatsOptions): Promise<EmbeddedNats> {
  const binary = options.binary ?? await findNatsServer();
  if (!binary) throw new NatsServerMissingError();
  const host = options.host ?? "127.0.0.1";
  await Deno.mkdir(join(options.dir, "jetstream"), { recursive: true, mode: 0o700 });
  const portsDir = join(options.dir, "ports");
  await Deno.remove(portsDir, { recursive: true }).catch(() => {});
  await Deno.mkdir(portsDir, { recursive: true });
  const logFile = join(options.dir, "nats-server.log");
  const configFile = join(options.dir, "nats-server.conf");
  await Deno.writeTextFile(configFile, renderConfig({ ...options, host, logFile, portsDir }), {
    mode: 0o600,
  });

  const child = new Deno.Command("sh", {
    args: ["-c", SUPERVISOR, binary, configFile],
    stdin: "piped",
    stdout: "null",
    stderr: "null",
  }).spawn();
  const stdin = child.stdin.getWriter();
  const exited = child.status.then((s) => s.code);
  let running = true;
  exited.then(() => (running = false));

  const stop = async () => {
    if (running) await stdin.close().catch(() => {});
    await exited;
  };

  try {
    const ports = await waitForPorts(portsDir, exited, options.startTimeoutMs ?? 15_000, logFile);
    const url = pick(ports.nats, options.tls ? "tls" : "nats");
    const wsUrl = options.wsPort === null
      ? undefined
      : pick(ports.websocket ?? [], options.tls ? "wss" : "ws");
    if (!url || (options.wsPort !== null && !wsUrl)) {
      throw new NatsServerStartError(
        `Cannot start the embedded NATS server: no listen address in its ports file`,
      );
    }
    return { url, wsUrl, pid: child.pid, logFile, stop, exited };
  } catch (error) {
    await stop();
    throw error;
  }
}

function pick(urls: string[], scheme: string): string | undefined {
  return urls.find((u) => u.startsWith(`${scheme}://`));
}

interface PortsFile {
  nats: string[];
  websocket?: string[];
}

async function waitForPorts(
  dir: string,
  exited: Promise<number>,
  timeoutMs: number,
  logFile: string,
): Promise<PortsFile> {
  let exitCode: number | undefined;
  exited.then((code) => (exitCode = code));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new NatsServerStartError(
        `Cannot start the embedded NATS server: it exited with code ${exitCode}: ${await lastLogLines(
          logFile,
        )}`,
      );
    }
    for await (const entry of Deno.readDir(dir)) {
      if (!entry.name.endsWith(".ports")) continue;
      try {
        return JSON.parse(await Deno.readTextFile(join(dir, entry.name))) as PortsFile;
      } catch {
        // written but not complete yet
      }
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new NatsServerStartError(
    `Cannot start the embedded NATS server: not listening after ${timeoutMs} ms: ${await lastLogLines(
      logFile,
    )}`,
  );
}

async function lastLogLines(logFile: string): Promise<string> {
  try {
    const text = await Deno.readTextFile(logFile);
    return text.trim().split("\n").slice(-3).join(" | ") || "no log output";
  } catch {
    return "no log output";
  }
}

function quote(s: string): string {
  return JSON.stringify(s);
}

function renderConfig(
  o: EmbeddedNatsOptions & { host: string; logFile: string; portsDir: string },
): string {
  const lines = [
    `server_name: ${quote(o.name ?? "siem")}`,
    `listen: ${quote(`${o.host}:${o.port === 0 ? -1 : o.port}`)}`,
    `log_file: ${quote(o.logFile)}`,
    `ports_file_dir: ${quote(o.portsDir)}`,
    `max_payload: 8MB`,
    `jetstream {`,
    `  store_dir: ${quote(join(o.dir, "jetstream"))}`,
    `}`,
    `authorization {`,
    `  user: ${quote(o.user)}`,
    `  password: ${quote(o.password)}`,
    `}`,
  ];
  const tls = o.tls
    ? [
      `  tls {`,
      `    cert_file: ${quote(o.tls.certFile)}`,
      `    key_file: ${quote(o.tls.keyFile)}`,
      ...(o.tls.caFile ? [`    ca_file: ${quote(o.tls.caFile)}`] : []),
      ...(o.tls.verify ? [`    verify: true`] : []),
      `  }`,
    ]
    : [];
  if (tls.length > 0) lines.push(...tls.map((l) => l.slice(2)));
  if (o.wsPort !== null) {
    lines.push(
      `websocket {`,
      `  listen: ${quote(`${o.host}:${o.wsPort === 0 ? -1 : o.wsPort}`)}`,
      ...(tls.length > 0 ? tls : [`  no_tls: true`]),
      `}`,
    );
  }
  if (o.extraConfig) lines.push(o.extraConfig);
  return lines.join("\n") + "\n";
}
