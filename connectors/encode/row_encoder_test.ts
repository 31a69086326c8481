import assert from "node:assert/strict";
import { type EncodeReport, encodeValue, RowEncoder } from "./row_encoder.ts";

Deno.test("RowEncoder types values by the catalog and reports what it leaves out", () => {
  const encoder = RowEncoder.forTable("SigninLogs");
  const report: EncodeReport = { unknown: [], mistyped: [] };
  const row = encoder.encode({
    TimeGenerated: "2024-03-01T10:00:00+01:00",
    DurationMs: "120",
    IsInteractive: "true",
    Status: '{"errorCode":0}',
    AuthenticationDetails: [{ method: "Password" }],
    Bogus: 1,
    FlaggedForReview: "maybe",
    UserDisplayName: "",
  }, report);
  assert.deepEqual(row, {
    TimeGenerated: "2024-03-01T09:00:00.000Z",
    DurationMs: 120,
    IsInteractive: true,
    Status: { errorCode: 0 },
    AuthenticationDetails: '[{"method":"Password"}]',
  });
  assert.deepEqual(report, { unknown: ["Bogus"], mistyped: ["FlaggedForReview"] });
});

Deno.test("RowEncoder.forTable refuses a table the catalog lacks", () => {
  assert.throws(() => RowEncoder.forTable("NoSuchTable"), /no table "NoSuchTable" in the catalog/);
});

Deno.test("encodeValue handles guid and timespan columns", () => {
  assert.equal(
    encodeValue("guid", "{6F9619FF-8B86-D011-B42D-00C04FC964FF}"),
    "6f9619ff-8b86-d011-b42d-00c04fc964ff",
  );
  assert.equal(encodeValue("guid", "nope"), null);
  assert.equal(encodeValue("timespan", "1.02:03:04.5"), "1.02:03:04.5");
  assert.equal(encodeValue("timespan", "soon"), null);
  assert.equal(encodeValue("long", 2 ** 60), null);
});
