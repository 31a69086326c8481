/**
 * Test harness: the real `siem start` as a child process (the same command users run), on free ports in a
 * temporary data folder, waited for until it prints its ready line.
 */
import { join } from "node:path";

const CLI = new URL("../../runtime/cli/main.ts", import.meta.url).pathname;

/** A SIEM process under test. */
export interface SiemProcess {
  readonly httpUrl: string;
  readonly natsUrl: string;
  readonly syslogAddress?: string;
  readonly dataDir: string;
  readonly token: string;
  readonly child: Deno.ChildProcess;
  /** The pid of the embedded nats-server (from its ports file), when there is one. */
  natsServerPid(): Promise<number | undefined>;
  /** stderr so far (JSON log lines). */
  stderr(): string;
  /** stdout so far (the ready line and anything printed after it). */
  stdout(): string;
  /** `fetch` with the admin token. */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** Send a signal and wait for the process to exit; returns its status. */
  kill(signal?: Deno.Signal): Promise<Deno.CommandStatus>;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Start `siem start`.
 *
 * @param options extra environment, a data folder to reuse, CLI args
 * @returns the running process
 */
export async function startSiemProcess(
  options: { env?: Record<string, string>; dataDir?: string; args?: string[]; timeoutMs?: number } = {},
): Promise<SiemProcess> {
  const dataDir = options.dataDir ?? await Deno.makeTempDir({ prefix: "siem-test-data-" });
  const token = "test-admin-token-0123456789abcdef";
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CLI, "start", ...(options.args ?? [])],
    env: {
      SIEM_DATA_DIR: dataDir,
      SIEM_HTTP_PORT: "0",
      SIEM_NATS_PORT: "0",
      SIEM_NATS_WS_PORT: "0",
      SIEM_SYSLOG_PORT: "0",
      SIEM_API_TOKEN: token,
      SIEM_LOG_LEVEL: "info",
      // Tests choose their rules; the pack has its own test.
      SIEM_BUILTIN_RULES: "off",
      ...options.env,
    },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();

  let stderrText = "";
  const stderrDone = child.stderr.pipeThrough(new TextDecoderStream()).pipeTo(
    new WritableStream({ write: (chunk) => void (stderrText += chunk) }),
  ).catch(() => {});
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  const readyLine = await (async () => {
    const timeout = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 30_000);
    try {
      while (true) {
        const { value, done } = await lines.read();
        if (done) break;
        buffered += value;
        const line = buffered.split("\n").find((l) => l.startsWith("siem ready "));
        if (line) return line;
      }
    } finally {
      clearTimeout(timeout);
    }
    await child.status;
    await stderrDone;
    throw new Error(`siem start did not get ready; stdout: ${buffered}; stderr: ${stderrText}`);
  })();
  // Keep draining stdout so the child never blocks on a full pipe.
  (async () => {
    while (true) {
      const { value, done } = await lines.read().catch(() => ({ value: undefined, done: true }));
      if (done) break;
      buffered += value;
    }
  })();

  const field = (name: string) => [...readyLine.matchAll(/ (\w+)=(\S+)/g)].find((m) => m[1] === name)?.[2];
  const httpUrl = field("http")!;
  let status: Promise<Deno.CommandStatus> | undefined;
  const kill = (signal: Deno.Signal = "SIGTERM") => {
    try {
      child.kill(signal);
    } catch {
      // already exited
    }
    status ??= child.status;
    return status;
  };
  return {
    httpUrl,
    natsUrl: field("nats")!,
    syslogAddress: field("syslog"),
    dataDir,
    token,
    child,
    async natsServerPid() {
      try {
        for await (const e of Deno.readDir(join(dataDir, "nats", "ports"))) {
          const m = /_(\d+)\.ports$/.exec(e.name);
          if (m) return Number(m[1]);
        }
      } catch {
        // no embedded server
      }
      return undefined;
    },
    stderr: () => stderrText,
    stdout: () => buffered,
    api: (path, init = {}) =>
      fetch(httpUrl + path, {
        ...init,
        headers: { Authorization: `Bearer ${token}`, ...(init.headers as Record<string, string> ?? {}) },
      }),
    kill,
    async [Symbol.asyncDispose]() {
      await kill("SIGTERM");
      await stderrDone;
      if (!options.dataDir) await Deno.remove(dataDir, { recursive: true }).catch(() => {});
    },
  };
}

/**
 * One unlabelled metric of a running SIEM, as its `/metrics` page shows it.
 *
 * @param siem the process (its URL and admin token)
 * @param name the metric's name
 * @returns its value, or NaN when the page does not list it
 */
export async function readMetric(
  siem: Pick<SiemProcess, "httpUrl" | "token">,
  name: string,
): Promise<number> {
  const res = await fetch(`${siem.httpUrl}/metrics`, { headers: { Authorization: `Bearer ${siem.token}` } });
  const line = (await res.text()).split("\n").find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(" ")[1]) : NaN;
}
