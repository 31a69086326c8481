import assert from "node:assert/strict";
import { rowProblems } from "../_row_conformance.ts";
import { normalizeRow } from "./mod.ts";

const T = "2024-01-01T00:00:00.000Z";

function xml(data: Record<string, string>): string {
  const items = Object.entries(data).map(([k, v]) => `<Data Name="${k}">${v}</Data>`).join("");
  return `<DataItem type="System.XmlData" time="${T}"><EventData xmlns="http://schemas.microsoft.com/win/2004/08/events/event">${items}</EventData></DataItem>`;
}

Deno.test("Sysmon process creation in Event (XML EventData) is an ASIM ProcessCreated event", () => {
  const [record] = normalizeRow("Event", {
    TimeGenerated: T,
    EventLog: "Microsoft-Windows-Sysmon/Operational",
    EventID: 1,
    Computer: "pc1.contoso.com",
    EventData: xml({
      Image: "C:\\Windows\\System32\\cmd.exe",
      CommandLine: "cmd.exe /c whoami &amp;&amp; echo &quot;x&quot;",
      ProcessId: "4242",
      User: "CONTOSO\\bob",
      ParentImage: "C:\\Windows\\explorer.exe",
      ParentProcessId: "1000",
      Hashes: "SHA1=AA,MD5=BB,SHA256=CC,IMPHASH=DD",
    }),
  });
  assert.equal(record.table, "ASimProcessEventLogs");
  assert.deepEqual(rowProblems(record), []);
  assert.equal(record.row.EventType, "ProcessCreated");
  assert.equal(record.row.EventProduct, "Sysmon");
  assert.equal(record.row.TargetProcessCommandLine, 'cmd.exe /c whoami && echo "x"');
  assert.equal(record.row.TargetProcessSHA256, "CC");
  assert.equal(record.row.TargetProcessIMPHASH, "DD");
  assert.equal(record.row.ActingProcessName, "C:\\Windows\\explorer.exe");
  assert.equal(record.row.TargetUsername, "CONTOSO\\bob");
  assert.equal(record.row.DvcHostname, "pc1");
});

Deno.test("Sysmon in WindowsEvent: network, file, registry and DNS events reach their schemas", () => {
  const event = (id: number, data: Record<string, unknown>) =>
    normalizeRow("WindowsEvent", {
      TimeGenerated: T,
      Provider: "Microsoft-Windows-Sysmon",
      Channel: "Microsoft-Windows-Sysmon/Operational",
      EventID: id,
      Computer: "pc1",
      EventData: data as Record<string, string>,
    })[0];
  const network = event(3, {
    Image: "C:\\x.exe",
    Protocol: "tcp",
    Initiated: "true",
    SourceIp: "10.0.0.5",
    SourcePort: "50000",
    DestinationIp: "203.0.113.5",
    DestinationPort: "443",
  });
  assert.equal(network.table, "ASimNetworkSessionLogs");
  assert.equal(network.row.DstPortNumber, 443);
  assert.equal(network.row.NetworkDirection, "Outbound");
  const file = event(11, {
    Image: "C:\\x.exe",
    TargetFilename: "C:\\Temp\\drop.dll",
    CreationUtcTime: "2024-01-01 00:00:00.000",
  });
  assert.equal(file.table, "ASimFileEventLogs");
  assert.equal(file.row.TargetFileName, "drop.dll");
  const registry = event(13, {
    Image: "C:\\x.exe",
    TargetObject: "HKLM\\Software\\Run\\x",
    Details: "C:\\x.exe",
  });
  assert.equal(registry.row.EventType, "RegistryValueSet");
  assert.equal(registry.row.RegistryValueData, "C:\\x.exe");
  const dns = event(22, {
    Image: "C:\\x.exe",
    QueryName: "evil.example",
    QueryStatus: "0",
    QueryResults: "203.0.113.5;",
  });
  assert.equal(dns.table, "ASimDnsActivityLogs");
  assert.equal(dns.row.DnsQuery, "evil.example");
  assert.equal(dns.row.EventResultDetails, "NOERROR");
  const nx = event(22, { Image: "C:\\x.exe", QueryName: "nope.example", QueryStatus: "9003" });
  assert.equal(nx.row.DnsResponseCode, 3);
  assert.equal(nx.row.EventResultDetails, "NXDOMAIN");
  assert.equal(nx.row.EventResult, "Failure");
  for (const record of [network, file, registry, dns]) assert.deepEqual(rowProblems(record), []);
});

Deno.test("Security-channel events in WindowsEvent normalize like SecurityEvent rows; other channels do not", () => {
  const [auth] = normalizeRow("WindowsEvent", {
    TimeGenerated: T,
    Channel: "Security",
    Provider: "Microsoft-Windows-Security-Auditing",
    EventID: 4625,
    Computer: "dc01",
    EventData: { TargetUserName: "bob", TargetDomainName: "CONTOSO", SubStatus: "0xc0000064", IpPort: "0" },
  });
  assert.equal(auth.row.EventResultDetails, "No such user");
  assert.equal(auth.row.TargetUsername, "CONTOSO\\bob");
  assert.deepEqual(rowProblems(auth), []);
  assert.deepEqual(normalizeRow("WindowsEvent", { TimeGenerated: T, Channel: "System", EventID: 7045 }), []);
  assert.deepEqual(normalizeRow("Event", { TimeGenerated: T, EventLog: "System", EventID: 1 }), []);
});
