import assert from "node:assert/strict";
import { ConfigError, loadConfig } from "./config.ts";

Deno.test("loadConfig applies the documented defaults", () => {
  const c = loadConfig({});
  assert.equal(c.host, "127.0.0.1");
  assert.equal(c.httpPort, 8080);
  assert.equal(c.syslogPort, 5514);
  assert.equal(c.natsPort, 4222);
  assert.deepEqual(c.natsUrls, []);
  assert.equal(c.dataDir, "./data");
  assert.equal(c.retentionMs, 7 * 86_400_000);
  assert.equal(c.logLevel, "info");
  assert.equal(c.maxBodyBytes, 10 * 1024 * 1024);
  assert.equal(c.apiToken, undefined);
});

Deno.test("loadConfig reads every variable", () => {
  const c = loadConfig({
    SIEM_HOST: "0.0.0.0",
    SIEM_HTTP_PORT: "0",
    SIEM_SYSLOG_PORT: "off",
    NATS_URL: "nats://a:4222, nats://b:4222",
    NATS_USER: "u",
    NATS_PASSWORD: "p",
    SIEM_RETENTION: "36h",
    SIEM_LOG_LEVEL: "DEBUG",
    SIEM_API_TOKEN: "0123456789abcdef0123",
    SIEM_RULES_DIR: "/rules",
  });
  assert.equal(c.host, "0.0.0.0");
  assert.equal(c.httpPort, 0);
  assert.equal(c.syslogPort, null);
  assert.deepEqual(c.natsUrls, ["nats://a:4222", "nats://b:4222"]);
  assert.equal(c.natsUser, "u");
  assert.equal(c.retentionMs, 36 * 3_600_000);
  assert.equal(c.logLevel, "debug");
  assert.equal(c.rulesDir, "/rules");
});

for (
  const [variable, value, expected] of [
    ["SIEM_HTTP_PORT", "http", "SIEM_HTTP_PORT must be a port number from 0 to 65535"],
    ["SIEM_HTTP_PORT", "70000", "SIEM_HTTP_PORT must be a port number"],
    ["SIEM_SYSLOG_PORT", "no", "or 'off'"],
    ["SIEM_RETENTION", "7 days", "SIEM_RETENTION must be a positive duration"],
    ["SIEM_RETENTION", "0d", "SIEM_RETENTION must be a positive duration"],
    ["SIEM_LOG_LEVEL", "verbose", "SIEM_LOG_LEVEL must be one of 'debug', 'info', 'warn', 'error'"],
    ["NATS_URL", "http://x", "NATS_URL must be one or more comma-separated"],
    ["SIEM_API_TOKEN", "short", "SIEM_API_TOKEN must be at least 16 characters"],
    ["SIEM_INGEST_RATE_LIMIT", "fast", "SIEM_INGEST_RATE_LIMIT must be a number"],
  ] as const
) {
  Deno.test(`loadConfig rejects ${variable}=${value} naming the variable`, () => {
    assert.throws(() => loadConfig({ [variable]: value }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.variable, variable);
      assert.ok(error.message.includes(expected), error.message);
      return true;
    });
  });
}

Deno.test("loadConfig wants both TLS files or neither, naming the missing one", () => {
  assert.throws(() => loadConfig({ SIEM_TLS_CERT_FILE: "/tmp/cert.pem" }), (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.equal(error.variable, "SIEM_TLS_KEY_FILE");
    assert.match(error.message, /SIEM_TLS_KEY_FILE must be set too/);
    return true;
  });
  assert.equal(loadConfig({ SIEM_TLS_CERT_FILE: "/c", SIEM_TLS_KEY_FILE: "/k" }).tlsKeyFile, "/k");
});

Deno.test("query limits: defaults, ceilings that follow a raised default, and ceilings below it refused", () => {
  const c = loadConfig({});
  assert.deepEqual([c.queryMaxRows, c.queryRowLimit, c.queryTimeoutMs, c.queryMaxTimeoutMs], [
    500_000,
    1_000_000,
    60_000,
    600_000,
  ]);
  const raised = loadConfig({ SIEM_QUERY_MAX_ROWS: "2000000", SIEM_QUERY_TIMEOUT: "20m" });
  assert.deepEqual([raised.queryRowLimit, raised.queryMaxTimeoutMs], [2_000_000, 1_200_000]);
  for (
    const [env, variable] of [
      [{ SIEM_QUERY_MAX_ROWS: "10", SIEM_QUERY_ROW_LIMIT: "5" }, "SIEM_QUERY_ROW_LIMIT"],
      [{ SIEM_QUERY_TIMEOUT: "5m", SIEM_QUERY_MAX_TIMEOUT: "1m" }, "SIEM_QUERY_MAX_TIMEOUT"],
      [{ SIEM_QUERY_MAX_ROWS: "0" }, "SIEM_QUERY_MAX_ROWS"],
      [{ SIEM_QUERY_TIMEOUT: "soon" }, "SIEM_QUERY_TIMEOUT"],
    ] as const
  ) {
    assert.throws(() => loadConfig(env), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.variable, variable);
      return true;
    });
  }
});
