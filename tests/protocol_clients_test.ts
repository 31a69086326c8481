/**
 * The protocol doors driven by the real clients users run: Splunk's `splunk-logging` (HEC) and OpenTelemetry's
 * OTLP/HTTP log exporter, against a real `siem start`.
 */
import assert from "node:assert/strict";
import { jetstreamManager } from "@nats-io/jetstream";
import SplunkLogging from "splunk-logging";
import { OTLPLogExporter } from "@opentelemetry/exporter-logs-otlp-http";
import { LoggerProvider, SimpleLogRecordProcessor } from "@opentelemetry/sdk-logs";
import { connectNats } from "../runtime/nats/connect.ts";
import { startSiemProcess } from "./harness/siem_process.ts";
import { eventRows } from "./harness/events.ts";
import { waitFor } from "./harness/nats.ts";

async function tableRows(siem: Awaited<ReturnType<typeof startSiemProcess>>, table: string) {
  const password = (await Deno.readTextFile(`${siem.dataDir}/nats-password`)).trim();
  const nc = await connectNats([siem.natsUrl], { user: "siem", password });
  try {
    return await eventRows(await jetstreamManager(nc), table);
  } finally {
    await nc.close();
  }
}

Deno.test("splunk-logging sends HEC events that land in their index's table", async () => {
  await using siem = await startSiemProcess({ env: { SIEM_SYSLOG_PORT: "off" } });
  const url = new URL(siem.httpUrl);
  const logger = new SplunkLogging.Logger({
    token: siem.token,
    url: `http://${url.hostname}:${url.port}`,
    maxBatchCount: 1,
  });
  const sent = (message: unknown) =>
    new Promise<unknown>((resolve, reject) =>
      logger.send(
        { message, metadata: { index: "App_CL", host: "app1", sourcetype: "json" } },
        (error: Error | undefined, _req: unknown, body: unknown) => error ? reject(error) : resolve(body),
      )
    );
  assert.deepEqual(await sent({ user: "alice", action: "login" }), { text: "Success", code: 0 });
  await sent({ user: "bob", action: "logout" });
  const rows = await tableRows(siem, "App_CL");
  // splunk-logging wraps each message as {"message": ..., "severity": "info"}.
  assert.deepEqual(rows.map((r) => (r.message as { user: string }).user), ["alice", "bob"]);
  assert.deepEqual(rows.map((r) => r.severity), ["info", "info"]);
});

Deno.test("the OpenTelemetry OTLP/HTTP log exporter lands records in OTelLogs", async () => {
  await using siem = await startSiemProcess({ env: { SIEM_SYSLOG_PORT: "off" } });
  const exporter = new OTLPLogExporter({
    url: `${siem.httpUrl}/v1/logs`,
    headers: { Authorization: `Bearer ${siem.token}` },
  });
  const provider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter })] });
  const logger = provider.getLogger("checkout");
  logger.emit({
    severityText: "WARN",
    severityNumber: 13,
    body: "card declined",
    attributes: { user: "carol" },
  });
  await provider.forceFlush();
  await provider.shutdown();
  assert.ok(await waitFor(async () => (await tableRows(siem, "OTelLogs")).length === 1, 10_000));
  const [row] = await tableRows(siem, "OTelLogs");
  assert.equal(row.SeverityText, "WARN");
  assert.equal(row.Body, "card declined");
});
