import assert from "node:assert/strict";
import { hecEventsToRecords, hecResponse, parseHecEvents, parseHecRaw } from "./mod.ts";

const context = { receivedAt: new Date("2024-03-01T00:00:00Z") };

Deno.test("parseHecEvents reads concatenated events with their metadata and request defaults", () => {
  const body = '{"time": 1426279439, "event": "Hello world!"}' +
    '{"time":"1426279439.123","host":"web01","source":"/var/log/app.log","sourcetype":"app","index":"main","event":{"message":"Something happened","severity":"INFO"},"fields":{"cluster":"a"}}\n' +
    '  {"event":"third"}';
  const parsed = parseHecEvents(body, { host: "default-host", index: "defaults" });
  assert.equal(parsed.error, null);
  assert.equal(parsed.events.length, 3);
  assert.deepEqual([parsed.events[0].time, parsed.events[0].host, parsed.events[0].indexName], [
    "2015-03-13T20:43:59.000Z",
    "default-host",
    "defaults",
  ]);
  assert.equal(parsed.events[1].time, "2015-03-13T20:43:59.123Z");
  assert.deepEqual(parsed.events[1].fields, { cluster: "a" });
  assert.equal(parsed.events[2].time, null);
});

Deno.test("parseHecEvents answers HEC's error codes with the invalid event number", () => {
  assert.deepEqual(hecResponse(parseHecEvents("  ").error), { text: "No data", code: 5 });
  const missing = parseHecEvents('{"event":"ok"}{"host":"x"}{"event":"never read"}');
  assert.equal(missing.events.length, 1);
  assert.deepEqual(hecResponse(missing.error), {
    text: "Event field is required",
    code: 12,
    "invalid-event-number": 1,
  });
  assert.deepEqual(hecResponse(parseHecEvents('{"event":""}').error), {
    text: "Event field cannot be blank",
    code: 13,
    "invalid-event-number": 0,
  });
  const broken = parseHecEvents('{"event":"a"}{"event":');
  assert.equal(broken.events.length, 1);
  assert.deepEqual(hecResponse(broken.error), {
    text: "Invalid data format",
    code: 6,
    "invalid-event-number": 1,
  });
  assert.equal(parseHecEvents('{"event":"a","time":"yesterday"}').error?.code, 6);
});

Deno.test("parseHecRaw makes one event per line", () => {
  const parsed = parseHecRaw("first\r\n\nsecond\n", { sourcetype: "syslog", host: "h" });
  assert.deepEqual(parsed.events.map((event) => [event.index, event.event, event.host]), [[0, "first", "h"], [
    2,
    "second",
    "h",
  ]]);
  assert.equal(parseHecRaw("\n").error?.code, 5);
});

Deno.test("hecEventsToRecords routes syslog, CEF, table indexes and everything else", () => {
  const body = [
    '{"event":"<34>Oct 11 22:14:15 mymachine su: failed","sourcetype":"syslog","time":1697062455}',
    '{"event":"CEF:0|Vendor|Product|1|100|Blocked|5|src=10.0.0.1","sourcetype":"cefevents"}',
    '{"event":{"user":"alice","count":3},"index":"App_CL","fields":{"region":"eu","user":"ignored"}}',
    '{"event":{"Computer":"dc01","EventID":"4625"},"index":"SecurityEvent","time":1700000000}',
    '{"event":"free text","host":"h1","sourcetype":"misc","fields":{"k":"v"}}',
    '{"event":"not cef","sourcetype":"cef"}',
  ].join("\n");
  const result = hecEventsToRecords(parseHecEvents(body).events, { context });
  assert.deepEqual(result.records.map((record) => record.table), [
    "Syslog",
    "CommonSecurityLog",
    "App_CL",
    "SecurityEvent",
    "SplunkHEC_CL",
  ]);
  const [syslog, cef, app, security, other] = result.records.map((record) => record.row);
  assert.equal(syslog.ProcessName, "su");
  assert.equal(cef.SourceIP, "10.0.0.1");
  assert.deepEqual(app, { region: "eu", user: "alice", count: 3, TimeGenerated: "2024-03-01T00:00:00.000Z" });
  assert.deepEqual([security.EventID, security.TimeGenerated], [4625, "2023-11-14T22:13:20.000Z"]);
  assert.deepEqual(other, {
    TimeGenerated: "2024-03-01T00:00:00.000Z",
    Host: "h1",
    SourceType: "misc",
    Event: "free text",
    Fields: { k: "v" },
  });
  assert.deepEqual(result.errors.map((error) => error.index), [5]);
});
