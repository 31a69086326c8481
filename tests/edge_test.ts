/**
 * The edge entry point (runtime/edge.ts) serving ingest over real HTTP, publishing over NATS WebSocket.
 */
import assert from "node:assert/strict";
import { jetstreamManager } from "@nats-io/jetstream";
import edge, { createEdgeApp } from "../runtime/edge.ts";
import { ensureTopology, TOPOLOGY } from "../runtime/nats/topology.ts";
import { startTestNats } from "./harness/nats.ts";
import { bundle, startWorkerd } from "./harness/workerd.ts";

const TOKEN = "edge-token-0123456789abcdef";

Deno.test("the edge app ingests over NATS WebSocket and answers after the JetStream ack", async () => {
  await using nats = await startTestNats();
  const nc = await nats.connect();
  await ensureTopology(nc, { retentionMs: 3_600_000, replicas: 1 });
  const env = {
    NATS_URL: nats.wsUrl!,
    NATS_USER: nats.user,
    NATS_PASSWORD: nats.password,
    SIEM_API_TOKEN: TOKEN,
  };
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    (req) => edge.fetch(req, env),
  );
  try {
    const url = `http://127.0.0.1:${server.addr.port}`;
    const res = await fetch(`${url}/api/v1/ingest/Syslog`, {
      method: "POST",
      headers: { Authorization: `Bearer ${TOKEN}`, "Idempotency-Key": "edge-1" },
      body: '{"Computer":"edge-host","SyslogMessage":"hello from the edge"}',
    });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { accepted: 1, rejected: 0, errors: [] });
    const cef = await fetch(`${url}/api/v1/connectors/cef`, {
      method: "POST",
      headers: { Authorization: `Bearer ${TOKEN}` },
      body: "CEF:0|Fortinet|FortiGate|7.0|13|traffic|3|src=10.0.0.5 dst=10.0.0.6",
    });
    assert.equal((await cef.json()).accepted, 1);
    const unauth = await fetch(`${url}/api/v1/ingest/Syslog`, { method: "POST", body: "{}" });
    assert.equal(unauth.status, 401);
    await unauth.body?.cancel();
    const jsm = await jetstreamManager(nc);
    const info = await jsm.streams.info(TOPOLOGY.events.stream);
    // Syslog, CommonSecurityLog, and the ASimNetworkSessionLogs row normalized from the CEF traffic line.
    assert.equal(info.state.messages, 3);
    const first = await jsm.streams.getMessage(TOPOLOGY.events.stream, { seq: 1 });
    assert.equal(first?.subject, "siem.events.Syslog");
    assert.equal(first?.json<{ SyslogMessage: string }>().SyslogMessage, "hello from the edge");
  } finally {
    await server.shutdown();
  }
});

Deno.test("the edge app answers 503 when NATS cannot be reached", async () => {
  const app = createEdgeApp({ NATS_URL: "ws://127.0.0.1:1", SIEM_API_TOKEN: TOKEN });
  const res = await app.request("/api/v1/ingest/Syslog", {
    method: "POST",
    headers: { Authorization: `Bearer ${TOKEN}` },
    body: '{"SyslogMessage":"x"}',
  });
  assert.equal(res.status, 503);
  assert.equal((await res.json()).error.code, "unavailable");
});

Deno.test("the edge app refuses a configuration without WebSocket NATS or token", () => {
  assert.throws(() => createEdgeApp({ NATS_URL: "nats://127.0.0.1:4222", SIEM_API_TOKEN: TOKEN }), /ws:\/\//);
  assert.throws(() => createEdgeApp({ NATS_URL: "ws://127.0.0.1:4223" }), /SIEM_API_TOKEN/);
});

Deno.test("the edge entry point runs unchanged under Cloudflare's workerd", async () => {
  await using nats = await startTestNats();
  const nc = await nats.connect();
  await ensureTopology(nc, { retentionMs: 3_600_000, replicas: 1 });
  const dir = await Deno.makeTempDir({ prefix: "siem-edge-bundle-" });
  try {
    const bundleFile = `${dir}/edge.js`;
    await bundle(new URL("../runtime/edge.ts", import.meta.url).pathname, bundleFile);
    await using worker = await startWorkerd(bundleFile, {
      NATS_URL: nats.wsUrl!,
      NATS_USER: nats.user,
      NATS_PASSWORD: nats.password,
      SIEM_API_TOKEN: TOKEN,
    });
    const res = await fetch(`${worker.url}/api/v1/ingest/Syslog`, {
      method: "POST",
      headers: { Authorization: `Bearer ${TOKEN}` },
      body:
        '{"Computer":"worker","SyslogMessage":"hello from workerd"}\n{"Computer":"worker","SyslogMessage":"second"}',
    });
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal((await res.json()).accepted, 2);
    const jsm = await jetstreamManager(nc);
    const msg = await jsm.streams.getMessage(TOPOLOGY.events.stream, { seq: 1 });
    assert.deepEqual(msg?.string().split("\n").map((l) => JSON.parse(l).SyslogMessage), [
      "hello from workerd",
      "second",
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
