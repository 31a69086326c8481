/**
 * Configuration from the environment (CONTRACTS.md section 2), validated with valibot. A bad value becomes one
 * ConfigError naming the variable and what it accepts; the CLI prints its message and exits 1.
 */
import * as v from "valibot";
import { parseDuration } from "./duration.ts";

/** Log levels, least to most severe. */
export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevel = typeof LOG_LEVELS[number];

/** A port to listen on; 0 asks the OS for a free one. */
export type Port = number;

/** Everything the process needs to know, typed. */
export interface Config {
  readonly host: string;
  readonly httpPort: Port;
  /** `null` when the syslog listener is off. */
  readonly syslogPort: Port | null;
  /** External NATS servers; empty means start the embedded nats-server. */
  readonly natsUrls: readonly string[];
  readonly natsPort: Port;
  /** WebSocket listener of the embedded nats-server, for browsers and edge runtimes; `null` = off. */
  readonly natsWsPort: Port | null;
  readonly natsUser?: string;
  readonly natsPassword?: string;
  readonly natsToken?: string;
  readonly natsCreds?: string;
  /** PEM files for TLS to an external NATS: the CA to trust, and a client certificate and key (mutual TLS). */
  readonly natsTlsCaFile?: string;
  readonly natsTlsCertFile?: string;
  readonly natsTlsKeyFile?: string;
  /** PEM certificate and key: when both are set, the embedded nats-server serves TLS (`tls://`, `wss://`). */
  readonly natsServerTlsCertFile?: string;
  readonly natsServerTlsKeyFile?: string;
  readonly dataDir: string;
  readonly rulesDir?: string;
  /** Folder of stored functions (`.kql` files and Sentinel parser YAML), loaded at start and followed. */
  readonly functionsDir?: string;
  readonly apiToken?: string;
  /** Default ingest requests per second per token (0 = unlimited). */
  readonly ingestRateLimit: number;
  /** PEM certificate and key files: when both are set, the HTTP port serves HTTPS. */
  readonly tlsCertFile?: string;
  readonly tlsKeyFile?: string;
  /** Install the built-in rule pack at start. */
  readonly builtinRules: boolean;
  /** Event retention in milliseconds. */
  readonly retentionMs: number;
  /** How often the history store writes its changed partitions as Parquet snapshots, in milliseconds. */
  readonly snapshotIntervalMs: number;
  /** Replicas of every stream and KV bucket (1 on one server, 3 on a cluster). */
  readonly streamReplicas: number;
  readonly logLevel: LogLevel;
  /** Largest request body accepted, in bytes. */
  readonly maxBodyBytes: number;
  /** How long a graceful shutdown may take before the process exits anyway. */
  readonly shutdownTimeoutMs: number;
  /** How long detection waits for late events before it closes a window, in milliseconds. */
  readonly allowedLatenessMs: number;
  /**
   * Event shards for detection scale-out (0: off). With shards, the events of a rule on a shardable incremental
   * plan are split among the detection workers, which ship partial aggregates to the rule's owner.
   */
  readonly detectShards: number;
  /** Rows a hunting result holds before it is truncated (Kusto's `truncationmaxrecords` default). */
  readonly queryMaxRows: number;
  /** The most rows any hunting result may hold, even with `notruncation`. */
  readonly queryRowLimit: number;
  /** How long a hunting query may run, and the longest a request's `servertimeout` may ask for (ms). */
  readonly queryTimeoutMs: number;
  readonly queryMaxTimeoutMs: number;
}

/** A configuration value that cannot be used. */
export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(readonly variable: string, message: string) {
    super(message);
  }
}

const portSchema = (variable: string, { allowOff }: { allowOff: boolean }) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.check(
      (s) => (allowOff && s === "off") || (/^\d+$/.test(s) && Number(s) <= 65535),
      `${variable} must be a port number from 0 to 65535 (0 picks a free port)${allowOff ? " or 'off'" : ""}`,
    ),
    v.transform((s) => (s === "off" ? null : Number(s))),
  );

