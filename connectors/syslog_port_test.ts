import assert from "node:assert/strict";
import { parseSyslogPort, routeSyslogLine } from "./syslog_port.ts";

const context = { receivedAt: new Date("2024-03-01T12:00:00Z"), remoteAddress: "192.0.2.7" };

Deno.test("routeSyslogLine sends CEF in syslog to CommonSecurityLog and the rest to Syslog", () => {
  const cef = routeSyslogLine(
    "<134>Mar  1 11:59:00 fw01 CEF:0|Fortinet|Fortigate|v7|13|traffic|3|src=10.0.0.1",
    context,
  );
  assert.equal(cef.table, "CommonSecurityLog");
  assert.deepEqual([cef.row.Computer, cef.row.SourceIP, cef.row.TimeGenerated], [
    "fw01",
    "10.0.0.1",
    "2024-03-01T11:59:00.000Z",
  ]);
  const syslog = routeSyslogLine("<38>Mar  1 11:59:00 web01 sshd[22]: Failed password for root", context);
  assert.deepEqual([syslog.table, syslog.row.HostIP, syslog.row.ProcessID], ["Syslog", "192.0.2.7", 22]);
  const brokenCef = routeSyslogLine("<134>Mar  1 11:59:00 fw01 CEF:0|only|three", context);
  assert.equal(brokenCef.table, "Syslog", "malformed CEF is still stored, as syslog");
});

Deno.test("parseSyslogPort reads an octet-counted TCP stream and reports only framing errors", () => {
  const first = "<13>1 2024-03-01T11:00:00Z h app - - - one";
  const second = "<134>1 2024-03-01T11:00:01Z fw - - - CEF:0|V|P|1|1|x|1|dst=8.8.8.8";
  const body = new TextEncoder().encode(`${first.length} ${first}${second.length} ${second}99 <13>cut`);
  const result = parseSyslogPort(body, context);
  assert.deepEqual(result.records.map((record) => record.table), ["Syslog", "CommonSecurityLog"]);
  assert.equal(result.records[1].row.DestinationIP, "8.8.8.8");
  assert.deepEqual(result.errors.map((error) => error.index), [2]);
});
