import assert from "node:assert/strict";
import { mdeConnector } from "./mde_connector.ts";

const receivedAt = new Date("2024-03-08T10:00:00Z");
const read = (name: string) => Deno.readFileSync(new URL(`./testdata/${name}`, import.meta.url));

Deno.test("mdeConnector routes streaming API records to their Device* tables", () => {
  const result = mdeConnector.parse(read("streaming.json"), { receivedAt });
  assert.deepEqual(result.records.map((record) => record.table), [
    "DeviceProcessEvents",
    "DeviceNetworkEvents",
    "DeviceLogonEvents",
    "DeviceFileEvents",
    "DeviceEvents",
  ]);
  const [process, network, logon, file, event] = result.records.map((record) => record.row);
  assert.equal(process.TimeGenerated, "2024-03-08T09:12:41.123456Z");
  assert.equal(process.Timestamp, "2024-03-08T09:12:41.123456Z");
  assert.deepEqual([process.ProcessId, process.LogonId, process.ReportId], [7412, 999, 11234]);
  assert.deepEqual(process.AdditionalFields, { ProcessTokenElevationType: "Default" });
  assert.equal(process.InitiatingProcessFileName, "winword.exe");
  assert.deepEqual([network.RemoteIP, network.RemotePort, network.RemoteUrl], [
    "203.0.113.66",
    443,
    "evil.example.net",
  ]);
  assert.deepEqual([logon.RemotePort, logon.IsLocalAdmin, logon.LogonType], [51515, false, "Network"]);
  assert.equal(file.FileSize, 20480);
  assert.deepEqual(event.AdditionalFields, { ThreatName: "Trojan:Win32/Example" });
  assert.deepEqual(result.errors.map((error) => [error.index, error.message]), [
    [5, 'Unsupported Defender streaming category "AdvancedHunting-SomethingNew"'],
  ]);
});

Deno.test("mdeConnector maps alerts API alerts to SecurityAlert with entities", () => {
  const result = mdeConnector.parse(read("alerts.json"), { receivedAt });
  assert.equal(result.records[0].table, "SecurityAlert");
  const row = result.records[0].row;
  assert.deepEqual([row.AlertName, row.AlertSeverity, row.ProviderName, row.Status], [
    "Suspicious PowerShell command line",
    "High",
    "MDATP",
    "New",
  ]);
  assert.equal(row.TimeGenerated, "2024-03-08T09:20:00.000Z");
  assert.equal(row.StartTime, "2024-03-08T09:12:41.123456Z");
  assert.equal(row.CompromisedEntity, "ws01.contoso.local");
  assert.equal(row.Techniques, '["T1059.001"]');
  const entities = JSON.parse(String(row.Entities)) as { Type: string }[];
  assert.deepEqual(entities.map((entity) => entity.Type), [
    "host",
    "account",
    "process",
    "file",
    "filehash",
    "ip",
  ]);
});
