/**
 * Test harness: a real nats-server with JetStream on free loopback ports in a temporary folder.
 */
import { join } from "node:path";
import {
  type EmbeddedNats,
  type EmbeddedNatsOptions,
  startEmbeddedNats,
} from "../../runtime/nats/embedded.ts";
import { connectNats, type NatsTlsFiles } from "../../runtime/nats/connect.ts";
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
 *   `keepDir` to leave the folder behind, `tls` to serve TLS (and `clientTls`: the files `connect()` uses)
 * @returns the running server
 */
export async function startTestNats(
  options: {
    dir?: string;
    keepDir?: boolean;
    port?: number;
    password?: string;
    tls?: EmbeddedNatsOptions["tls"];
    clientTls?: NatsTlsFiles;
  } = {},
): Promise<TestNats> {
  const dir = options.dir ?? await Deno.makeTempDir({ prefix: "siem-test-nats-" });
  const user = "siem";
  const password = options.password ?? "test-password-" + crypto.randomUUID();
  const server = await startEmbeddedNats({
    dir,
    port: options.port ?? 0,
    wsPort: 0,
    user,
    password,
    tls: options.tls,
  });
  const clients: NatsConnection[] = [];
  return {
    ...server,
    dir,
    user,
    password,
    async connect() {
      const nc = await connectNats([server.url], { user, password, name: "test", tls: options.clientTls });
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

/**
 * Poll until `check` holds or the time is up. A check that throws counts as "not yet" until the last attempt:
 * during a fault test a JetStream API request may time out while a stream elects a leader, and that is the very
 * thing being waited out. The last attempt's error propagates.
 */
export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const held = await Promise.resolve().then(check).catch(() => false);
    if (held) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return await check();
}

/** A free TCP port on loopback (a cluster node must come back on the same ports after a restart). */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/** A nats-server cluster for one test: every node on loopback, each with its own store folder. */
export interface TestCluster {
  /** Client URLs of all nodes, in node order (what NATS_URL lists). */
  readonly urls: readonly string[];
  readonly user: string;
  readonly password: string;
  /** The running node `i`, or undefined while it is stopped. */
  node(i: number): EmbeddedNats | undefined;
  /** Stop node `i` (SIGTERM, or SIGKILL for a crash). */
  stopNode(i: number, signal?: "SIGTERM" | "SIGKILL"): Promise<void>;
  /** Start node `i` again on its ports with its store. */
  startNode(i: number): Promise<void>;
  /** A client connected to every node (closed on dispose). */
  connect(): Promise<NatsConnection>;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Start a JetStream cluster of `size` nats-servers on loopback; the config of each node is written in a
 * temporary folder. Waits until JetStream has a meta leader.
 *
 * @param options `size` (default 3)
 * @returns the running cluster
 */
export async function startTestCluster(options: { size?: number } = {}): Promise<TestCluster> {
  const size = options.size ?? 3;
  const root = await Deno.makeTempDir({ prefix: "siem-test-cluster-" });
  const user = "siem";
  const password = "test-password-" + crypto.randomUUID();
  const ports = Array.from({ length: size }, () => ({ client: freePort(), route: freePort() }));
  const nodes: Array<EmbeddedNats | undefined> = new Array(size).fill(undefined);
  const clients: NatsConnection[] = [];
  const startNode = async (i: number) => {
    const routes = ports.filter((_, j) => j !== i).map((p) => `"nats-route://127.0.0.1:${p.route}"`);
    nodes[i] = await startEmbeddedNats({
      dir: join(root, `n${i}`),
      name: `n${i}`,
      port: ports[i].client,
      wsPort: null,
      user,
      password,
      extraConfig: [
        `cluster {`,
        `  name: "siem-test"`,
        `  listen: "127.0.0.1:${ports[i].route}"`,
        `  routes: [${routes.join(", ")}]`,
        `}`,
      ].join("\n"),
    });
  };
  const stopNode = async (i: number, signal: "SIGTERM" | "SIGKILL" = "SIGTERM") => {
    const node = nodes[i];
    if (!node) return;
    nodes[i] = undefined;
    if (signal === "SIGKILL") {
      // The supervisor's pid is ours; nats-server is its child, named in the ports file.
      const pid = await serverPid(join(root, `n${i}`, "ports"));
      if (pid) Deno.kill(pid, "SIGKILL");
    }
    await node.stop();
  };
  const urls = ports.map((p) => `nats://127.0.0.1:${p.client}`);
  const cluster: TestCluster = {
    urls,
    user,
    password,
    node: (i) => nodes[i],
    stopNode,
    startNode,
    async connect() {
      const nc = await connectNats(urls, { user, password, name: "test" });
      clients.push(nc);
      return nc;
    },
    async [Symbol.asyncDispose]() {
      for (const nc of clients) await nc.close().catch(() => {});
      for (let i = 0; i < size; i++) await stopNode(i);
      await Deno.remove(root, { recursive: true }).catch(() => {});
    },
  };
  try {
    await Promise.all(ports.map((_, i) => startNode(i)));
    const nc = await cluster.connect();
    const ready = await waitFor(async () => {
      try {
        const info = await nc.request("$JS.API.INFO", undefined, { timeout: 1000 });
        return !("error" in info.json<Record<string, unknown>>());
      } catch {
        return false;
      }
    }, 30_000);
    if (!ready) throw new Error("Cannot start the test cluster: JetStream has no meta leader after 30 s");
  } catch (error) {
    await cluster[Symbol.asyncDispose]();
    throw error;
  }
  return cluster;
}

async function serverPid(portsDir: string): Promise<number | undefined> {
  for await (const e of Deno.readDir(portsDir)) {
    const m = /_(\d+)\.ports$/.exec(e.name);
    if (m) return Number(m[1]);
  }
  return undefined;
}
