/**
 * The connectors this server offers on `POST /api/v1/connectors/{name}`.
 */
import type { Connector } from "../connectors/connector.ts";
import { syslogConnector } from "../connectors/syslog/mod.ts";
import { cefConnector } from "../connectors/cef/mod.ts";
import { windowsSecurityConnector } from "../connectors/windows_security/mod.ts";
import { entraSigninConnector } from "../connectors/entra_signin/mod.ts";

/** Every connector, by the order of CONTRACTS.md. */
export const CONNECTORS: readonly Connector[] = [
  syslogConnector,
  cefConnector,
  windowsSecurityConnector,
  entraSigninConnector,
];
