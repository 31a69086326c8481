/**
 * Other tools' ingest protocols against a real `siem start`: Splunk HEC, Azure Logs Ingestion, Elasticsearch
 * bulk and OTLP/HTTP logs, each answering in its own shape, storing rows in SIEM_EVENTS.
 */
import assert from "node:assert/strict";
import { type JetStreamManager, jetstreamManager } from "@nats-io/jetstream";
import { connectNats } from "../runtime/nats/connect.ts";
import { startSiemProcess } from "./harness/siem_process.ts";
import { eventRows } from "./harness/events.ts";

type Siem = Awaited<ReturnType<typeof startSiemProcess>>;

async function withSiem(fn: (siem: Siem, jsm: JetStreamManager) => Promise<void>) {
  await using siem = await startSiemProcess({ env: { SIEM_SYSLOG_PORT: "off" } });
  const password = (await Deno.readTextFile(`${siem.dataDir}/nats-password`)).trim();
  const nc = await connectNats([siem.natsUrl], { user: "siem", password });
  try {
    await fn(siem, await jetstreamManager(nc));
  } finally {
    await nc.close();
  }
}

Deno.test("Splunk HEC: batched events with the Splunk auth scheme, raw lines, and HEC error codes", async () => {
  await withSiem(async (siem, jsm) => {
    const hec = (path: string, body: string) =>
      fetch(siem.httpUrl + path, {
        method: "POST",
        body,
        headers: { Authorization: `Splunk ${siem.token}` },
      });
    let res = await hec(
      "/services/collector/event",
      '{"time":1764237600,"host":"web1","sourcetype":"access","index":"Web_CL","event":{"user":"alice","status":200}}' +
        '{"time":"1764237601.5","host":"web1","index":"Web_CL","event":{"user":"bob","status":500}}',
    );
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { text: "Success", code: 0 });
    const web = await eventRows(jsm, "Web_CL");
    assert.deepEqual(web.map((r) => [r.user, r.TimeGenerated]), [
      ["alice", "2025-11-27T10:00:00.000Z"],
      ["bob", "2025-11-27T10:00:01.500Z"],
    ]);
    res = await hec(
      "/services/collector/raw?sourcetype=syslog",
      "<13>Nov 27 10:00:00 host1 sshd[1]: raw line\n",
    );
    assert.equal(res.status, 200);
    assert.ok((await eventRows(jsm, "Syslog")).some((r) => String(r.SyslogMessage).includes("raw line")));
    res = await hec("/services/collector/event", "");
    assert.equal(res.status, 400);
    assert.equal((await res.json()).code, 5);
    res = await hec("/services/collector/event", '{"event":{"ok":1},"index":"Web_CL"}{"time":1}');
    const body = await res.json();
    assert.equal(res.status, 400);
    assert.equal(body.code, 12);
    assert.equal(body["invalid-event-number"], 1);
    assert.equal(body.error.code, "invalid_hec_data");
    assert.equal((await eventRows(jsm, "Web_CL")).length, 3); // the good event before the bad one was kept
    // A client's retry of the same batch stores nothing twice.
    const batch = '{"time":1764237700,"index":"Web_CL","event":{"user":"dave"}}';
    for (let i = 0; i < 2; i++) assert.equal((await hec("/services/collector/event", batch)).status, 200);
    assert.equal((await eventRows(jsm, "Web_CL")).filter((r) => r.user === "dave").length, 1);
  });
});

Deno.test("Azure Logs Ingestion: 204 on success, retries deduplicated by x-ms-client-request-id", async () => {
  await withSiem(async (siem, jsm) => {
    const send = (stream: string, body: string, requestId: string) =>
      siem.api(`/dataCollectionRules/dcr-123/streams/${stream}?api-version=2023-01-01`, {
        method: "POST",
        body,
        headers: { "Content-Type": "application/json", "x-ms-client-request-id": requestId },
      });
    const body = JSON.stringify([{ TimeGenerated: "2026-11-27T10:00:00Z", Computer: "vm1", RawData: "x" }]);
    for (let i = 0; i < 2; i++) {
      const res = await send("Custom-MyTable_CL", body, "req-1");
      assert.equal(res.status, 204);
    }
    assert.equal((await eventRows(jsm, "MyTable_CL")).length, 1);
    const bad = await send("Custom-MyTable_CL", '{"not":"an array"}', "req-2");
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).error.code, "invalid_records");
  });
});

Deno.test("Elasticsearch bulk: action/document pairs with the per-item answer", async () => {
  await withSiem(async (siem, jsm) => {
    const body = [
      '{"index":{"_index":"filebeat-8.12.0-2026.11.27"}}',
      '{"@timestamp":"2026-11-27T10:00:00Z","message":"first","host":{"name":"web1"}}',
      '{"create":{}}',
      '{"@timestamp":"2026-11-27T10:00:01Z","message":"second"}',
      '{"index":{}}',
      "{broken",
      "",
    ].join("\n");
    const res = await siem.api("/logs-app/_bulk", {
      method: "POST",
      body,
      headers: { "Content-Type": "application/x-ndjson" },
    });
    assert.equal(res.status, 200);
    const answer = await res.json();
    assert.equal(answer.errors, true);
    assert.equal(answer.items.length, 3);
    assert.equal(answer.items[0].index.status, 201);
    assert.equal(answer.items[1].create.status, 201);
    assert.equal(answer.items[2].index.status, 400);
    assert.equal((await eventRows(jsm, "filebeat_CL")).length, 1);
    assert.equal((await eventRows(jsm, "logs_app_CL")).length, 1);
  });
});

Deno.test("OTLP/HTTP JSON logs land in OTelLogs; protobuf gets a clear 415", async () => {
  await withSiem(async (siem, jsm) => {
    const body = {
      resourceLogs: [{
        resource: { attributes: [{ key: "service.name", value: { stringValue: "checkout" } }] },
        scopeLogs: [{
          logRecords: [{
            timeUnixNano: "1764237600000000000",
            severityText: "ERROR",
            severityNumber: 17,
            body: { stringValue: "payment failed" },
            attributes: [{ key: "user", value: { stringValue: "alice" } }],
          }],
        }],
      }],
    };
    const res = await siem.api("/v1/logs", {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "Content-Type": "application/json" },
    });
    assert.equal(res.status, 200);
    await res.body?.cancel();
    const rows = await eventRows(jsm, "OTelLogs");
    assert.equal(rows.length, 1);
    assert.equal(rows[0].SeverityText, "ERROR");
    assert.equal(rows[0].TimeGenerated, "2025-11-27T10:00:00.000Z");
    const proto = await siem.api("/v1/logs", {
      method: "POST",
      body: new Uint8Array([1, 2, 3]),
      headers: { "Content-Type": "application/x-protobuf" },
    });
    assert.equal(proto.status, 415);
    assert.equal((await proto.json()).error.code, "unsupported_media_type");
  });
});
