import assert from "node:assert/strict";
import { syslogConnector } from "./syslog_connector.ts";

const receivedAt = new Date("2024-01-03T00:00:00Z");

Deno.test("syslogConnector maps every message of a body to a Syslog row", () => {
  const body = Deno.readFileSync(new URL("./testdata/messages.log", import.meta.url));
  const result = syslogConnector.parse(body, { receivedAt, remoteAddress: "192.0.2.50" });
  assert.equal(result.errors.length, 0);
  assert.equal(result.records.length, 11);
  assert.ok(result.records.every((record) => record.table === "Syslog"));
  assert.deepEqual(result.records[0].row, {
    TimeGenerated: "2003-10-11T22:14:15.003Z",
    EventTime: "2003-10-11T22:14:15.003Z",
    Computer: "mymachine.example.com",
    HostName: "mymachine.example.com",
    HostIP: "192.0.2.50",
    Facility: "auth",
    SeverityLevel: "crit",
    SyslogMessage: "'su root' failed for lonvick on /dev/pts/8",
    ProcessName: "su",
    SourceSystem: "Linux",
  });
  assert.equal(result.records[6].row.ProcessID, 2323);
  assert.equal(
    result.records[2].row.SyslogMessage,
    '[exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"] An application event log entry...',
  );
  const raw = result.records[10].row;
  assert.equal(raw.SyslogMessage, "this line follows no syslog format at all");
  assert.equal(raw.TimeGenerated, receivedAt.toISOString(), "no own time: arrival time");
});

Deno.test("syslogConnector takes HostIP from an IP hostname when the peer is unknown", () => {
  const body = new TextEncoder().encode("<13>Feb  5 17:32:18 10.0.0.99 Use the BFG!");
  const row = syslogConnector.parse(body, { receivedAt }).records[0].row;
  assert.equal(row.HostIP, "10.0.0.99");
  assert.equal(row.Facility, "user");
  assert.equal(row.SeverityLevel, "notice");
});

Deno.test("syslogConnector keeps a message with invalid UTF-8 and reports the repair", () => {
  const body = new Uint8Array([
    ...new TextEncoder().encode("<13>Jan  1 00:00:00 h app: bad "),
    0xff,
    0xfe,
    0x0a,
  ]);
  const result = syslogConnector.parse(body, { receivedAt });
  assert.equal(result.records.length, 1);
  assert.equal(result.records[0].row.SyslogMessage, "bad \uFFFD\uFFFD");
  assert.deepEqual(result.warnings, [{
    index: 0,
    message: "Invalid UTF-8 in input: bad byte sequences replaced with U+FFFD",
  }]);
});

Deno.test("syslogConnector reports a truncated octet-counted frame by its frame index", () => {
  const body = new TextEncoder().encode("9 <13>hello50 <13>cut");
  const result = syslogConnector.parse(body, { receivedAt });
  assert.equal(result.records.length, 1);
  assert.equal(result.errors[0].index, 1);
  assert.equal(result.errors[0].raw, "50 <13>cut");
});
