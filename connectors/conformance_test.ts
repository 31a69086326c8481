/**
 * One conformance suite for every connector: each fixture of each connector parses without throwing, and every row
 * uses only its table's columns with the right JSON encoding (the catalog in query/symbols is the reference).
 */

import assert from "node:assert/strict";
import { CONNECTORS } from "./registry.ts";
import { rowProblems } from "./_row_conformance.ts";
import { parseSyslogPort } from "./syslog_port.ts";

const receivedAt = new Date("2024-03-01T12:00:00Z");

function fixtures(connectorName: string): { name: string; bytes: Uint8Array }[] {
  const folder = new URL(`./${connectorName.replace("-", "_")}/testdata/`, import.meta.url);
  return [...Deno.readDirSync(folder)]
    .filter((entry) => entry.isFile)
    .map((entry) => ({ name: entry.name, bytes: Deno.readFileSync(new URL(entry.name, folder)) }));
}

for (const connector of CONNECTORS) {
  Deno.test(`${connector.name}: every fixture row conforms to its table's schema`, () => {
    const files = fixtures(connector.name);
    assert.ok(files.length > 0, "the connector has fixtures");
    let rows = 0;
    for (const file of files) {
      const result = connector.parse(file.bytes, { receivedAt, remoteAddress: "192.0.2.1" });
      for (const record of result.records) {
        assert.ok(
          connector.tables.includes(record.table),
          `${file.name}: ${record.table} is one of its tables`,
        );
        assert.deepEqual(rowProblems(record), [], file.name);
        rows++;
      }
      for (const error of result.errors) {
        assert.ok(Number.isInteger(error.index) && error.index >= 0, `${file.name}: error index`);
        assert.match(error.message, /^[A-Z]/, `${file.name}: sentence-case message`);
        assert.doesNotMatch(error.message, /\.$/, `${file.name}: no final period`);
      }
    }
    assert.ok(rows > 0, "the fixtures produce rows");
  });
}

Deno.test("syslog port: syslog and CEF fixtures route to Syslog and CommonSecurityLog", () => {
  const body = new Uint8Array([...fixtures("syslog")[0].bytes, ...fixtures("cef")[0].bytes]);
  const result = parseSyslogPort(body, { receivedAt });
  assert.deepEqual(result.errors, []);
  const tables = new Set(result.records.map((record) => record.table));
  assert.deepEqual([...tables].sort(), ["CommonSecurityLog", "Syslog"]);
  for (const record of result.records) assert.deepEqual(rowProblems(record), []);
  const notCef = result.records.find((record) => String(record.row.SyslogMessage).startsWith("CEF:0|only"));
  assert.ok(notCef, "malformed CEF on the syslog port is kept as a Syslog row");
});