const durationSchema = (variable: string) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.check(
      (s) => (parseDuration(s) ?? 0) > 0,
      `${variable} must be a positive duration such as '7d', '12h', '90m'`,
    ),
    v.transform((s) => parseDuration(s)!),
  );

const positiveIntSchema = (variable: string, max: number) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.check(
      (s) => /^\d+$/.test(s) && Number(s) >= 1 && Number(s) <= max,
      `${variable} must be an integer from 1 to ${max}`,
    ),
    v.transform(Number),
  );

const natsUrlSchema = v.pipe(
  v.string(),
  v.transform((s) => s.split(",").map((u) => u.trim()).filter((u) => u !== "")),
  v.check(
    (urls) => urls.length > 0 && urls.every((u) => /^(nats|tls|ws|wss):\/\/[^\s/]+/.test(u)),
    "NATS_URL must be one or more comma-separated nats://, tls://, ws:// or wss:// URLs",
  ),
);

/** Each variable: its name, default, and schema. Kept as data so the README table and the code cannot drift far. */
const VARIABLES = {
  host: {
    env: "SIEM_HOST",
    fallback: "127.0.0.1",
    schema: v.pipe(
      v.string(),
      v.trim(),
      v.nonEmpty("SIEM_HOST must be an address such as '127.0.0.1' or '0.0.0.0'"),
    ),
  },
  httpPort: {
    env: "SIEM_HTTP_PORT",
    fallback: "8080",
    schema: portSchema("SIEM_HTTP_PORT", { allowOff: false }),
  },
  syslogPort: {
    env: "SIEM_SYSLOG_PORT",
    fallback: "5514",
    schema: portSchema("SIEM_SYSLOG_PORT", { allowOff: true }),
  },
  natsPort: {
    env: "SIEM_NATS_PORT",
    fallback: "4222",
    schema: portSchema("SIEM_NATS_PORT", { allowOff: false }),
  },
  natsWsPort: {
    env: "SIEM_NATS_WS_PORT",
    fallback: "4223",
    schema: portSchema("SIEM_NATS_WS_PORT", { allowOff: true }),
  },
  dataDir: {
    env: "SIEM_DATA_DIR",
    fallback: "./data",
    schema: v.pipe(v.string(), v.trim(), v.nonEmpty("SIEM_DATA_DIR must be a folder path")),
  },
  retentionMs: { env: "SIEM_RETENTION", fallback: "7d", schema: durationSchema("SIEM_RETENTION") },
  snapshotIntervalMs: {
    env: "SIEM_SNAPSHOT_INTERVAL",
    fallback: "5m",
    schema: durationSchema("SIEM_SNAPSHOT_INTERVAL"),
  },
  streamReplicas: {
    env: "SIEM_STREAM_REPLICAS",
    fallback: "1",
    schema: positiveIntSchema("SIEM_STREAM_REPLICAS", 5),
  },
  logLevel: {
    env: "SIEM_LOG_LEVEL",
    fallback: "info",
    schema: v.pipe(
      v.string(),
      v.trim(),
      v.toLowerCase(),
      v.picklist(LOG_LEVELS, `SIEM_LOG_LEVEL must be one of ${LOG_LEVELS.map((l) => `'${l}'`).join(", ")}`),
    ),
  },
  maxBodyBytes: {
    env: "SIEM_MAX_BODY_BYTES",
    fallback: String(10 * 1024 * 1024),
    schema: positiveIntSchema("SIEM_MAX_BODY_BYTES", 1024 ** 3),
  },
  shutdownTimeoutMs: {
    env: "SIEM_SHUTDOWN_TIMEOUT",
    fallback: "10s",
    schema: durationSchema("SIEM_SHUTDOWN_TIMEOUT"),
  },
  allowedLatenessMs: {
    env: "SIEM_ALLOWED_LATENESS",
    fallback: "5s",
    schema: durationSchema("SIEM_ALLOWED_LATENESS"),
  },
  detectShards: {
    env: "SIEM_DETECT_SHARDS",
    fallback: "0",
    schema: v.pipe(
      v.string(),
      v.trim(),
      v.check(
        (s) => /^\d+$/.test(s) && Number(s) <= 256,
        "SIEM_DETECT_SHARDS must be an integer from 0 (off) to 256",
      ),
      v.transform(Number),
    ),
  },
  queryMaxRows: {
    env: "SIEM_QUERY_MAX_ROWS",
    fallback: "500000",
    schema: positiveIntSchema("SIEM_QUERY_MAX_ROWS", 100_000_000),
  },
  queryRowLimit: {
    env: "SIEM_QUERY_ROW_LIMIT",
    fallback: "1000000",
    schema: positiveIntSchema("SIEM_QUERY_ROW_LIMIT", 100_000_000),
  },
  queryTimeoutMs: {
    env: "SIEM_QUERY_TIMEOUT",
    fallback: "60s",
    schema: durationSchema("SIEM_QUERY_TIMEOUT"),
  },
  queryMaxTimeoutMs: {
    env: "SIEM_QUERY_MAX_TIMEOUT",
    fallback: "10m",
    schema: durationSchema("SIEM_QUERY_MAX_TIMEOUT"),
  },
  ingestRateLimit: {
    env: "SIEM_INGEST_RATE_LIMIT",
    fallback: "0",
    schema: v.pipe(
      v.string(),
      v.trim(),
      v.check(
        (s) => /^\d+(\.\d+)?$/.test(s),
        "SIEM_INGEST_RATE_LIMIT must be a number of requests per second (0 = unlimited)",
      ),
      v.transform(Number),
    ),
  },
  builtinRules: {
    env: "SIEM_BUILTIN_RULES",
    fallback: "on",
    schema: v.pipe(
      v.string(),
      v.trim(),
      v.toLowerCase(),
      v.picklist(["on", "off"], "SIEM_BUILTIN_RULES must be 'on' or 'off'"),
      v.transform((s) => s === "on"),
    ),
  },
} as const;

