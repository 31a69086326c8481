/**
 * No secret in logs: a SIEM started with known secrets (admin token, NATS password, tokens it issues) is put
 * through authentication failures, bad requests and a NATS outage at the most verbose log level; none of the
 * secrets, nor the near-miss credentials clients tried, appears on its stdout or stderr.
 */
import assert from "node:assert/strict";
import { startSiemProcess } from "./harness/siem_process.ts";
import { startTestNats, type TestNats, waitFor } from "./harness/nats.ts";

const ADMIN_TOKEN = "admin-secret-token-Zq8xW3vT9pL2mN7k";
const NEAR_MISS = "admin-secret-token-Zq8xW3vT9pL2mN7X";

/** Requests that fail in as many ways as we can think of, with credentials in every place a client puts them. */
async function provoke(httpUrl: string, issued: string[], natsDown = false): Promise<void> {
  // With NATS down, ingest answers 503 before it looks at the body.
  const ingestStatus = (status: number) => (natsDown ? 503 : status);
  const call = async (path: string, init: RequestInit) => {
    const res = await fetch(httpUrl + path, init);
    await res.body?.cancel();
    return res.status;
  };
  const basic = (password: string) => `Basic ${btoa(`elastic:${password}`)}`;
  for (const authorization of [`Bearer ${NEAR_MISS}`, `Splunk ${NEAR_MISS}`, basic(NEAR_MISS), NEAR_MISS]) {
    assert.equal(await call("/api/v1/alerts", { headers: { Authorization: authorization } }), 401);
  }
  const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
  const [ingestToken, readerToken] = issued;
  // An ingest token where it may not go; a reader that tries to write.
  assert.equal(await call("/api/v1/alerts", { headers: { Authorization: `Bearer ${ingestToken}` } }), 403);
  assert.equal(
    await call("/api/v1/rules/x", {
      method: "PUT",
      headers: { Authorization: `Bearer ${readerToken}` },
      body: "{}",
    }),
    403,
  );
  // Bad bodies and bad queries.
  assert.equal(
    await call("/api/v1/ingest/Syslog", { method: "POST", headers: admin, body: "{not json" }),
    ingestStatus(400),
  );
  assert.equal(
    await call("/api/v1/ingest/NoSuchTable", { method: "POST", headers: admin, body: "{}" }),
    404, // the table is unknown whatever the state of NATS
  );
  const query = await call("/api/v1/query", {
    method: "POST",
    headers: admin,
    body: JSON.stringify({ query: "Syslog | where" }),
  });
  // With NATS down the catalog (custom tables, functions) may be out of reach: 503, never a 500.
  assert.ok(query === 400 || (natsDown && query === 503), `query answered ${query}`);
  assert.equal(
    await call("/api/v1/ingest/Syslog", {
      method: "POST",
      headers: { ...admin, "Idempotency-Key": "has spaces" },
      body: "{}",
    }),
    400,
  );
  assert.equal(
    await call("/api/v1/tokens", {
      method: "POST",
      headers: admin,
      body: JSON.stringify({ name: "x", role: "root" }),
    }),
    400,
  );
  // Services that take credentials in query strings or headers of their own.
  assert.equal(
    await call(`/services/collector/event?token=${NEAR_MISS}`, { method: "POST", body: "{}" }),
    401,
  );
}

async function issueTokens(httpUrl: string): Promise<string[]> {
  const out: string[] = [];
  for (
    const body of [{ name: "shipper", role: "ingest", tables: ["Syslog"] }, { name: "dash", role: "reader" }]
  ) {
    const res = await fetch(`${httpUrl}/api/v1/tokens`, {
      method: "POST",
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify(body),
    });
    assert.equal(res.status, 201);
    out.push((await res.json()).token);
  }
  return out;
}

function assertNoSecret(output: string, secrets: Record<string, string>): void {
  assert.ok(output.length > 1000, "too little output to mean anything");
  for (const [name, secret] of Object.entries(secrets)) {
    assert.ok(!output.includes(secret), `${name} appears in the output`);
  }
}

Deno.test("secrets of an embedded-NATS SIEM never reach its output, even at debug level", async () => {
  const natsPassword = "nats-secret-password-4Hs9Qe2Lk7Vb";
  await using siem = await startSiemProcess({
    env: { SIEM_API_TOKEN: ADMIN_TOKEN, NATS_PASSWORD: natsPassword, SIEM_LOG_LEVEL: "debug" },
  });
  const issued = await issueTokens(siem.httpUrl);
  await provoke(siem.httpUrl, issued);
  await siem.kill("SIGTERM");
  await siem[Symbol.asyncDispose]();
  assertNoSecret(siem.stdout() + siem.stderr(), {
    "the admin token": ADMIN_TOKEN,
    "a near-miss token": NEAR_MISS,
    "the NATS password": natsPassword,
    "the ingest token": issued[0],
    "the reader token": issued[1],
  });
});

Deno.test("NATS credentials inside NATS_URL are refused without being echoed", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("../runtime/cli/main.ts", import.meta.url).pathname, "start"],
    env: {
      NATS_URL: "nats://siem:url-secret-9Kd2@127.0.0.1:4222",
      SIEM_DATA_DIR: "/nonexistent/never-created",
    },
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 1);
  const stderr = new TextDecoder().decode(out.stderr).split("\n").filter((l) => !/Warning/.test(l)).join(
    "\n",
  );
  assert.match(stderr, /NATS_URL must not contain credentials/);
  assert.ok(!stderr.includes("url-secret-9Kd2"));
});

Deno.test("the NATS password of an external server stays out of the logs, through an outage and a wrong password", async () => {
  const dir = await Deno.makeTempDir({ prefix: "siem-secrets-nats-" });
  let nats: TestNats = await startTestNats({ dir });
  const port = Number(new URL(nats.url.replace("nats://", "http://")).port);
  try {
    const env = {
      SIEM_API_TOKEN: ADMIN_TOKEN,
      NATS_URL: nats.url,
      NATS_USER: nats.user,
      NATS_PASSWORD: nats.password,
      SIEM_LOG_LEVEL: "debug",
      SIEM_SYSLOG_PORT: "off",
    };
    await using siem = await startSiemProcess({ env });
    const issued = await issueTokens(siem.httpUrl);
    await nats[Symbol.asyncDispose]();
    await provoke(siem.httpUrl, issued, true);
    nats = await startTestNats({ dir, port, password: nats.password });
    assert.ok(
      await waitFor(async () => {
        const res = await fetch(`${siem.httpUrl}/readyz`);
        await res.body?.cancel();
        return res.status === 200;
      }, 20_000),
    );
    assert.match(siem.stderr(), /NATS disconnected/);
    await siem.kill("SIGTERM");
    await siem[Symbol.asyncDispose]();
    assertNoSecret(siem.stdout() + siem.stderr(), {
      "the NATS password": nats.password,
      "the admin token": ADMIN_TOKEN,
      "a near-miss token": NEAR_MISS,
      "the ingest token": issued[0],
    });

    // A wrong password: start fails with one clear line, and neither password is printed.
    const wrong = "wrong-nats-password-7Yt3";
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", new URL("../runtime/cli/main.ts", import.meta.url).pathname, "start"],
      env: { ...env, NATS_PASSWORD: wrong, SIEM_HTTP_PORT: "0", SIEM_DATA_DIR: dir + "/wrong" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 1, text);
    assert.ok(!text.includes(wrong) && !text.includes(nats.password));
  } finally {
    await nats[Symbol.asyncDispose]();
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
});
