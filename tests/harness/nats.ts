/**
 * Test harness: a real nats-server with JetStream on free loopback ports in a temporary folder.
 */
import { type EmbeddedNats, startEmbeddedNats } from "../../runtime/nats/embedded.ts";
import { connectNats } from "../../runtime/nats/connect.ts";
import type { NatsConnection } from "@nats-io/nats-core";

/** A server for one test, plus how to reach it. */
export interface TestNats extends EmbeddedNats {
  readonly dir: string;
  readonly user: string;
  readonly password: string;
  /** A new client connection (closed by `stop`). */
  connect(): Promise<NatsConnection>;
  /** Stop the server, close clients, remove the folder (unless `keepDir`). */
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Start a nats-server for a test. Use with `await using`.
 *
 * @param options `dir` to reuse a store (restart tests), `port` and `password` to come back as the same server,
 *   `keepDir` to leave the folder behind
 * @returns the running server
 */
export async function startTestNats(
  options: { dir?: string; keepDir?: boolean; port?: number; password?: string } = {},
): Promise<TestNats> {
  const dir = options.dir ?? await Deno.makeTempDir({ prefix: "siem-test-nats-" });
  const user = "siem";
  const password = options.password ?? "test-password-" + crypto.randomUUID();
  const server = await startEmbeddedNats({ dir, port: options.port ?? 0, wsPort: 0, user, password });
  const clients: NatsConnection[] = [];
  return {
    ...server,
    dir,
    user,
    password,
    async connect() {
      const nc = await connectNats([server.url], { user, password, name: "test" });
      clients.push(nc);
      return nc;
    },
    async [Symbol.asyncDispose]() {
      for (const nc of clients) await nc.close().catch(() => {});
      await server.stop();
      if (!options.keepDir && !options.dir) await Deno.remove(dir, { recursive: true }).catch(() => {});
    },
  };
}

/** Whether a process id is alive (Linux /proc). */
export async function processAlive(pid: number): Promise<boolean> {
  try {
    const stat = await Deno.readTextFile(`/proc/${pid}/stat`);
    // A zombie (state Z) has exited; only its parent has not reaped it yet.
    return !/^\d+ \(.*\) Z /.test(stat);
  } catch {
    return false;
  }
}

/** Poll until `check` holds or the time is up. */
export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return await check();
}