const OPTIONAL_STRINGS = {
  natsUser: "NATS_USER",
  natsPassword: "NATS_PASSWORD",
  natsToken: "NATS_TOKEN",
  natsCreds: "NATS_CREDS",
  rulesDir: "SIEM_RULES_DIR",
  functionsDir: "SIEM_FUNCTIONS_DIR",
  apiToken: "SIEM_API_TOKEN",
  tlsCertFile: "SIEM_TLS_CERT_FILE",
  tlsKeyFile: "SIEM_TLS_KEY_FILE",
  natsTlsCaFile: "NATS_TLS_CA_FILE",
  natsTlsCertFile: "NATS_TLS_CERT_FILE",
  natsTlsKeyFile: "NATS_TLS_KEY_FILE",
  natsServerTlsCertFile: "SIEM_NATS_TLS_CERT_FILE",
  natsServerTlsKeyFile: "SIEM_NATS_TLS_KEY_FILE",
} as const;

/** Certificate/key variables that only make sense together. */
const TLS_PAIRS = [
  ["NATS_TLS_CERT_FILE", "NATS_TLS_KEY_FILE", "mutual TLS to NATS"],
  ["SIEM_NATS_TLS_CERT_FILE", "SIEM_NATS_TLS_KEY_FILE", "TLS on the embedded NATS server"],
] as const;

const tlsPairSchema = (cert: string, key: string, what: string) =>
  v.pipe(
    v.object({ cert: v.optional(v.string()), key: v.optional(v.string()) }),
    v.check(
      (p) => (p.cert === undefined) === (p.key === undefined),
      (issue) => {
        const missing = (issue.input as { cert?: string }).cert === undefined ? cert : key;
        return `Invalid configuration: ${missing} must be set too: ${what} needs both the certificate and the key`;
      },
    ),
  );

