/**
 * Test harness: Cloudflare's `workerd` runtime (npm package `workerd`, which ships its binary) serving a bundled
 * module worker, to prove that code meant for the edge runs outside Deno.
 */
import { join } from "node:path";

/** The pinned version; npm caches it after the first install. */
const WORKERD_VERSION = "1.20261117.1";
const TOOLS_DIR = new URL("../../node_modules/.siem-tools/workerd/", import.meta.url).pathname;

/**
 * The workerd binary, installed with npm into node_modules/.siem-tools on first use.
 *
 * @returns its path
 */
export async function workerdBinary(): Promise<string> {
  const binary = join(TOOLS_DIR, "node_modules", "@cloudflare", "workerd-linux-64", "bin", "workerd");
  try {
    await Deno.stat(binary);
    return binary;
  } catch {
    // not installed yet
  }
  await Deno.mkdir(TOOLS_DIR, { recursive: true });
  const out = await new Deno.Command("npm", {
    args: [
      "install",
      "--prefix",
      TOOLS_DIR,
      "--no-save",
      "--no-audit",
      "--no-fund",
      `workerd@${WORKERD_VERSION}`,
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) throw new Error(`npm install workerd failed: ${new TextDecoder().decode(out.stderr)}`);
  return binary;
}

/**
 * Bundle a module into one ES module file with Deno's bundler.
 *
 * @param entry the module path
 * @param outFile where to write the bundle
 */
export async function bundle(entry: string, outFile: string): Promise<void> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["bundle", "--quiet", "--platform", "browser", "-o", outFile, entry],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) throw new Error(`deno bundle failed: ${new TextDecoder().decode(out.stderr)}`);
}

/** A running workerd. */
export interface Workerd {
  readonly url: string;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Serve a bundled module worker with text bindings.
 *
 * @param bundleFile the worker's module
 * @param bindings text bindings (the worker's `env`)
 * @returns the running server
 */
export async function startWorkerd(bundleFile: string, bindings: Record<string, string>): Promise<Workerd> {
  const binary = await workerdBinary();
  const dir = await Deno.makeTempDir({ prefix: "siem-workerd-" });
  await Deno.copyFile(bundleFile, join(dir, "worker.js"));
  const port = freePort();
  const capnpString = (s: string) => JSON.stringify(s);
  const config = `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    # Loopback only in tests: the worker talks to the test's nats-server on 127.0.0.1.
    (name = "internet", network = (allow = ["local", "private", "public"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2025-01-01",
  compatibilityFlags = ["nodejs_compat"],
  bindings = [${
    Object.entries(bindings).map(([k, v]) => `(name = ${capnpString(k)}, text = ${capnpString(v)})`).join(
      ", ",
    )
  }],
);
`;
  await Deno.writeTextFile(join(dir, "config.capnp"), config);
  const child = new Deno.Command(binary, {
    args: ["serve", join(dir, "config.capnp")],
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  while (true) {
    try {
      const res = await fetch(`${url}/healthz`);
      await res.body?.cancel();
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill("SIGKILL");
        const err = await new Response(child.stderr).text();
        throw new Error(`workerd did not start: ${err}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    async [Symbol.asyncDispose]() {
      child.kill("SIGTERM");
      await child.stderr.cancel().catch(() => {});
      await child.status;
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    },
  };
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}
