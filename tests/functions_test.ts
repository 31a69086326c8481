/**
 * Stored functions end to end against a real `siem start`: a SIEM_FUNCTIONS_DIR with a `.kql` body, a Sentinel
 * parser YAML and a broken file; the functions API; the Kusto management commands; a rule that calls a function
 * raises alerts, and editing the function changes what the running rule finds.
 */
import assert from "node:assert/strict";
import { Client, KustoConnectionStringBuilder } from "azure-kusto-data";
import { startSiemProcess } from "./harness/siem_process.ts";
import { waitFor } from "./harness/nats.ts";

const PARSER_YAML = `Parser:
  Title: Failed logons of one account
ParserName: vimFailedLogons
EquivalentBuiltInParser: _Im_FailedLogons
ParserParams:
  - Name: account
    Type: string
    Default: '*'
ParserQuery: |
  FailedLogons
  | where account == '*' or TargetAccount == account
  | project TimeGenerated, TargetAccount, Computer
`;

const RULE_ID = "7a1e2d3c-0011-4a5b-9c8d-000000000011";
const RULE = `id: ${RULE_ID}
name: Failed logons through a stored function
description: Uses a function from SIEM_FUNCTIONS_DIR and one from the API.
severity: Low
kind: Scheduled
queryFrequency: 2s
queryPeriod: 1m
triggerOperator: gt
triggerThreshold: 0
query: |
  Suspects
  | summarize Failures = count() by TargetAccount
version: 1
`;

/** A management command through Microsoft's JS Kusto client: rows, or the OneApiError it got. */
async function mgmt(
  client: Client,
  csl: string,
): Promise<{ rows: unknown[][] } | { status: number; message: string }> {
  try {
    const result = await client.execute("siem", csl);
    return {
      rows: [...result.primaryResults[0].rows()].map((r) => r.toJSON<Record<string, unknown>>()).map(
        Object.values,
      ),
    };
  } catch (error) {
    const response =
      (error as { response?: { status: number; data: { error: { message: string } } } }).response;
    if (!response) throw error;
    return { status: response.status, message: response.data.error.message };
  }
}

