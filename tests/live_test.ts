/**
 * `GET /api/v1/live` against a real `siem start`: rates move as events are ingested, alerts and incident changes
 * arrive as they happen, and an open stream does not hold up a graceful shutdown.
 */
import assert from "node:assert/strict";
import { startSiemProcess } from "./harness/siem_process.ts";
import { waitFor } from "./harness/nats.ts";

const RULE = `id: 8b8b8b8b-0001-4000-8000-000000000001
name: Any heartbeat from bad host
description: d
severity: High
kind: NRT
query: Heartbeat | where Computer == "bad"
version: 1
`;

Deno.test("the live stream carries rates, alerts and incident changes", async () => {
  const rulesDir = await Deno.makeTempDir({ prefix: "siem-live-rules-" });
  try {
    await Deno.writeTextFile(`${rulesDir}/r.yaml`, RULE);
    await using siem = await startSiemProcess({ env: { SIEM_SYSLOG_PORT: "off", SIEM_RULES_DIR: rulesDir } });
    const res = await siem.api("/api/v1/live");
    assert.equal(res.status, 200);
    assert.match(res.headers.get("Content-Type") ?? "", /text\/event-stream/);
    const events: Array<{ type: string; [k: string]: unknown }> = [];
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    const reading = (async () => {
      while (true) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let cut;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = block.split("\n").find((l) => l.startsWith("data: "));
          if (data) events.push(JSON.parse(data.slice(6)));
        }
      }
    })();
    const ingest = (computer: string) =>
      siem.api("/api/v1/ingest/Heartbeat", { method: "POST", body: JSON.stringify({ Computer: computer }) })
        .then((r) => r.json());
    for (let i = 0; i < 5; i++) await ingest("good");
    await ingest("bad");
    assert.ok(
      await waitFor(
        () => events.some((e) => e.type === "rates" && (e.perSecond as Record<string, number>).Heartbeat > 0),
        10_000,
      ),
      JSON.stringify(events),
    );
    assert.ok(await waitFor(() => events.some((e) => e.type === "alert"), 10_000));
    assert.ok(
      await waitFor(() => events.some((e) => e.type === "incident" && e.change === "created"), 10_000),
    );

    // An open stream does not hold up a graceful shutdown.
    const started = Date.now();
    const status = await siem.kill("SIGTERM");
    assert.equal(status.code, 0);
    assert.ok(Date.now() - started < 8000, `shutdown took ${Date.now() - started} ms`);
    await reading.catch(() => {});
  } finally {
    await Deno.remove(rulesDir, { recursive: true });
  }
});
