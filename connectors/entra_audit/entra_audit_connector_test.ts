import assert from "node:assert/strict";
import { entraAuditConnector } from "./entra_audit_connector.ts";

const receivedAt = new Date("2024-03-11T00:00:00Z");
const read = (name: string) => Deno.readFileSync(new URL(`./testdata/${name}`, import.meta.url));

Deno.test("entraAuditConnector maps Graph directoryAudit objects to AuditLogs", () => {
  const result = entraAuditConnector.parse(read("audits.json"), { receivedAt });
  assert.equal(result.errors.length, 0);
  const row = result.records[0].row;
  assert.equal(result.records[0].table, "AuditLogs");
  assert.equal(row.TimeGenerated, "2024-03-10T14:02:11.500Z");
  assert.equal(row.OperationName, "Add member to role");
  assert.equal(row.ActivityDisplayName, "Add member to role");
  assert.equal(row.AADOperationType, "Assign");
  assert.equal(row.Result, "success");
  assert.equal(row.Identity, "admin@contoso.com");
  assert.equal((row.InitiatedBy as { user: { ipAddress: string } }).user.ipAddress, "198.51.100.23");
  assert.equal(
    (row.TargetResources as { userPrincipalName: string }[])[0].userPrincipalName,
    "mallory@contoso.com",
  );
  assert.equal(row.ActivityDateTime, "2024-03-10T14:02:11.500Z");
});

Deno.test("entraAuditConnector maps diagnostic export records and rejects incomplete ones", () => {
  const result = entraAuditConnector.parse(read("audit_export.ndjson"), { receivedAt });
  const row = result.records[0].row;
  assert.equal(row.Category, "ApplicationManagement");
  assert.equal(row.Identity, "Azure Portal");
  assert.equal(row.AADTenantId, "72f988bf-86f1-41af-91ab-2d7cd011db47");
  assert.equal(row.Level, "4");
  assert.deepEqual(row.AdditionalDetails, [{ key: "User-Agent", value: "Mozilla/5.0" }]);
  assert.deepEqual(result.errors.map((error) => [error.index, error.message]), [
    [1, 'Invalid Entra audit export record: "properties.activityDisplayName" is missing'],
  ]);
});
