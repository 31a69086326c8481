import assert from "node:assert/strict";
import { salvageEnvelope } from "./salvage_envelope.ts";
import { awsCloudTrailConnector } from "../aws_cloudtrail/mod.ts";
import { entraSigninConnector } from "../entra_signin/mod.ts";

Deno.test("salvageEnvelope keeps the records before a truncation", () => {
  const result = salvageEnvelope('{"records":[{"a":1}, {"a":[2]} ,{"a":', ["records"]);
  assert.deepEqual(result?.records.map((record) => record.value), [{ a: 1 }, { a: [2] }]);
  assert.equal(result?.error.index, 2);
  assert.match(
    result?.error.message ?? "",
    /^Cannot parse JSON body: unexpected end of input.*; 2 records before it were read$/,
  );
});

Deno.test("salvageEnvelope skips other top-level keys and reports trailing garbage after a whole array", () => {
  const result = salvageEnvelope('{"@odata.context":"x","n":{"k":[1]},"value":[{"id":1}]} trailing', [
    "value",
  ]);
  assert.equal(result?.records.length, 1);
  assert.match(
    result?.error.message ?? "",
    /unexpected content after the JSON value at line 1, column 57 \(byte 56\); 1 record before it was read$/,
  );
  assert.equal(salvageEnvelope('[{"a":1},', ["records"]), null);
  assert.equal(salvageEnvelope('{"other":[{"a":1},', ["records"]), null);
});

Deno.test("JSON connectors map the records of a truncated file and reject its tail", () => {
  const file = Deno.readTextFileSync(new URL("../aws_cloudtrail/testdata/log_file.json", import.meta.url));
  const truncated = file.slice(0, file.indexOf("PutBucketPolicy"));
  const result = awsCloudTrailConnector.parse(new TextEncoder().encode(truncated), {
    receivedAt: new Date(),
  });
  assert.equal(result.records.length, 1);
  assert.equal(result.records[0].row.EventName, "CreateAccessKey");
  assert.deepEqual(result.errors.map((error) => error.index), [1]);
  const graph =
    '{"@odata.context":"x","value":[{"id":"1","createdDateTime":"2024-01-01T00:00:00Z"},{"id":"2","createdDa';
  const signins = entraSigninConnector.parse(new TextEncoder().encode(graph), { receivedAt: new Date() });
  assert.equal(signins.records.length, 1);
  assert.equal(signins.errors[0].index, 1);
});
