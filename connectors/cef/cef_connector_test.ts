import assert from "node:assert/strict";
import { cefConnector } from "./cef_connector.ts";
import { parseCef } from "./parse_cef.ts";

const receivedAt = new Date("2024-03-01T12:00:05Z");
const body = Deno.readFileSync(new URL("./testdata/cef_lines.log", import.meta.url));
const result = cefConnector.parse(body, { receivedAt, remoteAddress: "198.51.100.9" });
const rows = result.records.map((record) => record.row);

Deno.test("cefConnector reads the CEF specification's examples with their escapes", () => {
  assert.equal(result.records.length, 7);
  assert.ok(result.records.every((record) => record.table === "CommonSecurityLog"));
  assert.deepEqual(rows[0], {
    DeviceVendor: "security",
    DeviceProduct: "threatmanager",
    DeviceVersion: "1.0",
    DeviceEventClassID: "100",
    Activity: "worm successfully stopped",
    LogSeverity: "10",
    Computer: "198.51.100.9",
    SourceSystem: "OpsManager",
    SourceIP: "10.0.0.1",
    DestinationIP: "2.1.2.2",
    SourcePort: 1232,
    TimeGenerated: receivedAt.toISOString(),
  });
  assert.equal(rows[1].Activity, "detected a | in message");
  assert.equal(rows[1].DeviceAction, "blocked a |");
  assert.equal(rows[1].Computer, "host");
  assert.equal(rows[1].TimeGenerated, "2023-09-19T08:26:10.000Z", "BSD time: the year nearest to arrival");
  assert.equal(rows[2].Activity, "detected a \\ in packet");
  assert.equal(rows[2].DeviceAction, "blocked a \\");
  assert.equal(rows[3].DeviceAction, "blocked a =");
});

Deno.test("cefConnector maps custom labelled fields and keeps vendor keys in AdditionalExtensions", () => {
  const pan = rows[4];
  assert.equal(pan.TimeGenerated, "2024-03-01T12:00:00.000Z", "rt is the event time");
  assert.equal(pan.ReceiptTime, "Mar 01 2024 12:00:00 GMT");
  assert.equal(pan.Computer, "PA-VM");
  assert.equal(pan.SourceUserName, "corp\\alice");
  assert.deepEqual(
    [
      pan.DeviceCustomString1Label,
      pan.DeviceCustomString1,
      pan.DeviceCustomString3Label,
      pan.DeviceCustomString3,
    ],
    ["Rule", "allow-dns", "Virtual System", "vsys1"],
  );
  assert.deepEqual([pan.DeviceCustomNumber1Label, pan.DeviceCustomNumber1], ["SessionID", 12345]);
  assert.deepEqual([pan.DeviceCustomFloatingPoint1Label, pan.DeviceCustomFloatingPoint1], ["Score", 0.75]);
  assert.deepEqual([pan.ReceivedBytes, pan.SentBytes, pan.DestinationPort, pan.DestinationTranslatedPort], [
    120,
    240,
    53,
    53,
  ]);
  assert.equal(pan.Protocol, "udp");
  assert.equal(pan.AdditionalExtensions, "PanOSPacketsReceived=1");
});

Deno.test("cefConnector matches the columns of Sentinel's own Fortigate export", () => {
  const sample = JSON.parse(
    Deno.readTextFileSync(
      new URL("../../../shared/data/sentinel-samples/CEF/Fortigate.json", import.meta.url),
    ),
  )[0];
  const row = rows[5];
  for (
    const column of [
      "DeviceVendor",
      "DeviceProduct",
      "DeviceVersion",
      "Activity",
      "Computer",
      "SourceIP",
      "DestinationIP",
      "ApplicationProtocol",
      "DeviceExternalID",
      "DeviceInboundInterface",
      "DeviceOutboundInterface",
    ]
  ) assert.equal(row[column], sample[column], column);
  for (const column of ["DeviceEventClassID", "LogSeverity", "Protocol", "CommunicationDirection"]) {
    assert.equal(row[column], String(sample[column]), column);
  }
  for (const column of ["SourcePort", "DestinationPort", "ExternalID"]) {
    assert.equal(row[column], sample[column]);
  }
  assert.match(String(row.AdditionalExtensions), /^FortinetFortiGateeventtime=1647873918304240923;/);
  assert.equal(row.TimeGenerated, "2022-03-31T10:52:35.857Z", "time of the RFC 5424 header");
});

Deno.test("cefConnector keeps URL equals signs, unescapes newlines and saves mistyped values", () => {
  const checkPoint = rows[6];
  assert.equal(checkPoint.RequestURL, "https://example.com/a?b=c&d=e");
  assert.equal(checkPoint.Message, "line one\nline two");
  assert.equal(checkPoint.SourcePort, undefined);
  assert.equal(checkPoint.ExtID, "abc-123");
  assert.equal(checkPoint.AdditionalExtensions, "spt=notaport;start=someday", "in the order sent");
});

Deno.test("cefConnector rejects lines that are not CEF with their index and reason", () => {
  assert.deepEqual(result.errors.map((error) => [error.index, error.message]), [
    [7, "Cannot parse CEF header: expected 7 pipe-separated fields but found 3"],
    [8, 'Cannot parse CEF: no "CEF:<version>|" in the line'],
  ]);
  assert.equal(result.errors[1].raw, "this is not CEF at all");
});

Deno.test("parseCef reports a non-numeric version", () => {
  assert.deepEqual(parseCef("CEF:x|a|b|c|d|e|f|"), {
    ok: false,
    message: 'Cannot parse CEF header: version "x" is not a number',
  });
});
