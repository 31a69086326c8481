/**
 * The built-in ASIM parsers over rows the normalizers made of the connectors' own fixtures: the ingest-time and
 * query-time halves of ASIM agree (every schema field a parser filters on or aliases is filled in).
 */
import assert from "node:assert/strict";
import { Catalog } from "../../query/symbols/mod.ts";
import { runQuery, type Table, toRestValue } from "../../query/eval/mod.ts";
import { rowDecoder } from "../../query/values/mod.ts";
import { ASIM_FUNCTIONS } from "../../query/symbols/asim/mod.ts";
import { CONNECTORS } from "../registry.ts";
import type { ParsedRecord, Row } from "../connector.ts";
import { normalizeRow } from "./mod.ts";

const receivedAt = new Date("2024-03-01T12:00:00Z");
const catalog = Catalog.builtin();

function connectorRecords(name: string, body: string): ParsedRecord[] {
  const connector = CONNECTORS.find((c) => c.name === name)!;
  return connector.parse(new TextEncoder().encode(body), { receivedAt }).records;
}

/** The ASim tables, as the evaluator takes them, of these source records. */
function asimTables(records: readonly ParsedRecord[]): Map<string, Table> {
  const byTable = new Map<string, Row[]>();
  for (const record of records.flatMap((r) => normalizeRow(r.table, r.row))) {
    byTable.set(record.table, [...byTable.get(record.table) ?? [], record.row]);
  }
  return new Map([...byTable].map(([name, rows]) => {
    const columns = catalog.get(name)!.columns;
    const decode = rowDecoder(columns);
    return [name, { columns, rows: rows.map((row) => decode(row)) }];
  }));
}

function run(query: string, tables: Map<string, Table>): Record<string, unknown>[] {
  const result = runQuery(query, { tables, catalog, now: Date.parse("2024-03-01T13:00:00Z") * 1000 });
  assert.deepEqual(result.diagnostics, [], query);
  return result.rows.map((row) =>
    Object.fromEntries(result.columns.map((c, i) => [c.name, toRestValue(row[i], c.type)]))
  );
}

const WINDOWS_FAILURES = ["bob", "bob", "alice"].map((user, i) =>
  JSON.stringify({
    EventID: 4625,
    TimeCreated: `2024-03-01T12:0${i}:00Z`,
    Computer: "dc01.contoso.com",
    TargetUserName: user,
    TargetDomainName: "CONTOSO",
    IpAddress: "198.51.100.7",
    LogonType: "3",
    SubStatus: "0xc000006a",
  })
).join("\n");

const ENTRA_FAILURE = JSON.stringify({
  id: "a1",
  createdDateTime: "2024-03-01T12:03:00Z",
  userPrincipalName: "bob@contoso.com",
  ipAddress: "203.0.113.9",
  appDisplayName: "Azure Portal",
  isInteractive: true,
  status: { errorCode: 50126, failureReason: "Invalid username or password" },
});

Deno.test("imAuthentication counts failed logons from Windows and Entra alike", () => {
  const tables = asimTables([
    ...connectorRecords("windows-security", WINDOWS_FAILURES),
    ...connectorRecords("entra-signin", ENTRA_FAILURE),
  ]);
  const rows = run(
    `imAuthentication | where EventResult == "Failure"
     | summarize n = count() by EventProduct, User | order by EventProduct asc, User asc`,
    tables,
  );
  assert.deepEqual(rows, [
    { EventProduct: "AAD", User: "bob@contoso.com", n: 1 },
    { EventProduct: "Security Events", User: "CONTOSO\\alice", n: 1 },
    { EventProduct: "Security Events", User: "CONTOSO\\bob", n: 2 },
  ]);
});

Deno.test("imAuthentication filtering parameters: user, time, address prefix, result details", () => {
  const tables = asimTables([
    ...connectorRecords("windows-security", WINDOWS_FAILURES),
    ...connectorRecords("entra-signin", ENTRA_FAILURE),
  ]);
  const count = (call: string) => run(`${call} | count`, tables)[0].Count;
  assert.equal(count("imAuthentication"), 4);
  assert.equal(count("imAuthentication(targetusername_has='bob')"), 3);
  assert.equal(count("_Im_Authentication(starttime=datetime(2024-03-01T12:01:30Z))"), 2);
  assert.equal(count("imAuthentication(srcipaddr_has_any_prefix=dynamic(['198.51.']))"), 3);
  assert.equal(count("ASimAuthentication(eventresultdetails_in=dynamic(['No such user or password']))"), 1);
  assert.equal(count("_ASim_Authentication(eventresult='Success')"), 0);
  assert.equal(count("imAuthentication(disabled=true)"), 0);
});

Deno.test("every parser family runs over its ASim table and computes its aliases", () => {
  const records = [
    ...connectorRecords(
      "windows-security",
      Deno.readTextFileSync(new URL("../windows_security/testdata/events_4624_4688.xml", import.meta.url)),
    ),
    ...connectorRecords(
      "cef",
      "CEF:0|Fortinet|FortiGate|7.0|13|traffic|3|src=10.0.0.5 dst=203.0.113.6 dpt=443 proto=TCP act=deny",
    ),
    ...connectorRecords(
      "aws-cloudtrail",
      JSON.stringify({
        Records: [{
          eventTime: "2024-03-01T12:00:00Z",
          eventName: "StopLogging",
          eventSource: "cloudtrail.amazonaws.com",
          sourceIPAddress: "198.51.100.1",
          userIdentity: { type: "Root", arn: "arn:aws:iam::1:root" },
        }],
      }),
    ),
  ];
  const tables = asimTables(records);
  const processes = run("imProcessCreate | project Process, CommandLine, Dvc", tables);
  assert.ok(processes.length > 0 && processes.every((r) => typeof r.Process === "string" && r.Dvc !== null));
  const sessions = run(
    "_Im_NetworkSession(dstportnumber=443) | project Src, Dst, DvcAction, EventResult",
    tables,
  );
  assert.deepEqual(sessions, [{
    Src: "10.0.0.5",
    Dst: "203.0.113.6",
    DvcAction: "Deny",
    EventResult: "Failure",
  }]);
  const audits = run("imAuditEvent(eventtype_in=dynamic(['Stop'])) | project Operation, IpAddr", tables);
  assert.deepEqual(audits, [{ Operation: "StopLogging", IpAddr: "198.51.100.1" }]);
});

Deno.test("every built-in ASIM function binds, bare and with each of its parameters named", () => {
  for (const fn of ASIM_FUNCTIONS) {
    assert.deepEqual(runQuery(`${fn.name} | take 0`, { catalog }).diagnostics, [], fn.name);
    const named = fn.parameters.map((p) => `${p.name}=${p.default}`).join(", ");
    assert.deepEqual(runQuery(`${fn.name}(${named}) | take 0`, { catalog }).diagnostics, [], fn.name);
  }
  const names = new Set(ASIM_FUNCTIONS.map((fn) => fn.name));
  for (
    const name of [
      "imAuthentication",
      "_Im_Authentication",
      "ASimAuthentication",
      "_ASim_Authentication",
      "imNetworkSession",
      "_Im_NetworkSession",
      "imDns",
      "_Im_Dns",
      "imWebSession",
      "_Im_WebSession",
      "imProcessCreate",
      "_Im_ProcessCreate",
      "imProcessEvent",
      "imFileEvent",
      "_Im_FileEvent",
      "imRegistry",
      "_Im_RegistryEvent",
      "imAuditEvent",
      "_Im_AuditEvent",
      "imUserManagement",
      "_Im_UserManagement",
    ]
  ) assert.ok(names.has(name), name);
});
