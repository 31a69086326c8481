import assert from "node:assert/strict";
import { entraSigninConnector } from "./entra_signin_connector.ts";

const receivedAt = new Date("2024-03-14T09:00:00Z");
const read = (name: string) => Deno.readFileSync(new URL(`./testdata/${name}`, import.meta.url));

Deno.test("entraSigninConnector maps Graph signIn objects by interactivity", () => {
  const result = entraSigninConnector.parse(read("graph_signins.json"), { receivedAt });
  assert.deepEqual(result.records.map((record) => record.table), [
    "SigninLogs",
    "AADNonInteractiveUserSignInLogs",
  ]);
  const row = result.records[0].row;
  assert.equal(row.TimeGenerated, "2024-03-13T19:15:41.000Z");
  assert.equal(row.UserPrincipalName, "testaccount1@contoso.com");
  assert.equal(row.IPAddress, "131.107.159.37");
  assert.equal(row.ResultType, "50126");
  assert.equal(row.ResultDescription, "Error validating credentials due to invalid username or password.");
  assert.equal(row.Location, "US");
  assert.equal((row.LocationDetails as Record<string, unknown>).city, "Redmond");
  assert.equal((row.DeviceDetail as Record<string, unknown>).operatingSystem, "Windows 10");
  assert.equal(row.IsInteractive, true);
  assert.equal(row.ResourceIdentity, "00000003-0000-0000-c000-000000000000");
  assert.ok(Array.isArray(row.ConditionalAccessPolicies));
  const nonInteractive = result.records[1].row;
  assert.equal(
    typeof nonInteractive.Status,
    "string",
    "AADNonInteractiveUserSignInLogs.Status is a string column",
  );
  assert.equal(JSON.parse(String(nonInteractive.Status)).errorCode, 0);
  assert.equal(nonInteractive.ResultType, "0");
  assert.deepEqual(result.errors.map((error) => [error.index, error.message]), [
    [2, 'Invalid Entra sign-in: "id" is missing'],
  ]);
});

Deno.test("entraSigninConnector maps diagnostic-settings export records by category", () => {
  const result = entraSigninConnector.parse(read("diagnostic_signins.json"), { receivedAt });
  assert.deepEqual(result.records.map((record) => record.table), [
    "SigninLogs",
    "AADNonInteractiveUserSignInLogs",
  ]);
  const row = result.records[0].row;
  assert.equal(row.TimeGenerated, "2024-03-14T08:01:02.123456Z");
  assert.deepEqual([row.ResultType, row.Identity, row.Location, row.Level], [
    "0",
    "Alice Example",
    "FR",
    "4",
  ]);
  assert.equal(row.AADTenantId, "72f988bf-86f1-41af-91ab-2d7cd011db47");
  assert.equal(row.AuthenticationRequirement, "multiFactorAuthentication");
  assert.deepEqual(row.MfaDetail, { authMethod: "PhoneAppNotification" });
  assert.equal(result.records[1].row.ResultDescription, "Invalid username or password");
  assert.equal(result.errors[0].index, 2);
  assert.equal(result.errors[0].message, 'Unsupported sign-in category "ProvisioningLogs"');
});
