/**
 * TLS for NATS, with a CA made in the test: the SIEM reaches an external nats-server that demands TLS and client
 * certificates (mutual TLS) with NATS_TLS_CA_FILE / NATS_TLS_CERT_FILE / NATS_TLS_KEY_FILE; the embedded server
 * serves TLS with SIEM_NATS_TLS_CERT_FILE / SIEM_NATS_TLS_KEY_FILE; and nothing connects without the right trust.
 */
import assert from "node:assert/strict";
import { jetstreamManager } from "@nats-io/jetstream";
import { ConfigError, loadConfig } from "../runtime/config.ts";
import { connectNats } from "../runtime/nats/connect.ts";
import { startSiemProcess } from "./harness/siem_process.ts";
import { startTestNats } from "./harness/nats.ts";
import { eventRows } from "./harness/events.ts";
import { makeTestCa } from "./harness/test_ca.ts";

Deno.test("the NATS TLS variables come in pairs and name the missing one", () => {
  for (
    const [env, missing] of [
      [{ NATS_TLS_CERT_FILE: "/c.pem" }, "NATS_TLS_KEY_FILE"],
      [{ NATS_TLS_KEY_FILE: "/k.pem" }, "NATS_TLS_CERT_FILE"],
      [{ SIEM_NATS_TLS_KEY_FILE: "/k.pem" }, "SIEM_NATS_TLS_CERT_FILE"],
    ] as const
  ) {
    assert.throws(() => loadConfig(env), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.variable, missing);
      assert.match(error.message, new RegExp(`${missing} must be set too`));
      return true;
    });
  }
  const config = loadConfig({
    NATS_TLS_CA_FILE: "/ca.pem",
    NATS_TLS_CERT_FILE: "/c.pem",
    NATS_TLS_KEY_FILE: "/k.pem",
    SIEM_NATS_TLS_CERT_FILE: "/s.pem",
    SIEM_NATS_TLS_KEY_FILE: "/s.key",
  });
  assert.equal(config.natsTlsCaFile, "/ca.pem");
  assert.equal(config.natsTlsKeyFile, "/k.pem");
  assert.equal(config.natsServerTlsKeyFile, "/s.key");
});

Deno.test("the SIEM uses an external nats-server with mutual TLS; wrong trust or no client certificate fails", async () => {
  const dir = await Deno.makeTempDir({ prefix: "siem-nats-tls-" });
  try {
    const ca = await makeTestCa(dir);
    const clientTls = { caFile: ca.caFile, certFile: ca.clientCertFile, keyFile: ca.clientKeyFile };
    await using nats = await startTestNats({
      tls: { certFile: ca.serverCertFile, keyFile: ca.serverKeyFile, caFile: ca.caFile, verify: true },
      clientTls,
    });
    assert.match(nats.url, /^tls:\/\/127\.0\.0\.1:\d+$/);

    // Without a client certificate, or trusting another CA, or in plain text: no connection.
    const auth = { user: nats.user, password: nats.password, timeoutMs: 3000 };
    // With TLS 1.3 the server refuses a missing client certificate after the client's handshake is done; nats.js
    // has by then given up on the socket (the connect already failed), so the server's alert surfaces as an
    // uncaught error of that abandoned socket. Only that alert is expected here.
    const abandonedSocketAlert = (event: ErrorEvent) => {
      if (/BadCertificate|CertificateRequired/.test(String(event.error?.message ?? event.message))) {
        event.preventDefault();
      }
    };
    globalThis.addEventListener("error", abandonedSocketAlert);
    for (
      const tls of [{ caFile: ca.caFile }, { ...clientTls, caFile: ca.otherCaFile }]
    ) {
      await assert.rejects(connectNats([nats.url], { ...auth, tls }));
    }
    // Left in place for the rest of the file: the alert may arrive late on a loaded machine.
    const plain = nats.url.replace("tls://", "nats://");
    await assert.rejects(connectNats([plain], { ...auth }));

    await using siem = await startSiemProcess({
      env: {
        SIEM_SYSLOG_PORT: "off",
        NATS_URL: nats.url,
        NATS_USER: nats.user,
        NATS_PASSWORD: nats.password,
        NATS_TLS_CA_FILE: ca.caFile,
        NATS_TLS_CERT_FILE: ca.clientCertFile,
        NATS_TLS_KEY_FILE: ca.clientKeyFile,
      },
    });
    const res = await siem.api("/api/v1/ingest/Syslog", {
      method: "POST",
      body: JSON.stringify({ SyslogMessage: "over mutual TLS" }),
    });
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal((await res.json()).accepted, 1);
    const rows = await eventRows(await jetstreamManager(await nats.connect()), "Syslog");
    assert.deepEqual(rows.map((r) => r.SyslogMessage), ["over mutual TLS"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the embedded nats-server serves TLS with SIEM_NATS_TLS_CERT_FILE and SIEM_NATS_TLS_KEY_FILE", async () => {
  const dir = await Deno.makeTempDir({ prefix: "siem-nats-tls-" });
  try {
    const ca = await makeTestCa(dir);
    await using siem = await startSiemProcess({
      env: {
        SIEM_SYSLOG_PORT: "off",
        SIEM_NATS_TLS_CERT_FILE: ca.serverCertFile,
        SIEM_NATS_TLS_KEY_FILE: ca.serverKeyFile,
        NATS_TLS_CA_FILE: ca.caFile,
      },
    });
    assert.match(siem.natsUrl, /^tls:\/\/127\.0\.0\.1:\d+$/);
    const password = (await Deno.readTextFile(`${siem.dataDir}/nats-password`)).trim();

    // The server announces that TLS is required before anything else is said.
    const port = Number(new URL(siem.natsUrl.replace("tls://", "http://")).port);
    const conn = await Deno.connect({ hostname: "127.0.0.1", port });
    const buf = new Uint8Array(4096);
    const n = await conn.read(buf);
    conn.close();
    const info = JSON.parse(new TextDecoder().decode(buf.subarray(0, n ?? 0)).replace(/^INFO /, ""));
    assert.equal(info.tls_required, true);

    await assert.rejects(
      connectNats([siem.natsUrl], {
        user: "siem",
        password,
        timeoutMs: 3000,
        tls: { caFile: ca.otherCaFile },
      }),
    );
    const nc = await connectNats([siem.natsUrl], { user: "siem", password, tls: { caFile: ca.caFile } });
    try {
      const res = await siem.api("/api/v1/ingest/Syslog", {
        method: "POST",
        body: JSON.stringify({ SyslogMessage: "embedded TLS" }),
      });
      assert.equal(res.status, 200, await res.clone().text());
      await res.body?.cancel();
      const rows = await eventRows(await jetstreamManager(nc), "Syslog");
      assert.deepEqual(rows.map((r) => r.SyslogMessage), ["embedded TLS"]);
    } finally {
      await nc.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
