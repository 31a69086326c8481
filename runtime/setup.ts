/**
 * `deno task setup`: installs the system packages the SIEM needs when they are missing (the Debian package
 * `nats-server`; with `--for-tests` also `chromium` and `firefox-esr` for the browser tests), when running as
 * root on Debian/Ubuntu. Anywhere else it names exactly what to install and exits 1.
 */

interface Requirement {
  /** What is looked for: an executable on PATH (and /usr/sbin), or a file matching a pattern. */
  readonly binary?: string;
  readonly file?: { readonly dirs: readonly string[]; readonly name: string };
  /** Debian package that provides it. */
  readonly debianPackage: string;
  readonly why: string;
}

const RUNTIME: Requirement[] = [
  { binary: "nats-server", debianPackage: "nats-server", why: "the embedded NATS JetStream server" },
];
const RSYSLOG_MODULE_DIRS = [
  "/usr/lib/x86_64-linux-gnu/rsyslog",
  "/usr/lib/aarch64-linux-gnu/rsyslog",
  "/usr/lib/rsyslog",
];
const TESTS: Requirement[] = [
  {
    binary: "rsyslogd",
    debianPackage: "rsyslog",
    why: "a real syslog daemon forwarding to the Elasticsearch bulk API",
  },
  {
    file: { dirs: RSYSLOG_MODULE_DIRS, name: "omelasticsearch.so" },
    debianPackage: "rsyslog-elasticsearch",
    why: "rsyslog's Elasticsearch output, a real /_bulk client",
  },
  { binary: "logger", debianPackage: "bsdutils", why: "the system's syslog sender" },
  {
    file: { dirs: ["/usr/lib/python3/dist-packages/azure/kusto/data"], name: "__init__.py" },
    debianPackage: "python3-azure-kusto-data",
    why: "Microsoft's Python Kusto client, to test the Kusto REST API",
  },
  { binary: "chromium", debianPackage: "chromium", why: "a real browser for the web UI's end-to-end tests" },
  {
    binary: "firefox-esr",
    debianPackage: "firefox-esr",
    why: "a second real browser (driven over WebDriver BiDi) for the web UI's end-to-end tests",
  },
];

async function present(r: Requirement): Promise<boolean> {
  if (r.binary) return await onPath(r.binary);
  for (const dir of r.file?.dirs ?? []) {
    try {
      if ((await Deno.stat(`${dir}/${r.file!.name}`)).isFile) return true;
    } catch {
      // not in this folder
    }
  }
  return false;
}

async function onPath(binary: string): Promise<boolean> {
  const dirs = [...(Deno.env.get("PATH") ?? "").split(":"), "/usr/sbin", "/usr/bin"];
  for (const dir of dirs) {
    try {
      if ((await Deno.stat(`${dir}/${binary}`)).isFile) return true;
    } catch {
      // not in this folder
    }
  }
  return false;
}

async function isDebianRoot(): Promise<boolean> {
  if (Deno.uid() !== 0) return false;
  return await onPath("apt-get");
}

async function aptInstall(packages: string[]): Promise<boolean> {
  const env = { ...Deno.env.toObject(), DEBIAN_FRONTEND: "noninteractive" };
  const run = async (args: string[]) => {
    const out = await new Deno.Command("apt-get", { args, env, stdout: "null", stderr: "inherit" }).output();
    return out.success;
  };
  // An install can fail on a stale package list; update once and retry.
  if (await run(["install", "-y", "--no-install-recommends", ...packages])) return true;
  return await run(["update"]) && await run(["install", "-y", "--no-install-recommends", ...packages]);
}

if (import.meta.main) {
  const forTests = Deno.args.includes("--for-tests");
  const wanted = forTests ? [...RUNTIME, ...TESTS] : RUNTIME;
  const missing: Requirement[] = [];
  for (const r of wanted) if (!(await present(r))) missing.push(r);
  if (missing.length > 0) {
    const names = missing.map((r) => r.debianPackage);
    if (await isDebianRoot()) {
      console.error(`setup: installing ${names.join(", ")} (apt-get)`);
      if (!(await aptInstall(names))) {
        console.error(`setup: 'apt-get install ${names.join(" ")}' failed; install it by hand and retry`);
        Deno.exit(1);
      }
    } else {
      for (const r of missing) {
        console.error(`setup: missing '${r.binary}' (${r.why}); install the package '${r.debianPackage}'`);
      }
      console.error(`setup: on Debian/Ubuntu run: sudo apt-get install ${names.join(" ")}`);
      Deno.exit(1);
    }
  }
}
