/**
 * The connectors by name: the `{connector}` of `POST /api/v1/connectors/{connector}` (CONTRACTS.md §3). An explicit
 * list rather than self-registration, so that what is served is visible here.
 */

import type { Connector } from "./connector.ts";
import { awsCloudTrailConnector } from "./aws_cloudtrail/mod.ts";
import { azureActivityConnector } from "./azure_activity/mod.ts";
import { cefConnector } from "./cef/mod.ts";
import { entraAuditConnector } from "./entra_audit/mod.ts";
import { entraSigninConnector } from "./entra_signin/mod.ts";
import { mdeConnector } from "./mde/mod.ts";
import { office365Connector } from "./office365/mod.ts";
import { syslogConnector } from "./syslog/mod.ts";
import { threatIntelConnector } from "./threat_intel/mod.ts";
import { windowsSecurityConnector } from "./windows_security/mod.ts";

/** Every connector, in the order of the contract. */
export const CONNECTORS: readonly Connector[] = [
  syslogConnector,
  cefConnector,
  windowsSecurityConnector,
  entraSigninConnector,
  entraAuditConnector,
  azureActivityConnector,
  awsCloudTrailConnector,
  office365Connector,
  mdeConnector,
  threatIntelConnector,
];

/** The connector names of the contract. */
export const CONNECTOR_NAMES: readonly string[] = CONNECTORS.map((connector) => connector.name);

/**
 * The connector of a name.
 *
 * @param name The name from the URL.
 * @returns The connector, or undefined for an unknown name (the route answers 404).
 * @example
 * ```ts
 * connectorByName("cef")?.tables; // ["CommonSecurityLog"]
 * ```
 */
export function connectorByName(name: string): Connector | undefined {
  return CONNECTORS.find((connector) => connector.name === name);
}
