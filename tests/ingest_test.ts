/**
 * Ingest end to end against a real `siem start`: HTTP and syslog in, rows in SIEM_EVENTS, rejects in
 * SIEM_DEADLETTER, idempotent retries, and the error answers.
 */
import assert from "node:assert/strict";
import { type JetStreamManager, jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/nats-core";
import { connectNats } from "../runtime/nats/connect.ts";
import { TOPOLOGY } from "../runtime/nats/topology.ts";
import { startSiemProcess } from "./harness/siem_process.ts";
import { eventRows } from "./harness/events.ts";
import { startTestNats, waitFor } from "./harness/nats.ts";

async function deadLetterCount(jsm: JetStreamManager): Promise<number> {
  return (await jsm.streams.info(TOPOLOGY.deadLetter.stream)).state.messages;
}

async function withSiem(
  fn: (siem: Awaited<ReturnType<typeof startSiemProcess>>, jsm: JetStreamManager) => Promise<void>,
) {
  await using siem = await startSiemProcess();
  const password = (await Deno.readTextFile(`${siem.dataDir}/nats-password`)).trim();
  const nc: NatsConnection = await connectNats([siem.natsUrl], { user: "siem", password });
  try {
    await fn(siem, await jetstreamManager(nc));
  } finally {
    await nc.close();
  }
}

Deno.test("ingest stores valid rows, rejects bad ones to the dead-letter stream and answers only when durable", async () => {
  await withSiem(async (siem, jsm) => {
    const body = [
      JSON.stringify({
        EventID: 4625,
        Computer: "dc1",
        TimeGenerated: "2026-11-27T10:00:00Z",
        Account: "CONTOSO\\bob",
      }),
      "[not json",
      JSON.stringify({ EventID: 4624, Computer: "dc2" }),
    ].join("\n");
    const res = await siem.api("/api/v1/ingest/SecurityEvent", { method: "POST", body });
    assert.equal(res.status, 200);
    const result = await res.json();
    assert.equal(result.accepted, 2);
    assert.equal(result.rejected, 1);
    assert.equal(result.errors[0].index, 1);
    // The answer came after the JetStream ack: the rows are there now, without waiting.
    const rows = await eventRows(jsm, "SecurityEvent");
    assert.equal(rows.length, 2);
    assert.equal(rows[0].TimeGenerated, "2026-11-27T10:00:00.000Z");
    assert.equal(rows[0].Account, "CONTOSO\\bob");
    assert.match(String(rows[1].TimeGenerated), /^\d{4}-\d\d-\d\dT/); // arrival time when the event has none
    assert.equal(await deadLetterCount(jsm), 1);
    const dl = await jsm.streams.getMessage(TOPOLOGY.deadLetter.stream, { seq: 1 });
    assert.equal(dl?.subject, "siem.deadletter.ingest");
    const letter = dl!.json<{ raw: string; reason: string; table: string }>();
    assert.equal(letter.raw, "[not json");
    assert.equal(letter.table, "SecurityEvent");
    assert.match(letter.reason, /line 2/);
  });
});

Deno.test("a retry with the same Idempotency-Key stores nothing twice", async () => {
  await withSiem(async (siem, jsm) => {
    const body = JSON.stringify([{ Computer: "h1", EventID: 1 }, { Computer: "h2", EventID: 2 }]);
    for (let i = 0; i < 3; i++) {
      const res = await siem.api("/api/v1/ingest/SecurityEvent", {
        method: "POST",
        body,
        headers: { "Idempotency-Key": "batch-42" },
      });
      assert.equal(res.status, 200);
      assert.equal((await res.json()).accepted, 2);
    }
    assert.equal((await eventRows(jsm, "SecurityEvent")).length, 2);
    const other = await siem.api("/api/v1/ingest/SecurityEvent", {
      method: "POST",
      body,
      headers: { "Idempotency-Key": "batch-43" },
    });
    assert.equal((await other.json()).accepted, 2);
    assert.equal((await eventRows(jsm, "SecurityEvent")).length, 4);
  });
});

Deno.test("ingest answers clear errors for bad requests", async () => {
  await withSiem(async (siem, jsm) => {
    const cases: Array<[string, RequestInit, number, string]> = [
      ["/api/v1/ingest/NoSuchTable", { method: "POST", body: "{}" }, 404, "unknown_table"],
      ["/api/v1/ingest/securityevent", { method: "POST", body: "{}" }, 404, "unknown_table"],
      ["/api/v1/ingest/SecurityEvent", { method: "POST", body: '{"EventID": 4625' }, 400, "invalid_body"],
      ["/api/v1/connectors/nope", { method: "POST", body: "x" }, 404, "unknown_connector"],
      [
        "/api/v1/ingest/SecurityEvent",
        { method: "POST", body: "{}", headers: { "Idempotency-Key": "has space" } },
        400,
        "invalid_idempotency_key",
      ],
    ];
    for (const [path, init, status, code] of cases) {
      const res = await siem.api(path, init);
      assert.equal(res.status, status, path);
      assert.equal((await res.json()).error.code, code, path);
    }
    const hint = await siem.api("/api/v1/ingest/securityevent", { method: "POST", body: "{}" });
    assert.match((await hint.json()).error.message, /did you mean 'SecurityEvent'/);
    const noToken = await fetch(`${siem.httpUrl}/api/v1/ingest/SecurityEvent`, {
      method: "POST",
      body: "{}",
    });
    assert.equal(noToken.status, 401);
    await noToken.body?.cancel();
    // The unparseable body is kept too.
    assert.equal(await deadLetterCount(jsm), 1);
  });
});

Deno.test("a custom _CL table is created on first use and grows with new columns", async () => {
  await withSiem(async (siem, jsm) => {
    let res = await siem.api("/api/v1/ingest/MyApp_CL", { method: "POST", body: '{"user":"alice","n":1}' });
    assert.equal((await res.json()).accepted, 1);
    res = await siem.api("/api/v1/ingest/MyApp_CL", { method: "POST", body: '{"user":"bob","ok":true}' });
    assert.equal((await res.json()).accepted, 1);
    const rows = await eventRows(jsm, "MyApp_CL");
    assert.deepEqual(rows.map((r) => [r.user, r.n, r.ok]), [["alice", 1, undefined], [
      "bob",
      undefined,
      true,
    ]]);
  });
});

Deno.test("syslog and CEF arrive over UDP and TCP (newline and octet counting) from the system logger", async () => {
  await withSiem(async (siem, jsm) => {
    const [host, port] = siem.syslogAddress!.split(":");
    const send = async (args: string[], message: string) => {
      const out = await new Deno.Command("logger", { args: ["-n", host, "-P", port, ...args, message] })
        .output();
      assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    };
    await send(["-d", "-t", "sshd"], "udp: Failed password for root from 10.0.0.1 port 22 ssh2");
    await send(["-T", "-t", "sudo"], "tcp newline: session opened");
    await send(["-T", "--octet-count", "-t", "app"], "tcp octet counted");
    await send(
      ["-T", "-t", "fw"],
      "CEF:0|Palo Alto Networks|PAN-OS|10.1|TRAFFIC|end|3|src=10.1.1.1 dst=8.8.8.8 dpt=53",
    );
    assert.ok(await waitFor(async () => (await eventRows(jsm)).length >= 4, 10_000));
    const rows = await eventRows(jsm);
    const syslog = rows.filter((r) => r._subject === "siem.events.Syslog").map((r) =>
      String(r.SyslogMessage)
    );
    assert.ok(syslog.some((m) => m.includes("udp: Failed password")), JSON.stringify(syslog));
    assert.ok(syslog.some((m) => m.includes("tcp newline")));
    assert.ok(syslog.some((m) => m.includes("tcp octet counted")));
    const cef = rows.filter((r) => r._subject === "siem.events.CommonSecurityLog");
    assert.equal(cef.length, 1);
    assert.equal(cef[0].DeviceVendor, "Palo Alto Networks");
    assert.equal(cef[0].DestinationIP, "8.8.8.8");
  });
});

Deno.test("the connectors route parses a source's native payload", async () => {
  await withSiem(async (siem, jsm) => {
    const res = await siem.api("/api/v1/connectors/syslog", {
      method: "POST",
      body: "<34>1 2026-11-27T10:00:00Z host1 su - ID47 - 'su root' failed for lonvick on /dev/pts/8\n",
    });
    assert.equal(res.status, 200);
    assert.equal((await res.json()).accepted, 1);
    const rows = await eventRows(jsm, "Syslog");
    assert.equal(rows[0].HostName, "host1");
    assert.equal(rows[0].ProcessName, "su");
  });
});

Deno.test("with NATS down ingest answers 503 and acknowledges nothing; after it returns, ingest works again", async () => {
  const dir = await Deno.makeTempDir({ prefix: "siem-test-ext-nats-" });
  try {
    let nats = await startTestNats({ dir });
    const url = nats.url;
    await using siem = await startSiemProcess({
      env: { NATS_URL: url, NATS_USER: nats.user, NATS_PASSWORD: nats.password, SIEM_SYSLOG_PORT: "off" },
    });
    assert.equal(
      (await siem.api("/api/v1/ingest/Heartbeat", { method: "POST", body: '{"Computer":"a"}' })).status,
      200,
    );
    await nats[Symbol.asyncDispose]();
    assert.ok(await waitFor(async () => (await fetch(`${siem.httpUrl}/readyz`)).status === 503, 10_000));
    const down = await siem.api("/api/v1/ingest/Heartbeat", { method: "POST", body: '{"Computer":"b"}' });
    assert.equal(down.status, 503);
    assert.equal((await down.json()).error.code, "unavailable");
    assert.equal(down.headers.get("Retry-After"), "1");
    // Same port, same store: the client's reconnect loop finds it again.
    nats = await startTestNats({ dir, port: Number(new URL(url).port), password: nats.password });
    try {
      assert.ok(await waitFor(async () => (await fetch(`${siem.httpUrl}/readyz`)).status === 200, 15_000));
      const up = await siem.api("/api/v1/ingest/Heartbeat", { method: "POST", body: '{"Computer":"c"}' });
      assert.equal(up.status, 200);
      const nc = await nats.connect();
      const rows = await eventRows(await jetstreamManager(nc), "Heartbeat");
      assert.deepEqual(rows.map((r) => r.Computer), ["a", "c"]);
    } finally {
      await nats[Symbol.asyncDispose]();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("hostile bodies: oversized, invalid UTF-8, deeply nested, truncated — clear answers, nothing else lost", async () => {
  await using siem = await startSiemProcess({
    env: { SIEM_SYSLOG_PORT: "off", SIEM_MAX_BODY_BYTES: "65536" },
  });
  const password = (await Deno.readTextFile(`${siem.dataDir}/nats-password`)).trim();
  const nc = await connectNats([siem.natsUrl], { user: "siem", password });
  try {
    const jsm = await jetstreamManager(nc);
    const big = await siem.api("/api/v1/ingest/Syslog", { method: "POST", body: "x".repeat(70_000) });
    assert.equal(big.status, 413);
    assert.equal((await big.json()).error.code, "payload_too_large");

    const utf8 = new Uint8Array([
      ...new TextEncoder().encode('{"SyslogMessage":"bad '),
      0xff,
      0xfe,
      ...new TextEncoder().encode('"}'),
    ]);
    const bad = await siem.api("/api/v1/ingest/Syslog", { method: "POST", body: utf8 });
    const badBody = await bad.json();
    assert.equal(bad.status, 200);
    assert.equal(badBody.accepted, 1);
    assert.match(JSON.stringify(badBody.warnings), /UTF-8/);

    const deep = `{"SyslogMessage":"deep","x":${"[".repeat(5000)}${"]".repeat(5000)}}`;
    const mixed = [deep, '{"SyslogMessage":"fine"}', '{"SyslogMessage":"trunc'].join("\n");
    const res = await siem.api("/api/v1/ingest/Syslog", { method: "POST", body: mixed });
    assert.equal(res.status, 200);
    const result = await res.json();
    assert.equal(result.accepted, 1);
    assert.deepEqual(result.errors.map((e: { index: number }) => e.index), [0, 2]);
    const rows = await eventRows(jsm, "Syslog");
    assert.deepEqual(rows.map((r) => r.SyslogMessage), ["bad \uFFFD\uFFFD", "fine"]);
    assert.equal(await deadLetterCount(jsm), 2);
    // The process is still fine.
    assert.equal((await fetch(`${siem.httpUrl}/readyz`)).status, 200);
  } finally {
    await nc.close();
  }
});
