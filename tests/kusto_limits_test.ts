/**
 * Query limits over every query door of a real `siem start`, read with Microsoft's Kusto clients (JS
 * `azure-kusto-data`, Python `azure-kusto-data` from Debian) and plain HTTP: a result over the truncation limit answers its first rows and reports the
 * truncation as each protocol does (Kusto v2/v1: a partial query failure E_QUERY_RESULT_SET_TOO_LARGE; Log
 * Analytics: a PartialError; our API: `truncated: true`); `set notruncation;`, `set truncationmaxrecords`, the
 * request properties `truncationmaxrecords` / `notruncation` / `servertimeout` move the limits within the
 * server's ceilings. Management `.show` commands work with a reader token; commands that change functions need
 * write rights. Small limits (SIEM_QUERY_MAX_ROWS=5, SIEM_QUERY_ROW_LIMIT=20) keep it fast.
 */
import assert from "node:assert/strict";
import { Client, ClientRequestProperties, KustoConnectionStringBuilder } from "azure-kusto-data";
import { startSiemProcess } from "./harness/siem_process.ts";

type Frame = { FrameType: string; TableKind?: string; Rows?: unknown[][]; [k: string]: unknown };

Deno.test("query limits: truncation flagged per protocol, request properties, read-only management", async (t) => {
  await using siem = await startSiemProcess({
    env: { SIEM_SYSLOG_PORT: "off", SIEM_QUERY_MAX_ROWS: "5", SIEM_QUERY_ROW_LIMIT: "20" },
  });
  const ingest = await siem.api("/api/v1/ingest/Syslog", {
    method: "POST",
    body: Array.from({ length: 10 }, (_, i) => JSON.stringify({ SyslogMessage: `m${i}` })).join("\n"),
  });
  assert.equal((await ingest.json()).accepted, 10);
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await siem.api(path, { method: "POST", body: JSON.stringify(body), headers });
    return { status: res.status, body: await res.json() };
  };
  const client = new Client(KustoConnectionStringBuilder.withAccessToken(siem.httpUrl, siem.token));
  const rowsOf = async (csl: string, props?: ClientRequestProperties) =>
    [...(await client.execute("siem", csl, props)).primaryResults[0].rows()].map((r) => r.getValueAt(0));
  try {
    await t.step("our API and Log Analytics", async () => {
      const ours = await post("/api/v1/query", {
        query: "Syslog | sort by SyslogMessage asc | project SyslogMessage",
      });
      assert.equal(ours.status, 200);
      assert.deepEqual(ours.body.rows, [["m0"], ["m1"], ["m2"], ["m3"], ["m4"]]);
      assert.equal(ours.body.truncated, true);
      const small = await post("/api/v1/query", { query: "Syslog | take 3" });
      assert.equal(small.body.rows.length, 3);
      assert.equal("truncated" in small.body, false);
      const all = await post("/api/v1/query", { query: "set notruncation;\nSyslog" });
      assert.equal(all.body.rows.length, 10);
      assert.equal("truncated" in all.body, false);
      const ceiling = await post("/api/v1/query", {
        query: "set notruncation;\nrange i from 1 to 100000000 step 1",
      });
      assert.equal(ceiling.body.rows.length, 20);
      assert.equal(ceiling.body.truncated, true);

      const la = await post("/v1/workspaces/any/query", { query: "Syslog", timespan: "P1D" });
      assert.equal(la.status, 200);
      assert.equal(la.body.tables[0].rows.length, 5);
      assert.equal(la.body.error.code, "PartialError");
      assert.equal(la.body.error.details[0].innererror.code, "E_QUERY_RESULT_SET_TOO_LARGE");
      const laAll = await post("/v1/workspaces/any/query", { query: "Syslog | take 5" });
      assert.equal(laAll.body.error, undefined);
    });

    await t.step("Kusto v2 and v1 frames of a truncated result", async () => {
      const v2 = await post("/v2/rest/query", { db: "siem", csl: "Syslog" }, {
        "x-ms-client-request-id": "t;1",
      });
      assert.equal(v2.status, 200);
      const frames = v2.body as Frame[];
      // The rows, then (as Kusto does by default) the failure as a property bag where a row would be.
      const rows = frames.find((f) => f.TableKind === "PrimaryResult")!.Rows!;
      assert.equal(rows.length, 6);
      assert.match(JSON.stringify(rows[5]), /^\{"OneApiErrors":\[\{"error":.*E_QUERY_RESULT_SET_TOO_LARGE/);
      const status = frames.find((f) => f.TableKind === "QueryCompletionInformation")!;
      assert.equal(status.Rows![0][1], "t;1");
      assert.equal(status.Rows![0][5], 2); // Level: Error
      const done = frames.at(-1)!;
      assert.equal(done.FrameType, "DataSetCompletion");
      assert.equal(done.HasErrors, true);
      const error = (done.OneApiErrors as { error: Record<string, string> }[])[0].error;
      assert.equal(
        error["@type"],
        "Kusto.Data.Exceptions.KustoServicePartialQueryFailureLimitsExceededException",
      );
      assert.match(
        error["@message"],
        /E_QUERY_RESULT_SET_TOO_LARGE.*more than 5 records|more than 5 records.*E_QUERY/,
      );
      const deferred = await post("/v2/rest/query", {
        db: "siem",
        csl: "Syslog",
        properties: JSON.stringify({ Options: { deferpartialqueryfailures: true } }),
      });
      const kept = (deferred.body as Frame[]).find((f) => f.TableKind === "PrimaryResult")!.Rows!;
      assert.equal(kept.length, 5);
      assert.equal((deferred.body as Frame[]).at(-1)!.HasErrors, true);
      const v1 = await post("/v1/rest/query", { db: "siem", csl: "Syslog" });
      assert.equal(v1.body.Tables[0].Rows.length, 5);
      assert.equal(v1.body.Tables.length, 4); // data, properties, status, table of contents
    });

    await t.step("the JS client sees the partial failure and the request properties", async () => {
      // As against Kusto: the client raises a partial query failure as an error.
      await assert.rejects(() => client.execute("siem", "Syslog"), /E_QUERY_RESULT_SET_TOO_LARGE/);
      // v1: this client reads the rows and the QueryStatus table (it raises only v2's failures).
      const v1 = await client.executeQueryV1("siem", "Syslog");
      assert.equal([...v1.primaryResults[0].rows()].length, 5);
      const status = v1.tables.find((table) => table.kind === "QueryCompletionInformation");
      assert.equal([...status!.rows()][0].getValueAt(1), 2); // Severity: Error
      assert.equal((await rowsOf("set notruncation;\nSyslog")).length, 10);
      assert.equal((await rowsOf("set truncationmaxrecords = 10;\nSyslog")).length, 10);
      const records = new ClientRequestProperties();
      records.setOption("truncationmaxrecords", 12);
      assert.equal((await rowsOf("Syslog", records)).length, 10);
      const none = new ClientRequestProperties();
      none.setOption("notruncation", true);
      assert.equal((await rowsOf("Syslog", none)).length, 10);
      // The query's own set statement wins over the request's property.
      await assert.rejects(
        () => client.execute("siem", "set truncationmaxrecords = 3;\nSyslog", none),
        /more than 3/,
      );
      // servertimeout: the client sends it as a timespan ("00:00:00.001"); the server stops the query.
      const hurried = new ClientRequestProperties();
      hurried.setTimeout(1);
      hurried.setClientTimeout(30_000);
      await assert.rejects(() => client.execute("siem", "Syslog | count", hurried), (error: unknown) => {
        const response =
          (error as { response?: { status: number; data: { error: { code: string } } } }).response;
        assert.equal(response?.status, 504);
        assert.equal(response?.data.error.code, "timeout");
        return true;
      });
    });

    await t.step(
      "the Python client (Debian python3-azure-kusto-data) raises it, or keeps the rows when deferred",
      async () => {
        const script = `
import json, sys
from azure.kusto.data import KustoClient, KustoConnectionStringBuilder, ClientRequestProperties
from azure.kusto.data.exceptions import KustoMultiApiError
client = KustoClient(KustoConnectionStringBuilder.with_token_provider(sys.argv[1], lambda: sys.argv[2]))
try:
    client.execute("siem", "Syslog")
    print(json.dumps("no error"))
except KustoMultiApiError as e:
    print(json.dumps(str(e)))
props = ClientRequestProperties()
props.set_option("deferpartialqueryfailures", True)
print(json.dumps(len(client.execute("siem", "Syslog", props).primary_results[0])))
print(json.dumps(len(client.execute("siem", "set notruncation; Syslog").primary_results[0])))
`;
        const out = await new Deno.Command("/usr/bin/python3", {
          args: ["-c", script, siem.httpUrl, siem.token],
          stdout: "piped",
          stderr: "piped",
        }).output();
        assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
        const [error, deferred, all] = new TextDecoder().decode(out.stdout).trim().split("\n").map((l) =>
          JSON.parse(l)
        );
        assert.match(error, /E_QUERY_RESULT_SET_TOO_LARGE/);
        assert.deepEqual([deferred, all], [5, 10]);
      },
    );

    await t.step("management: .show with a reader token, changes need write rights", async () => {
      const reader = await (await siem.api("/api/v1/tokens", {
        method: "POST",
        body: JSON.stringify({ name: "notebook", role: "reader" }),
      })).json();
      const asReader = new Client(KustoConnectionStringBuilder.withAccessToken(siem.httpUrl, reader.token));
      try {
        const tables = await asReader.execute("siem", ".show tables");
        assert.ok([...tables.primaryResults[0].rows()].some((r) => r.getValueAt(0) === "Syslog"));
        const schema = await asReader.execute("siem", ".show table Syslog schema as json");
        assert.match(String([...schema.primaryResults[0].rows()][0].getValueAt(1)), /SyslogMessage/);
        await asReader.execute("siem", ".show database schema");
        await asReader.execute("siem", ".show functions");
        const create = ".create-or-alter function Recent() { Syslog | take 1 }";
        await assert.rejects(() => asReader.execute("siem", create), (error: unknown) => {
          const response = (error as { response?: { status: number; data: { error: { code: string } } } })
            .response;
          assert.equal(response?.status, 403);
          assert.equal(response?.data.error.code, "Forbidden");
          return true;
        });
        await client.execute("siem", create);
        const shown = await asReader.execute("siem", ".show function Recent");
        assert.equal([...shown.primaryResults[0].rows()][0].getValueAt(0), "Recent");
        await assert.rejects(() => asReader.execute("siem", ".drop function Recent"), /403/);
        await client.execute("siem", ".drop function Recent");
      } finally {
        asReader.close();
      }
    });
  } finally {
    client.close();
  }
});
