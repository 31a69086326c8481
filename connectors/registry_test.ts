import assert from "node:assert/strict";
import { CONNECTOR_NAMES, connectorByName } from "./registry.ts";

Deno.test("CONNECTOR_NAMES are exactly the contract's connector names", () => {
  assert.deepEqual(CONNECTOR_NAMES, [
    "syslog",
    "cef",
    "windows-security",
    "entra-signin",
    "entra-audit",
    "azure-activity",
    "aws-cloudtrail",
    "office365",
    "mde",
    "threat-intel",
  ]);
});

Deno.test("connectorByName finds a connector and refuses unknown names", () => {
  assert.equal(connectorByName("mde")?.name, "mde");
  assert.equal(connectorByName("MDE"), undefined);
  assert.equal(connectorByName("constructor"), undefined);
});
