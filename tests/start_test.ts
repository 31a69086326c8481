/**
 * The `siem start` process as users run it: ready line, readiness, auth, shutdown that leaves no nats-server
 * behind (SIGTERM and SIGKILL), and a restart that finds the same streams and data.
 */
import assert from "node:assert/strict";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { connectNats } from "../runtime/nats/connect.ts";
import { TOPOLOGY } from "../runtime/nats/topology.ts";
import { startSiemProcess } from "./harness/siem_process.ts";
import { processAlive, waitFor } from "./harness/nats.ts";

async function natsPassword(dataDir: string): Promise<string> {
  return (await Deno.readTextFile(`${dataDir}/nats-password`)).trim();
}

Deno.test("siem start prints the ready line with real ports and answers readyz", async () => {
  await using siem = await startSiemProcess({ env: { SIEM_SYSLOG_PORT: "off" } });
  assert.match(siem.httpUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.match(siem.natsUrl, /^nats:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(siem.syslogAddress, undefined);
  const ready = await fetch(`${siem.httpUrl}/readyz`);
  assert.equal(ready.status, 200);
  assert.equal((await ready.json()).status, "ready");
  const unauth = await fetch(`${siem.httpUrl}/api/v1/alerts`);
  assert.equal(unauth.status, 401);
  await unauth.body?.cancel();
  const alerts = await siem.api("/api/v1/alerts");
  assert.equal(alerts.status, 200);
  assert.deepEqual(await alerts.json(), { alerts: [] });
  const bad = await siem.api("/api/v1/alerts?limit=0");
  assert.equal(bad.status, 400);
  assert.equal((await bad.json()).error.code, "invalid_query");
  // The generated NATS password is private to the data folder.
  const stat = await Deno.stat(`${siem.dataDir}/nats-password`);
  assert.equal((stat.mode ?? 0) & 0o077, 0);
});

Deno.test("SIGTERM stops the SIEM gracefully and its nats-server with it", async () => {
  await using siem = await startSiemProcess();
  const natsPid = await siem.natsServerPid();
  assert.ok(natsPid && await processAlive(natsPid));
  const status = await siem.kill("SIGTERM");
  assert.equal(status.code, 0);
  assert.ok(await waitFor(async () => !(await processAlive(natsPid)), 10_000), "nats-server still running");
  assert.match(siem.stderr(), /"msg":"Shutting down","reason":"SIGTERM"/);
});

Deno.test("SIGKILL of the SIEM still leaves no nats-server behind, and a restart finds the same data", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "siem-test-kill-" });
  try {
    {
      await using siem = await startSiemProcess({ dataDir });
      const natsPid = await siem.natsServerPid();
      assert.ok(natsPid);
      const nc = await connectNats([siem.natsUrl], { user: "siem", password: await natsPassword(dataDir) });
      await jetstream(nc).publish(
        "siem.events.Syslog",
        JSON.stringify({ SyslogMessage: "before the crash" }),
      );
      await nc.close();
      await siem.kill("SIGKILL");
      assert.ok(
        await waitFor(async () => !(await processAlive(natsPid)), 10_000),
        "nats-server outlived SIGKILL",
      );
    }
    await using again = await startSiemProcess({ dataDir });
    const nc = await connectNats([again.natsUrl], { user: "siem", password: await natsPassword(dataDir) });
    try {
      const jsm = await jetstreamManager(nc);
      const info = await jsm.streams.info(TOPOLOGY.events.stream);
      assert.equal(info.state.messages, 1);
      const msg = await jsm.streams.getMessage(TOPOLOGY.events.stream, { seq: 1 });
      assert.equal(msg?.json<{ SyslogMessage: string }>().SyslogMessage, "before the crash");
    } finally {
      await nc.close();
    }
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("a bad configuration stops start with one line naming the variable", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("../runtime/cli/main.ts", import.meta.url).pathname, "start"],
    env: { SIEM_RETENTION: "forever", SIEM_DATA_DIR: "/nonexistent/never-created" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 1);
  assert.equal(new TextDecoder().decode(out.stdout), "");
  const stderr = new TextDecoder().decode(out.stderr).trim();
  assert.equal(stderr.split("\n").length, 1);
  assert.match(stderr, /SIEM_RETENTION must be a positive duration/);
  assert.doesNotMatch(stderr, /\bat .*\.ts:\d+/);
});

Deno.test("unknown CLI commands and roles are user errors, not stack traces", async () => {
  for (const args of [["frobnicate"], ["start", "--roles", "ingest,cook"]]) {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", new URL("../runtime/cli/main.ts", import.meta.url).pathname, ...args],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(out.code, 1);
    const stderr = new TextDecoder().decode(out.stderr);
    assert.match(stderr, /Unknown command 'frobnicate'|Invalid role 'cook'/);
    assert.doesNotMatch(stderr, /\bat .*\.ts:\d+/);
  }
});
