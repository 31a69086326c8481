import assert from "node:assert/strict";
import { parseLogsIngestion, tableForStream } from "./mod.ts";

const context = { receivedAt: new Date("2024-03-01T00:00:00Z") };
const encode = (text: string) => new TextEncoder().encode(text);

Deno.test("parseLogsIngestion infers a new custom table and types the rows", () => {
  const body = JSON.stringify([
    { TimeGenerated: "2024-02-29T23:59:00Z", Computer: "fw01", Action: "deny", Bytes: 1200, Tags: ["edge"] },
    { Computer: "fw02", Action: "allow", Bytes: 1.5, "src.ip": "10.0.0.1" },
    "not an object",
    { TimeGenerated: "soon", Computer: "fw03" },
  ]);
  const result = parseLogsIngestion(encode(body), { stream: "Custom-Firewall_CL", context });
  assert.equal(result.inferred, true);
  assert.deepEqual(result.schema?.columns.map((column) => `${column.name}:${column.type}`), [
    "TimeGenerated:datetime",
    "Computer:string",
    "Action:string",
    "Bytes:real",
    "Tags:dynamic",
    "src_ip:string",
  ]);
  assert.deepEqual(result.records.map((record) => record.row), [
    {
      TimeGenerated: "2024-02-29T23:59:00.000Z",
      Computer: "fw01",
      Action: "deny",
      Bytes: 1200,
      Tags: ["edge"],
    },
    {
      TimeGenerated: "2024-03-01T00:00:00.000Z",
      Computer: "fw02",
      Action: "allow",
      Bytes: 1.5,
      src_ip: "10.0.0.1",
    },
  ]);
  assert.deepEqual(result.errors.map((error) => [error.index, error.message]), [
    [2, "Cannot ingest record: expected a JSON object but got a string"],
    [3, 'Invalid "TimeGenerated": "soon" is not a datetime'],
  ]);
});

Deno.test("parseLogsIngestion types built-in tables by the catalog and warns about dropped fields", () => {
  const body = '[{"Computer":"h","EventID":"4625","Unknown":1,"LogonType":"x"}]';
  const result = parseLogsIngestion(encode(body), { stream: "Microsoft-SecurityEvent", context });
  assert.deepEqual(result.records[0].row, {
    Computer: "h",
    EventID: 4625,
    TimeGenerated: "2024-03-01T00:00:00.000Z",
  });
  assert.deepEqual(result.warnings.map((warning) => warning.message), [
    'Dropped fields not in table "SecurityEvent": Unknown',
    "Dropped values that do not fit their column type: LogonType",
  ]);
});

Deno.test("parseLogsIngestion refuses bad streams and non-array bodies", () => {
  assert.equal(tableForStream("Other-X"), null);
  assert.match(
    parseLogsIngestion(encode("[]"), { stream: "X", context }).errors[0].message,
    /^Invalid stream "X"/,
  );
  assert.equal(
    parseLogsIngestion(encode('{"a":1}'), { stream: "Custom-A_CL", context }).errors[0].message,
    "Cannot parse body: the Logs Ingestion API expects a JSON array",
  );
  const bad = parseLogsIngestion(encode('[{"a":1},]'), { stream: "Custom-A_CL", context });
  assert.match(bad.errors[0].message, /^Cannot parse JSON body: .* at line 1, column 10 \(byte 9\)$/);
  assert.equal(
    parseLogsIngestion(encode('[{"a":1}]'), { stream: "Custom-a-b", context }).errors[0].message,
    "Cannot ingest into table \"a-b\": invalid custom table name 'a-b': it must end in '_CL'",
  );
});
