import assert from "node:assert/strict";
import { office365Connector } from "./office365_connector.ts";

const receivedAt = new Date("2024-03-05T17:00:00Z");
const body = Deno.readFileSync(new URL("./testdata/content_blob.json", import.meta.url));
const result = office365Connector.parse(body, { receivedAt });
const [file, inbox, teams] = result.records.map((record) => record.row);

Deno.test("office365Connector maps SharePoint/OneDrive records", () => {
  assert.equal(file.TimeGenerated, "2024-03-05T16:11:58.000Z");
  assert.deepEqual([file.RecordType, file.UserType, file.OfficeWorkload], [
    "SharePointFileOperation",
    "Regular",
    "OneDrive",
  ]);
  assert.equal(file.OfficeId, "80c76bd2-9d81-4c57-a97a-accfc3443dca");
  assert.equal(
    file.OfficeObjectId,
    "https://contoso-my.sharepoint.com/personal/alice_contoso_com/Documents/payroll.xlsx",
  );
  assert.equal(file.Site_Url, "https://contoso-my.sharepoint.com/personal/alice_contoso_com/");
  assert.deepEqual([file.SourceFileName, file.SourceFileExtension, file.ClientIP], [
    "payroll.xlsx",
    "xlsx",
    "203.0.113.81",
  ]);
});

Deno.test("office365Connector maps Exchange admin records with Parameters as JSON text", () => {
  assert.deepEqual([inbox.RecordType, inbox.UserType, inbox.Operation], [
    "ExchangeAdmin",
    "Admin",
    "New-InboxRule",
  ]);
  assert.match(String(inbox.Parameters), /attacker@example\.net/);
  assert.deepEqual([inbox.ExternalAccess, inbox.OrganizationName], ["false", "contoso.onmicrosoft.com"]);
});

Deno.test("office365Connector maps Teams records and rejects records without Id", () => {
  assert.deepEqual([teams.RecordType, teams.TeamName], ["MicrosoftTeams", "Finance"]);
  assert.deepEqual(teams.Members, [{ UPN: "eve@example.net", Role: 1 }]);
  assert.deepEqual(result.errors.map((error) => [error.index, error.message]), [
    [3, 'Invalid Office 365 audit record: "Id" is missing'],
  ]);
});
