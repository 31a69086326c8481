/**
 * Scoped API tokens against a real `siem start`: roles, ingest scopes by table and connector, revocation.
 */
import assert from "node:assert/strict";
import { startSiemProcess } from "./harness/siem_process.ts";

Deno.test("tokens are scoped by role, table and connector, and revocation takes effect", async () => {
  await using siem = await startSiemProcess({ env: { SIEM_SYSLOG_PORT: "off" } });
  const create = async (body: unknown) => {
    const res = await siem.api("/api/v1/tokens", { method: "POST", body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  };
  const as = (token: string, path: string, init: RequestInit = {}) =>
    fetch(siem.httpUrl + path, { ...init, headers: { Authorization: `Bearer ${token}` } });
  const status = async (p: Promise<Response>) => {
    const res = await p;
    await res.body?.cancel();
    return res.status;
  };

  const ingest = await create({
    name: "fw-shipper",
    role: "ingest",
    tables: ["Syslog"],
    connectors: ["cef"],
  });
  assert.equal(ingest.status, 201);
  assert.match(ingest.body.token, /^siem_/);
  assert.equal(ingest.body.digest, undefined);
  const reader = await create({ name: "dashboard", role: "reader" });
  assert.equal(reader.status, 201);

  const post = (body: string) => ({ method: "POST", body });
  assert.equal(
    await status(as(ingest.body.token, "/api/v1/ingest/Syslog", post('{"SyslogMessage":"ok"}'))),
    200,
  );
  assert.equal(await status(as(ingest.body.token, "/api/v1/ingest/SecurityEvent", post("{}"))), 403);
  assert.equal(
    await status(as(ingest.body.token, "/api/v1/connectors/cef", post("CEF:0|a|b|1|2|n|3|src=1.2.3.4"))),
    200,
  );
  assert.equal(await status(as(ingest.body.token, "/api/v1/connectors/syslog", post("<13>hi"))), 403);
  assert.equal(await status(as(ingest.body.token, "/api/v1/alerts")), 403);
  assert.equal(await status(as(reader.body.token, "/api/v1/alerts")), 200);
  assert.equal(await status(as(reader.body.token, "/api/v1/ingest/Syslog", post("{}"))), 403);
  assert.equal(await status(as(reader.body.token, "/api/v1/tokens")), 403);
  const forbidden = await as(reader.body.token, "/api/v1/tokens");
  assert.deepEqual((await forbidden.json()).error.code, "forbidden");

  const list = await (await siem.api("/api/v1/tokens")).json();
  assert.deepEqual(list.tokens.map((t: { name: string }) => t.name), ["fw-shipper", "dashboard"]);
  assert.ok(list.tokens.every((t: Record<string, unknown>) => !("digest" in t) && !("token" in t)));

  assert.equal(await status(siem.api(`/api/v1/tokens/${reader.body.id}`, { method: "DELETE" })), 204);
  assert.equal(await status(as(reader.body.token, "/api/v1/alerts")), 401);
  assert.equal(await status(siem.api(`/api/v1/tokens/${reader.body.id}`, { method: "DELETE" })), 404);
});

Deno.test("an ingest token over its rate limit gets 429 with Retry-After, and security headers are set", async () => {
  await using siem = await startSiemProcess({ env: { SIEM_SYSLOG_PORT: "off" } });
  const created = await (await siem.api("/api/v1/tokens", {
    method: "POST",
    body: JSON.stringify({ name: "noisy", role: "ingest", rateLimit: 1 }),
  })).json();
  const send = () =>
    fetch(`${siem.httpUrl}/api/v1/ingest/Syslog`, {
      method: "POST",
      headers: { Authorization: `Bearer ${created.token}` },
      body: '{"SyslogMessage":"x"}',
    });
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) {
    const res = await send();
    statuses.push(res.status);
    if (res.status === 429) {
      assert.equal((await res.json()).error.code, "rate_limited");
      assert.ok(Number(res.headers.get("Retry-After")) >= 1);
    } else await res.body?.cancel();
  }
  assert.deepEqual(statuses.slice(0, 2), [200, 200]); // the burst
  assert.ok(statuses.includes(429), statuses.join());
  const health = await fetch(`${siem.httpUrl}/healthz`);
  assert.equal(health.headers.get("X-Content-Type-Options"), "nosniff");
  assert.equal(health.headers.get("X-Frame-Options"), "SAMEORIGIN");
  await health.body?.cancel();
});

Deno.test("token requests are validated", async () => {
  await using siem = await startSiemProcess({ env: { SIEM_SYSLOG_PORT: "off" } });
  for (
    const [body, pattern] of [
      ["not json", /Cannot parse body/],
      [{ name: "x", role: "root" }, /'role' must be one of/],
      [{ name: "bad name!", role: "reader" }, /'name' must be/],
      [{ name: "x", role: "reader", tables: ["Syslog"] }, /only apply to the 'ingest' role/],
      [{ name: "x", role: "ingest", extra: 1 }, /extra/],
    ] as const
  ) {
    const res = await siem.api("/api/v1/tokens", {
      method: "POST",
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    assert.equal(res.status, 400);
    assert.match((await res.json()).error.message, pattern);
  }
});

Deno.test("with SIEM_TLS_CERT_FILE and SIEM_TLS_KEY_FILE the port serves HTTPS", async () => {
  const dir = await Deno.makeTempDir({ prefix: "siem-tls-" });
  try {
    // A throwaway CA and a server certificate it signs for 127.0.0.1.
    const openssl = async (...args: string[]) => {
      const out = await new Deno.Command("openssl", { args, cwd: dir, stdout: "null", stderr: "piped" })
        .output();
      assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    };
    await Deno.writeTextFile(`${dir}/ext.cnf`, "basicConstraints=CA:FALSE\nsubjectAltName=IP:127.0.0.1\n");
    await openssl(
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=test CA",
      "-keyout",
      "ca.key",
      "-out",
      "ca.pem",
    );
    await openssl(
      "req",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-subj",
      "/CN=127.0.0.1",
      "-keyout",
      "key.pem",
      "-out",
      "server.csr",
    );
    await openssl(
      "x509",
      "-req",
      "-in",
      "server.csr",
      "-CA",
      "ca.pem",
      "-CAkey",
      "ca.key",
      "-CAcreateserial",
      "-days",
      "1",
      "-extfile",
      "ext.cnf",
      "-out",
      "cert.pem",
    );
    await using siem = await startSiemProcess({
      env: {
        SIEM_SYSLOG_PORT: "off",
        SIEM_TLS_CERT_FILE: `${dir}/cert.pem`,
        SIEM_TLS_KEY_FILE: `${dir}/key.pem`,
      },
    });
    assert.match(siem.httpUrl, /^https:\/\//);
    const client = Deno.createHttpClient({ caCerts: [await Deno.readTextFile(`${dir}/ca.pem`)] });
    try {
      const res = await fetch(`${siem.httpUrl}/readyz`, { client });
      assert.equal(res.status, 200);
      await res.body?.cancel();
    } finally {
      client.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