Deno.test("stored functions: folder, API, Kusto commands and a running rule", async () => {
  const functionsDir = await Deno.makeTempDir({ prefix: "siem-functions-" });
  try {
    await Deno.writeTextFile(`${functionsDir}/FailedLogons.kql`, "SecurityEvent\n| where EventID == 4625\n");
    await Deno.writeTextFile(`${functionsDir}/vimFailedLogons.yaml`, PARSER_YAML);
    await Deno.writeTextFile(`${functionsDir}/Broken.kql`, "SecurityEvent\n| where NoSuchColumn == 1\n");
    await using siem = await startSiemProcess({
      env: { SIEM_SYSLOG_PORT: "off", SIEM_FUNCTIONS_DIR: functionsDir },
    });

    // The folder: both good files loaded (the YAML also under its built-in name), the broken one refused.
    const listed = await (await siem.api("/api/v1/functions")).json();
    const names = listed.items.map((f: { name: string }) => f.name).sort();
    assert.deepEqual(names, ["FailedLogons", "_Im_FailedLogons", "vimFailedLogons"]);
    const parser = listed.items.find((f: { name: string }) => f.name === "vimFailedLogons");
    assert.deepEqual(parser.parameters, [{ name: "account", type: "string", default: "'*'" }]);
    assert.equal(parser.origin, "file:vimFailedLogons.yaml");
    assert.match(
      siem.stderr(),
      /Function refused.*Broken\.kql.*"line":2,"column":9.*Unknown column 'NoSuchColumn'/,
    );

    // The API: a function calling a folder function, with a default; a bad one refused at its own position.
    const put = await siem.api("/api/v1/functions/Suspects", {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ parameters: "who:string = 'alice'", body: "vimFailedLogons(who)" }),
    });
    assert.equal(put.status, 201, await put.clone().text());
    const bad = await siem.api("/api/v1/functions/Bad", {
      method: "PUT",
      headers: { "Content-Type": "text/plain" },
      body: "Bad(n:long) {\n  FailedLogons\n  | take n\n  | extend x = nope\n}",
    });
    assert.equal(bad.status, 400);
    const refused = await bad.json();
    assert.equal(refused.error.code, "invalid_function");
    assert.deepEqual(refused.error.problems, [{
      message: "In function 'Bad' (line 3, column 16): Unknown column 'nope'",
      function: "Bad",
      line: 3,
      column: 16,
    }]);

    // The Kusto management commands, from Microsoft's own client.
    const client = new Client(KustoConnectionStringBuilder.withAccessToken(siem.httpUrl, siem.token));
    try {
      const created = await mgmt(
        client,
        ".create-or-alter function with (folder='Tests', docstring='Top n') TopFailures(n:long = 1) { FailedLogons | take n }",
      );
      assert.ok("rows" in created, JSON.stringify(created));
      assert.deepEqual(created.rows[0].slice(0, 2), ["TopFailures", "(n:long = 1)"]);
      const shown = await mgmt(client, ".show function TopFailures");
      assert.ok("rows" in shown && shown.rows[0][3] === "Tests");
      const all = await mgmt(client, ".show functions");
      assert.ok("rows" in all && all.rows.some((r) => r[0] === "Suspects"));
      const broken = await mgmt(client, ".create function Nope() { NoSuchTable }");
      assert.ok("status" in broken && broken.status === 400);
      assert.match(broken.message, /^In function 'Nope' \(line 1, column 1\): Unknown table/);
      const dropped = await mgmt(client, ".drop function TopFailures");
      assert.ok("rows" in dropped, JSON.stringify(dropped));
      const gone = await mgmt(client, ".show function TopFailures");
      assert.ok("status" in gone && gone.status === 404);
    } finally {
      client.close();
    }

    // Hunting calls them too, bare and with arguments.
    const hunt = async (query: string) =>
      await (await siem.api("/api/v1/query", { method: "POST", body: JSON.stringify({ query }) })).json();
    const now = Date.now();
    const events = ["alice", "alice", "bob"].map((account, i) => ({
      TimeGenerated: new Date(now - 1000 + i).toISOString(),
      EventID: 4625,
      TargetAccount: account,
      Computer: "dc1",
    }));
    const ingest = await siem.api("/api/v1/ingest/SecurityEvent", {
      method: "POST",
      body: JSON.stringify(events),
    });
    assert.equal(ingest.status, 200);
    assert.deepEqual((await hunt("Suspects | count")).rows, [[2]]);
    assert.deepEqual((await hunt("Suspects('bob') | count")).rows, [[1]]);
    assert.deepEqual((await hunt("_Im_FailedLogons | count")).rows, [[3]]);

    // A rule over a function fires; editing the function changes what the running rule finds.
    const rule = await siem.api(`/api/v1/rules/${RULE_ID}`, { method: "PUT", body: RULE });
    assert.ok(rule.status === 201 || rule.status === 200, await rule.clone().text());
    const alertsFor = async () =>
      (await (await siem.api(`/api/v1/alerts?ruleId=${RULE_ID}&limit=1000`)).json()).alerts as unknown[];
    const fired = await waitFor(async () => (await alertsFor()).length > 0, 45_000);
    // On failure, say what detection was doing: its health and the warnings it logged.
    const health = fired ? "" : JSON.stringify(await (await siem.api("/api/v1/health")).json());
    assert.ok(
      fired,
      `no alert from the rule: ${health} ${
        siem.stderr().split("\n").filter((l) => l.includes('"warn"')).join(" ")
      }`,
    );
    assert.ok(!JSON.stringify(await alertsFor()).includes("bob"));
    const edit = await siem.api("/api/v1/functions/Suspects", {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ parameters: "who:string = 'bob'", body: "vimFailedLogons(who)" }),
    });
    assert.equal(edit.status, 200);
    assert.ok(
      await waitFor(async () => JSON.stringify(await alertsFor()).includes("bob"), 45_000),
      "the edited function did not reach the rule",
    );
  } finally {
    await Deno.remove(functionsDir, { recursive: true }).catch(() => {});
  }
});
