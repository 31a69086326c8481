/**
 * Threat intelligence end to end against a real `siem start`: a STIX 2.1 bundle through the `threat-intel`
 * connector, a Sentinel-style "TI map IP entity to CommonSecurityLog" rule, a CEF event to an indicator's IP:
 * the rule fires, and it stops once the indicator has expired.
 */
import assert from "node:assert/strict";
import { startSiemProcess } from "./harness/siem_process.ts";
import { waitFor } from "./harness/nats.ts";

const RULE_ID = "7a1e2d3c-0022-4a5b-9c8d-000000000022";
const TI_MAP_RULE = `id: ${RULE_ID}
name: TI map IP entity to CommonSecurityLog
description: A connection to an IP from the threat intelligence feeds.
severity: Medium
kind: Scheduled
queryFrequency: 2s
queryPeriod: 14d
triggerOperator: gt
triggerThreshold: 0
tactics: [Impact]
query: |
  let dt_lookBack = 1h;
  let ioc_lookBack = 14d;
  ThreatIntelligenceIndicator
  | where TimeGenerated >= ago(ioc_lookBack)
  | summarize LatestIndicatorTime = arg_max(TimeGenerated, *) by IndicatorId
  | where Active == true and ExpirationDateTime > now()
  | where isnotempty(NetworkIP)
  | join kind=innerunique (
      CommonSecurityLog
      | where TimeGenerated >= ago(dt_lookBack)
      | where isnotempty(DestinationIP)
      | extend CS_TimeGenerated = TimeGenerated
    ) on $left.NetworkIP == $right.DestinationIP
  | where CS_TimeGenerated < ExpirationDateTime
  | project LatestIndicatorTime, Description, ConfidenceScore, ExpirationDateTime, IndicatorId, CS_TimeGenerated,
      SourceIP, DestinationIP, DeviceVendor
entityMappings:
  - entityType: IP
    fieldMappings:
      - identifier: Address
        columnName: DestinationIP
version: 1
`;

const CONTROL_ID = "7a1e2d3c-0023-4a5b-9c8d-000000000023";
const CONTROL_RULE = `id: ${CONTROL_ID}
name: Control - connections on 8443
description: Fires on the connection made after the indicator expired.
severity: Informational
kind: Scheduled
queryFrequency: 2s
queryPeriod: 1m
triggerOperator: gt
triggerThreshold: 0
query: |
  CommonSecurityLog
  | where DestinationPort == 8443
version: 1
`;

Deno.test("a TI map rule fires on a CommonSecurityLog IP from a STIX bundle, and stops after the indicator expires", async () => {
  await using siem = await startSiemProcess({ env: { SIEM_SYSLOG_PORT: "off" }, timeoutMs: 90_000 });
  const put = await siem.api(`/api/v1/rules/${RULE_ID}`, { method: "PUT", body: TI_MAP_RULE });
  assert.equal(put.status, 201, await put.clone().text());

  const expiresAt = Date.now() + 8_000;
  const bundle = {
    type: "bundle",
    id: "bundle--7d3c5a2e-1111-4222-8333-944455556666",
    objects: [
      {
        type: "indicator",
        spec_version: "2.1",
        id: "indicator--0b1c2d3e-4f50-4a6b-8c7d-8e9fa0b1c2d3",
        created: "2026-01-01T00:00:00.000Z",
        modified: "2026-01-01T00:00:00.000Z",
        name: "C2 server",
        description: "Botnet C2",
        pattern: "[ipv4-addr:value = '198.51.100.77']",
        pattern_type: "stix",
        valid_from: "2026-01-01T00:00:00Z",
        valid_until: new Date(expiresAt).toISOString(),
        confidence: 90,
      },
      {
        type: "indicator",
        spec_version: "2.1",
        id: "indicator--1c2d3e4f-5061-4b7c-9d8e-9fa0b1c2d3e4",
        created: "2026-01-01T00:00:00.000Z",
        modified: "2026-01-01T00:00:00.000Z",
        pattern: "[domain-name:value = 'not-an-ip.example']",
        pattern_type: "stix",
        valid_from: "2026-01-01T00:00:00Z",
      },
    ],
  };
  const ti = await siem.api("/api/v1/connectors/threat-intel", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(bundle),
  });
  assert.equal(ti.status, 200, await ti.clone().text());
  assert.deepEqual((await ti.json()).accepted, 2);

  const cef = [
    "CEF:0|Palo Alto Networks|PAN-OS|10.1.0|end|TRAFFIC|1|src=10.1.1.5 dst=198.51.100.77 dpt=443",
    "CEF:0|Palo Alto Networks|PAN-OS|10.1.0|end|TRAFFIC|1|src=10.1.1.6 dst=192.0.2.200 dpt=443",
  ].join("\n");
  const sent = await siem.api("/api/v1/connectors/cef", { method: "POST", body: cef });
  assert.equal(sent.status, 200, await sent.clone().text());

  const alerts = async () =>
    (await (await siem.api(`/api/v1/alerts?ruleId=${RULE_ID}&limit=1000`)).json()).alerts as Array<
      Record<string, unknown>
    >;
  const fired = await waitFor(async () => (await alerts()).length > 0, 45_000);
  // On failure, say what detection was doing: its health and the warnings it logged.
  const health = fired ? "" : JSON.stringify(await (await siem.api("/api/v1/health")).json());
  assert.ok(
    fired,
    `the TI map rule did not fire: ${health} ${
      siem.stderr().split("\n").filter((l) => l.includes('"warn"')).join(" ")
    }`,
  );
  const first = (await alerts())[0];
  assert.equal(first.AlertName, "TI map IP entity to CommonSecurityLog");
  assert.ok(JSON.stringify(first.Entities).includes("198.51.100.77"));
  assert.ok(!JSON.stringify(await alerts()).includes("192.0.2.200"), "an IP without indicator matched");

  // After the indicator's expiration, a new connection to the IP raises nothing: a control rule over the same
  // event shows the windows after the expiration were evaluated.
  await new Promise((r) => setTimeout(r, Math.max(0, expiresAt - Date.now()) + 2000));
  const control = await siem.api(`/api/v1/rules/${CONTROL_ID}`, { method: "PUT", body: CONTROL_RULE });
  assert.equal(control.status, 201, await control.clone().text());
  const late = "CEF:0|Palo Alto Networks|PAN-OS|10.1.0|end|TRAFFIC|1|src=10.1.1.7 dst=198.51.100.77 dpt=8443";
  assert.equal((await siem.api("/api/v1/connectors/cef", { method: "POST", body: late })).status, 200);
  const controlAlerts = async () =>
    (await (await siem.api(`/api/v1/alerts?ruleId=${CONTROL_ID}&limit=10`)).json()).alerts as unknown[];
  assert.ok(
    await waitFor(async () => (await controlAlerts()).length > 0, 45_000),
    "the control rule did not fire",
  );
  // Windows end on 2 s instants: the last one that may still see the indicator ends before its expiration.
  const ends = (await alerts()).map((a) => Date.parse(String(a.EndTime)));
  assert.ok(ends.every((end) => end < expiresAt), "an alert for a window after the indicator expired");
  assert.ok(!JSON.stringify(await alerts()).includes("10.1.1.7"), "the connection after expiry matched");
});
