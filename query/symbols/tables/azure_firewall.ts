/**
 * Azure Firewall resource-specific tables (the `AZFW*` family that replaced the firewall categories of
 * AzureDiagnostics). Column names and types follow the Azure Monitor table reference.
 */
import { tableFromSpec } from "./table_spec.ts";

/** Columns every firewall table has: the flow's two ends and the protocol. */
const FLOW =
  "TimeGenerated:datetime SourceIp SourcePort:int Protocol SourceSystem _TimeReceived:datetime _ItemId";

/** `AZFWNetworkRule`: flows matched by network rules. */
export const AZFW_NETWORK_RULE = tableFromSpec(
  "AZFWNetworkRule",
  `${FLOW} DestinationIp DestinationPort:int Action ActionReason Policy RuleCollectionGroup RuleCollection Rule`,
);

/** `AZFWApplicationRule`: requests matched by application rules (FQDN and URL filtering). */
export const AZFW_APPLICATION_RULE = tableFromSpec(
  "AZFWApplicationRule",
  `${FLOW} DestinationPort:int Fqdn TargetUrl Action ActionReason Policy RuleCollectionGroup RuleCollection Rule
  WebCategory IsTlsInspected:bool IsExplicitProxyRequest:bool`,
);

/** `AZFWNatRule`: flows translated by DNAT rules. */
export const AZFW_NAT_RULE = tableFromSpec(
  "AZFWNatRule",
  `${FLOW} DestinationIp DestinationPort:int TranslatedIp TranslatedPort:int Policy RuleCollectionGroup
  RuleCollection Rule`,
);

/** `AZFWDnsQuery`: DNS requests proxied by the firewall. */
export const AZFW_DNS_QUERY = tableFromSpec(
  "AZFWDnsQuery",
  `${FLOW} QueryId:int QueryType QueryClass QueryName RequestSize:int DnssecOkBit:bool EDNS0BufferSize:int
  ResponseCode ResponseFlags ResponseSize:int RequestDurationSecs:real ErrorNumber:int ErrorMessage`,
);

/** `AZFWThreatIntel`: flows that matched Microsoft threat intelligence. */
export const AZFW_THREAT_INTEL = tableFromSpec(
  "AZFWThreatIntel",
  `${FLOW} DestinationIp DestinationPort:int Fqdn TargetUrl Action IsTlsInspected:bool ThreatDescription`,
);

/** `AZFWIdpsSignature`: flows that matched an intrusion detection signature. */
export const AZFW_IDPS_SIGNATURE = tableFromSpec(
  "AZFWIdpsSignature",
  `${FLOW} DestinationIp DestinationPort:int Action ActionReason Flag SignatureId Category Description
  Severity:int`,
);

/** The tables of this group. */
export const AZURE_FIREWALL_TABLES = [
  AZFW_NETWORK_RULE,
  AZFW_APPLICATION_RULE,
  AZFW_NAT_RULE,
  AZFW_DNS_QUERY,
  AZFW_THREAT_INTEL,
  AZFW_IDPS_SIGNATURE,
] as const;