/**
 * Read the configuration from an environment.
 *
 * @param env the variables (pass `Deno.env.toObject()` in the process, a plain object in tests)
 * @returns the typed configuration
 * @throws ConfigError naming the first bad variable
 *
 * @example
 * ```ts
 * import { loadConfig } from "./config.ts";
 * const config = loadConfig({ SIEM_HTTP_PORT: "0" });
 * config.httpPort; // 0
 * ```
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(VARIABLES)) {
    const raw = env[spec.env] ?? spec.fallback;
    const result = v.safeParse(spec.schema as v.GenericSchema<string, unknown>, raw);
    if (!result.success) {
      throw new ConfigError(spec.env, `Invalid configuration: ${result.issues[0].message} (got '${raw}')`);
    }
    out[key] = result.output;
  }
  for (const [key, name] of Object.entries(OPTIONAL_STRINGS)) {
    const raw = env[name];
    if (raw !== undefined && raw !== "") out[key] = raw;
  }
  const natsUrl = env.NATS_URL;
  // Credentials inside the URL would be printed wherever the URL is (logs, errors): refused, without echoing it.
  if (natsUrl !== undefined && /:\/\/[^/\s,]*@/.test(natsUrl)) {
    throw new ConfigError(
      "NATS_URL",
      "Invalid configuration: NATS_URL must not contain credentials: use NATS_USER and NATS_PASSWORD, NATS_TOKEN or NATS_CREDS",
    );
  }
  if (natsUrl !== undefined && natsUrl.trim() !== "") {
    const result = v.safeParse(natsUrlSchema, natsUrl);
    if (!result.success) {
      throw new ConfigError(
        "NATS_URL",
        `Invalid configuration: ${result.issues[0].message} (got '${natsUrl}')`,
      );
    }
    out.natsUrls = result.output;
  } else {
    out.natsUrls = [];
  }
  if ((out.tlsCertFile === undefined) !== (out.tlsKeyFile === undefined)) {
    const missing = out.tlsCertFile === undefined ? "SIEM_TLS_CERT_FILE" : "SIEM_TLS_KEY_FILE";
    throw new ConfigError(
      missing,
      `Invalid configuration: ${missing} must be set too: HTTPS needs both the certificate and the key`,
    );
  }
  for (const [cert, key, what] of TLS_PAIRS) {
    const pair = { cert: env[cert] || undefined, key: env[key] || undefined };
    const result = v.safeParse(tlsPairSchema(cert, key, what), pair);
    if (!result.success) throw new ConfigError(pair.cert ? key : cert, result.issues[0].message);
  }
  // The defaults follow a raised SIEM_QUERY_MAX_ROWS / SIEM_QUERY_TIMEOUT; explicit ceilings below them are refused.
  if (env.SIEM_QUERY_ROW_LIMIT === undefined) {
    out.queryRowLimit = Math.max(out.queryRowLimit as number, out.queryMaxRows as number);
  } else if ((out.queryRowLimit as number) < (out.queryMaxRows as number)) {
    throw new ConfigError(
      "SIEM_QUERY_ROW_LIMIT",
      `Invalid configuration: SIEM_QUERY_ROW_LIMIT must be at least SIEM_QUERY_MAX_ROWS (got '${env.SIEM_QUERY_ROW_LIMIT}')`,
    );
  }
  if (env.SIEM_QUERY_MAX_TIMEOUT === undefined) {
    out.queryMaxTimeoutMs = Math.max(out.queryMaxTimeoutMs as number, out.queryTimeoutMs as number);
  } else if ((out.queryMaxTimeoutMs as number) < (out.queryTimeoutMs as number)) {
    throw new ConfigError(
      "SIEM_QUERY_MAX_TIMEOUT",
      `Invalid configuration: SIEM_QUERY_MAX_TIMEOUT must be at least SIEM_QUERY_TIMEOUT (got '${env.SIEM_QUERY_MAX_TIMEOUT}')`,
    );
  }
  if (out.apiToken !== undefined && (out.apiToken as string).length < 16) {
    throw new ConfigError(
      "SIEM_API_TOKEN",
      "Invalid configuration: SIEM_API_TOKEN must be at least 16 characters",
    );
  }
  return out as unknown as Config;
}
