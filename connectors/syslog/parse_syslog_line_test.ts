import assert from "node:assert/strict";
import { parseSyslogLine } from "./parse_syslog_line.ts";

const receivedAt = new Date("2024-01-03T00:00:00Z");
const lines = Deno.readTextFileSync(new URL("./testdata/messages.log", import.meta.url)).split("\n");
const parse = (line: string) => parseSyslogLine(line, { receivedAt });

Deno.test("parseSyslogLine reads the RFC 5424 examples", () => {
  const first = parse(lines[0]);
  assert.equal(first.format, "rfc5424");
  assert.deepEqual([first.facility, first.severity], [4, 2]);
  assert.equal(first.timestamp, "2003-10-11T22:14:15.003Z");
  assert.deepEqual([first.hostname, first.appName, first.procId, first.msgId], [
    "mymachine.example.com",
    "su",
    null,
    "ID47",
  ]);
  assert.equal(first.message, "'su root' failed for lonvick on /dev/pts/8", "the BOM is dropped");

  const second = parse(lines[1]);
  assert.equal(second.timestamp, "2003-08-24T12:14:15.000003Z");
  assert.equal(second.procId, "8710");
  assert.equal(second.message, "%% It's time to make the do-nuts.");

  const third = parse(lines[2]);
  assert.equal(third.structuredData, '[exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"]');
  assert.equal(third.message, "An application event log entry...");

  const fourth = parse(lines[3]);
  assert.match(fourth.structuredData ?? "", /\]\[examplePriority@32473 class="high"\]$/);
  assert.equal(fourth.message, "");
});

Deno.test("parseSyslogLine reads BSD lines with and without hostname, tag and PID", () => {
  const su = parse(lines[4]);
  assert.equal(su.format, "rfc3164");
  assert.equal(su.timestamp, "2023-10-11T22:14:15.000Z", "year chosen nearest to arrival");
  assert.deepEqual([su.hostname, su.appName, su.message], [
    "mymachine",
    "su",
    "'su root' failed for lonvick on /dev/pts/8",
  ]);

  const bfg = parse(lines[5]);
  assert.deepEqual([bfg.hostname, bfg.appName, bfg.message], ["10.0.0.99", null, "Use the BFG!"]);
  assert.equal(bfg.timestamp, "2024-02-05T17:32:18.000Z");

  const sshd = parse(lines[6]);
  assert.deepEqual([sshd.facility, sshd.severity, sshd.appName, sshd.procId], [10, 6, "sshd", "2323"]);

  const iso = parse(lines[7]);
  assert.deepEqual([iso.timestamp, iso.hostname, iso.appName], [
    "2024-05-06T05:08:09.123456Z",
    "db01",
    "systemd",
  ]);

  const asa = parse(lines[8]);
  assert.deepEqual([asa.timestamp, asa.hostname, asa.appName], [
    "2023-12-31T23:59:59.000Z",
    "fw01",
    "%ASA-6-302013",
  ]);

  const openvpn = parse(lines[9]);
  assert.deepEqual([openvpn.facility, openvpn.hostname, openvpn.appName, openvpn.procId], [
    null,
    "demo-host.local",
    "openvpn",
    "30264",
  ]);
});

Deno.test("parseSyslogLine keeps a line in no known format whole", () => {
  const raw = parse(lines[10]);
  assert.equal(raw.format, "raw");
  assert.equal(raw.message, lines[10]);
  assert.equal(parse("<999>x").message, "<999>x", "a PRI above 191 is not a PRI");
  assert.equal(parse("").format, "raw");
});

Deno.test("parseSyslogLine puts a late-December line received in January in the previous year", () => {
  const parsed = parseSyslogLine("<13>Dec 31 23:59:00 h t: m", {
    receivedAt: new Date("2024-01-01T00:01:00Z"),
  });
  assert.equal(parsed.timestamp, "2023-12-31T23:59:00.000Z");
});

Deno.test("parseSyslogLine keeps an unclosed structured data block as message text", () => {
  const parsed = parse('<13>1 2024-01-01T00:00:00Z h a - - [id k="v] msg');
  assert.equal(parsed.structuredData, null);
  assert.equal(parsed.message, '[id k="v] msg');
});

Deno.test("parseSyslogLine reads the raw Juniper SRX lines kept in Sentinel's sample export", () => {
  const path = new URL("../../../shared/data/sentinel-samples/Syslog/JuniperSRX.json", import.meta.url);
  const rows = JSON.parse(Deno.readTextFileSync(path)) as { SyslogMessage: string }[];
  const receivedAt = new Date("2020-11-14T14:17:43Z");
  for (const { SyslogMessage: line } of rows) {
    const parsed = parseSyslogLine(line, { receivedAt });
    assert.equal(parsed.format, "rfc3164", line);
    assert.match(parsed.hostname ?? "", /^(Daejeon|JuniperSRX)_FW\d$/, line);
    assert.match(parsed.timestamp ?? "", /^2020-11-\d\dT/, line);
    assert.ok(!parsed.message.startsWith("<") && parsed.message.length > 0, line);
    if (/ sshd\[\d+\]: /.test(line)) assert.equal(parsed.appName, "sshd");
  }
  assert.equal(rows.length, 284);
});
