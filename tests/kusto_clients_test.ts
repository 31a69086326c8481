/**
 * Microsoft's own Kusto clients against the Kusto REST API of a real `siem start`: the JS `azure-kusto-data`
 * (v2 and v1 queries, management commands) and the Python `azure-kusto-data` (Debian package), reading the same rows.
 */
import assert from "node:assert/strict";
import { Client, KustoConnectionStringBuilder } from "azure-kusto-data";
import { startSiemProcess } from "./harness/siem_process.ts";

const QUERY =
  "SecurityEvent | where EventID == 4625 | summarize Failures = count() by TargetUserName | sort by TargetUserName asc";

async function seed(siem: Awaited<ReturnType<typeof startSiemProcess>>) {
  const rows = [
    { EventID: 4625, TargetUserName: "alice" },
    { EventID: 4625, TargetUserName: "alice" },
    { EventID: 4625, TargetUserName: "bob" },
    { EventID: 4624, TargetUserName: "carol" },
  ];
  const res = await siem.api("/api/v1/ingest/SecurityEvent", {
    method: "POST",
    body: rows.map((r) => JSON.stringify(r)).join("\n"),
  });
  assert.equal((await res.json()).accepted, 4);
}

Deno.test("the JS azure-kusto-data client queries and runs management commands", async () => {
  await using siem = await startSiemProcess({ env: { SIEM_SYSLOG_PORT: "off" } });
  await seed(siem);
  const metadata = await fetch(`${siem.httpUrl}/v1/rest/auth/metadata`);
  assert.equal(metadata.status, 404); // answered without auth, as the clients expect
  await metadata.body?.cancel();
  const client = new Client(KustoConnectionStringBuilder.withAccessToken(siem.httpUrl, siem.token));
  try {
    const v2 = await client.execute("siem", QUERY);
    const table = v2.primaryResults[0];
    assert.deepEqual(table.columns.map((c) => c.name), ["TargetUserName", "Failures"]);
    assert.deepEqual([...table.rows()].map((r) => [r.getValueAt(0), r.getValueAt(1)]), [["alice", 2], [
      "bob",
      1,
    ]]);
    const v1 = await client.executeQueryV1("siem", QUERY);
    assert.deepEqual([...v1.primaryResults[0].rows()].map((r) => r.getValueAt(1)), [2, 1]);
    const tables = await client.execute("siem", ".show tables");
    assert.ok([...tables.primaryResults[0].rows()].some((r) => r.getValueAt(0) === "SecurityEvent"));
    const schema = await client.execute("siem", ".show table SecurityEvent schema as json");
    const json = JSON.parse(String([...schema.primaryResults[0].rows()][0].getValueAt(1)));
    assert.ok(
      json.OrderedColumns.some((c: { Name: string; CslType: string }) =>
        c.Name === "EventID" && c.CslType === "int"
      ),
    );
    // As from Kusto itself: HTTP 400 with a OneApiError body, which the client surfaces on the error's response.
    await assert.rejects(
      () => client.execute("siem", "SecurityEvent | where Nope == 1"),
      (error: unknown) => {
        const body =
          (error as { response?: { status: number; data: { error: Record<string, unknown> } } }).response;
        assert.equal(body?.status, 400);
        assert.match(String(body?.data.error["@message"]), /Nope/);
        assert.deepEqual([body?.data.error.line, body?.data.error.column], [1, 23]);
        return true;
      },
    );
  } finally {
    client.close();
  }
});

Deno.test("the Python azure-kusto-data client (Debian python3-azure-kusto-data) reads the same rows", async () => {
  await using siem = await startSiemProcess({ env: { SIEM_SYSLOG_PORT: "off" } });
  await seed(siem);
  const script = `
import json, sys
from azure.kusto.data import KustoClient, KustoConnectionStringBuilder
kcsb = KustoConnectionStringBuilder.with_token_provider(sys.argv[1], lambda: sys.argv[2])
client = KustoClient(kcsb)
result = client.execute("siem", sys.argv[3])
print(json.dumps([[row[0], row[1]] for row in result.primary_results[0]]))
`;
  // Debian's interpreter, where the Debian package installs the client (not a pyenv or venv python on PATH).
  const out = await new Deno.Command("/usr/bin/python3", {
    args: ["-c", script, siem.httpUrl, siem.token, QUERY],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  assert.deepEqual(JSON.parse(new TextDecoder().decode(out.stdout)), [["alice", 2], ["bob", 1]]);
});
