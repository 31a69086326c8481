import assert from "node:assert/strict";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { connectNats } from "./connect.ts";
import { ensureTopology, TOPOLOGY, topologyPresent } from "./topology.ts";
import { processAlive, startTestNats, waitFor } from "../../tests/harness/nats.ts";

Deno.test("embedded nats-server requires its password and serves TCP and WebSocket", async () => {
  await using nats = await startTestNats();
  await assert.rejects(() =>
    connectNats([nats.url], { user: nats.user, password: "wrong", timeoutMs: 3000 })
  );
  const tcp = await nats.connect();
  const ws = await connectNats([nats.wsUrl!], { user: nats.user, password: nats.password });
  try {
    const sub = tcp.subscribe("hello", { max: 1, timeout: 10_000 });
    // The server must hold the subscription before the other connection publishes, or the message is gone.
    await tcp.flush();
    ws.publish("hello", "from the edge");
    await ws.flush();
    for await (const m of sub) assert.equal(m.string(), "from the edge");
  } finally {
    await ws.close();
  }
});

Deno.test("ensureTopology is idempotent and creates every stream and bucket", async () => {
  await using nats = await startTestNats();
  const nc = await nats.connect();
  assert.equal(await topologyPresent(nc), false);
  await ensureTopology(nc, { retentionMs: 3_600_000, replicas: 1 });
  await ensureTopology(nc, { retentionMs: 3_600_000, replicas: 1 });
  assert.equal(await topologyPresent(nc), true);
  const jsm = await jetstreamManager(nc);
  const events = await jsm.streams.info(TOPOLOGY.events.stream);
  assert.deepEqual(events.config.subjects, ["siem.events.>"]);
  assert.equal(events.config.max_age, 3_600_000 * 1_000_000);
  // A changed retention updates the stream in place.
  await ensureTopology(nc, { retentionMs: 7_200_000, replicas: 1 });
  assert.equal((await jsm.streams.info(TOPOLOGY.events.stream)).config.max_age, 7_200_000 * 1_000_000);
});

Deno.test("stopping the embedded server ends the process; a restart finds the same store", async () => {
  const dir = await Deno.makeTempDir({ prefix: "siem-test-restart-" });
  try {
    {
      await using nats = await startTestNats({ dir });
      const nc = await nats.connect();
      await ensureTopology(nc, { retentionMs: 3_600_000, replicas: 1 });
      const ack = await jetstream(nc).publish("siem.events.Syslog", JSON.stringify({ msg: "kept" }));
      assert.equal(ack.seq, 1);
      await nats.stop();
      assert.equal(await waitFor(async () => !(await processAlive(nats.pid)), 5000), true);
    }
    await using again = await startTestNats({ dir });
    const nc = await again.connect();
    const jsm = await jetstreamManager(nc);
    const msg = await jsm.streams.getMessage(TOPOLOGY.events.stream, { seq: 1 });
    assert.equal(msg?.json<{ msg: string }>().msg, "kept");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
