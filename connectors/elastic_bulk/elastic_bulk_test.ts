import assert from "node:assert/strict";
import { bulkRequestErrorResponse, bulkResponse, bulkToRecords, parseBulk, tableForIndex } from "./mod.ts";

const context = { receivedAt: new Date("2024-03-01T00:00:00Z") };

const FILEBEAT = [
  '{"create":{"_index":"filebeat-8.12.0-2024.03.01"}}',
  '{"@timestamp":"2024-03-01T10:00:00.123Z","message":"Accepted password for alice","host":{"name":"web01"},"log":{"file":{"path":"/var/log/auth.log"}},"agent":{"type":"filebeat"}}',
  '{"index":{"_index":"App_CL","_id":"abc"}}',
  '{"user":"bob","count":2}',
  '{"index":{}}',
  '{"message":"default index"}',
  '{"create":{"_index":"filebeat-8.12.0"}}',
  '{"message": broken}',
  '{"delete":{"_index":"x","_id":"1"}}',
  "",
].join("\n");

Deno.test("parseBulk reads action/document pairs and fails bad items only", () => {
  const parsed = parseBulk(FILEBEAT, { defaultIndex: "rsyslog" });
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.operations.map((op) => [op.position, op.line, op.action, op.index, op.id]), [
    [0, 0, "create", "filebeat-8.12.0-2024.03.01", null],
    [1, 2, "index", "App_CL", "abc"],
    [2, 4, "index", "rsyslog", null],
    [3, 6, "create", "filebeat-8.12.0", null],
    [4, 8, "delete", "x", "1"],
  ]);
  assert.equal(parsed.operations[3].error?.type, "mapper_parsing_exception");
  assert.match(parsed.operations[4].error?.reason ?? "", /append-only/);
});

Deno.test("parseBulk refuses a request with a malformed action line", () => {
  const parsed = parseBulk('{"index":{}}\n{"a":1}\n{"upsert":{}}\n{"a":2}\n');
  assert.equal(parsed.ok, false);
  if (!parsed.ok) {
    assert.equal(parsed.error.line, 2);
    assert.equal(bulkRequestErrorResponse(parsed.error).status, 400);
  }
  assert.equal(parseBulk('{"index":{}}').ok, false, "a document line is required");
});

Deno.test("bulkToRecords maps documents to per-index tables and bulkResponse answers per item", () => {
  const parsed = parseBulk(FILEBEAT, { defaultIndex: "rsyslog" });
  assert.ok(parsed.ok);
  const result = bulkToRecords(parsed.operations, { context });
  assert.deepEqual(result.records.map((record) => record.table), ["filebeat_CL", "App_CL", "rsyslog_CL"]);
  const filebeat = result.records[0].row;
  assert.equal(filebeat.TimeGenerated, "2024-03-01T10:00:00.123Z");
  assert.deepEqual(filebeat.host, { name: "web01" });
  assert.deepEqual(result.errors.map((error) => error.index), [3, 4]);
  const failures = new Map(result.errors.map((error) => [error.index, { reason: error.message }]));
  const response = bulkResponse(parsed.operations, {
    took: 5,
    failures,
    idFor: (op) => `gen-${op.position}`,
  });
  assert.equal(response.errors, true);
  assert.deepEqual(response.items[0], {
    create: {
      _index: "filebeat-8.12.0-2024.03.01",
      _id: "gen-0",
      _version: 1,
      result: "created",
      _shards: { total: 1, successful: 1, failed: 0 },
      _seq_no: 0,
      _primary_term: 1,
      status: 201,
    },
  });
  assert.deepEqual((response.items[3] as Record<string, Record<string, unknown>>).create.status, 400);
});

Deno.test("tableForIndex keeps table names and cleans index names", () => {
  assert.equal(tableForIndex("Syslog"), "Syslog");
  assert.equal(tableForIndex("MyApp_CL"), "MyApp_CL");
  assert.equal(tableForIndex("filebeat-8.12.0-2024.03.01"), "filebeat_CL");
  assert.equal(tableForIndex("logs-nginx.access-default"), "logs_nginx_access_default_CL");
  assert.equal(tableForIndex("2024"), "elastic_CL");
});
