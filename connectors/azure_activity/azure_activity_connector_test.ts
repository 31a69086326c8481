import assert from "node:assert/strict";
import { azureActivityConnector } from "./azure_activity_connector.ts";

const receivedAt = new Date("2024-03-12T12:00:00Z");
const read = (name: string) => Deno.readFileSync(new URL(`./testdata/${name}`, import.meta.url));

Deno.test("azureActivityConnector maps Event Hub export records like Sentinel's AzureActivity", () => {
  const result = azureActivityConnector.parse(read("event_hub_records.json"), { receivedAt });
  const row = result.records[0].row;
  assert.equal(row.TimeGenerated, "2024-03-12T10:15:30.123456Z");
  assert.equal(row.OperationNameValue, "MICROSOFT.COMPUTE/VIRTUALMACHINES/DELETE");
  assert.deepEqual([row.CategoryValue, row.ActivityStatusValue, row.ActivitySubstatusValue], [
    "Administrative",
    "Success",
    "OK",
  ]);
  assert.equal(row.Caller, "ops@contoso.com");
  assert.equal(row.CallerIpAddress, "203.0.113.44");
  assert.deepEqual([row.SubscriptionId, row.ResourceGroup, row.ResourceProviderValue], [
    "11111111-2222-3333-4444-555555555555",
    "PROD-RG",
    "MICROSOFT.COMPUTE",
  ]);
  assert.equal(typeof row.Authorization, "string");
  assert.equal(
    (row.Authorization_d as { action: string }).action,
    "Microsoft.Compute/virtualMachines/delete",
  );
  assert.equal(typeof row.Properties, "string");
  assert.equal((row.Properties_d as { statusCode: string }).statusCode, "OK");
  assert.equal(row.Hierarchy, "72f988bf/11111111-2222-3333-4444-555555555555");
  assert.deepEqual(result.errors.map((error) => [error.index, error.message]), [
    [1, 'Invalid Azure Activity record: "operationName" is missing'],
  ]);
});

Deno.test("azureActivityConnector maps the REST API shape with localized values", () => {
  const row = azureActivityConnector.parse(read("rest_api_events.json"), { receivedAt }).records[0].row;
  assert.equal(row.TimeGenerated, "2024-03-12T11:00:00.500Z");
  assert.equal(row.OperationNameValue, "Microsoft.Authorization/roleAssignments/write");
  assert.equal(row.OperationName, "Create role assignment");
  assert.deepEqual([row.ActivityStatusValue, row.ActivitySubstatusValue], ["Succeeded", "Created"]);
  assert.equal(row.Caller, "admin@contoso.com");
  assert.equal(row.CallerIpAddress, "198.51.100.7");
  assert.equal(row.ResourceProviderValue, "MICROSOFT.AUTHORIZATION");
  assert.equal(row.EventSubmissionTimestamp, "2024-03-12T11:00:20.000Z");
});
