/**
 * The ASIM (Advanced Security Information Model) normalized tables: one table per schema, written at ingest by
 * the normalizers in connectors/asim/ and read by the `im*`/`_Im_*`/`ASim*` functions. Each schema is the ASIM
 * common fields plus the entities it describes (actor, acting process, source, target, device); the column sets
 * follow Microsoft's ASIM schema references (common fields, and one page per schema), grouped here by entity so
 * that the same entity has the same columns in every schema. Aliases (`User`, `Dvc`, `Src`, `IpAddr`, `Hash`,
 * ...) are not stored: the query-time functions compute them.
 */
import { tableFromSpec } from "./table_spec.ts";

/** Fields every ASIM record has: what happened, when, reported by which product, with what result. */
const EVENT =
  `TimeGenerated:datetime EventMessage EventCount:int EventStartTime:datetime EventEndTime:datetime
  EventType EventSubType EventResult EventResultDetails EventOriginalUid EventOriginalType EventOriginalSubType
  EventOriginalResultDetails EventSeverity EventOriginalSeverity EventProduct EventProductVersion EventVendor
  EventSchema EventSchemaVersion EventOwner EventReportUrl AdditionalFields:dynamic SourceSystem`;

/** The device that reported the event. */
const DVC = `DvcIpAddr DvcHostname DvcDomain DvcDomainType DvcFQDN DvcDescription DvcId DvcIdType DvcMacAddr
  DvcZone DvcOs DvcOsVersion DvcAction DvcOriginalAction DvcInterface DvcScopeId DvcScope`;

/** The rule and threat an event was flagged with, when a security product flagged it. */
const THREAT = `RuleName RuleNumber:int ThreatId ThreatName ThreatCategory ThreatRiskLevel:int
  ThreatOriginalRiskLevel ThreatConfidence:int ThreatOriginalConfidence ThreatIsActive:bool
  ThreatFirstReportedTime:datetime ThreatLastReportedTime:datetime ThreatField ThreatIpAddr`;

/** A user in a role (`Actor`, `Target`, `Src`, `Dst`): identifiers, name and type. */
function user(role: string, extra = ""): string {
  return `${role}UserId ${role}UserIdType ${role}Username ${role}UsernameType ${role}UserType
    ${role}OriginalUserType ${role}UserScope ${role}UserScopeId ${extra}`;
}

/** The actor: the user who performed the activity, with the scope and session ASIM records for it. */
const ACTOR = `ActorUserId ActorUserIdType ActorUsername ActorUsernameType ActorUserType ActorOriginalUserType
  ActorScope ActorScopeId ActorSessionId ActorUserAadId ActorUserSid ActorUserUpn`;

/** A device in a role (`Src`, `Target`, `Dst`): address, names, identity, location and risk. */
function device(role: string): string {
  return `${role}IpAddr ${role}PortNumber:int ${role}Hostname ${role}Domain ${role}DomainType ${role}FQDN
    ${role}Description ${role}DvcId ${role}DvcIdType ${role}DvcScopeId ${role}DvcScope ${role}DeviceType
    ${role}MacAddr ${role}Zone ${role}DvcOs ${role}GeoCountry ${role}GeoRegion ${role}GeoCity
    ${role}GeoLatitude:real ${role}GeoLongitude:real ${role}RiskLevel:int ${role}OriginalRiskLevel`;
}

/** An application in a role (`Acting`, `Target`, `Src`, `Dst`). */
function app(role: string): string {
  return `${role}AppId ${role}AppName ${role}AppType`;
}

/** A process in a role (`Acting`, `Parent`, `Target`): image, command line, identity, hashes, version info. */
function process(role: string): string {
  return `${role}ProcessName ${role}ProcessId ${role}ProcessGuid ${role}ProcessCommandLine
    ${role}ProcessCreationTime:datetime ${role}ProcessIntegrityLevel ${role}ProcessTokenElevation
    ${role}ProcessIsHidden:bool ${role}ProcessInjectedAddress ${role}ProcessMD5 ${role}ProcessSHA1
    ${role}ProcessSHA256 ${role}ProcessSHA512 ${role}ProcessIMPHASH ${role}ProcessFileSize:long
    ${role}ProcessFileCompany ${role}ProcessFileDescription ${role}ProcessFileProduct ${role}ProcessFileVersion
    ${role}ProcessFileInternalName ${role}ProcessFileOriginalName`;
}

/** A file in a role (`Src`, `Target`). */
function file(role: string): string {
  return `${role}FileName ${role}FilePath ${role}FilePathType ${role}FileDirectory ${role}FileExtension
    ${role}FileMimeType ${role}FileSize:long ${role}FileMD5 ${role}FileSHA1 ${role}FileSHA256 ${role}FileSHA512
    ${role}FileCreationTime:datetime`;
}

/** Network session fields shared by NetworkSession and WebSession. */
const SESSION = `NetworkApplicationProtocol NetworkProtocol NetworkProtocolVersion NetworkDirection
  NetworkDuration:int NetworkIcmpType NetworkIcmpCode:int NetworkConnectionHistory NetworkSessionId
  NetworkRuleName NetworkRuleNumber:int DstBytes:long SrcBytes:long NetworkBytes:long DstPackets:long
  SrcPackets:long NetworkPackets:long SrcNatIpAddr SrcNatPortNumber:int DstNatIpAddr DstNatPortNumber:int
  SrcInterfaceName SrcInterfaceGuid SrcVlanId SrcSubscriptionId DstInterfaceName DstInterfaceGuid DstVlanId
  DstSubscriptionId DvcInboundInterface DvcOutboundInterface DvcSubscriptionId TcpFlagsAck:bool TcpFlagsFin:bool
  TcpFlagsSyn:bool TcpFlagsUrg:bool TcpFlagsPsh:bool TcpFlagsRst:bool ${user("Src")} ${user("Dst")}
  ${app("Src")} ${app("Dst")} ${device("Src")} ${device("Dst")}`;

/** `ASimAuthenticationEventLogs`: sign-ins and sign-outs (Authentication schema). */
export const ASIM_AUTHENTICATION_EVENT_LOGS = tableFromSpec(
  "ASimAuthenticationEventLogs",
  `${EVENT} ${DVC} ${THREAT} ${ACTOR} ${app("Acting")} HttpUserAgent
  ${user("Target", "TargetSessionId TargetUserAadId TargetUserSid TargetUserUpn")} ${app("Target")} TargetUrl
  ${device("Src")} SrcIsp ${device("Target")} LogonMethod LogonProtocol`,
);

/** `ASimNetworkSessionLogs`: network connections and flows (NetworkSession schema). */
export const ASIM_NETWORK_SESSION_LOGS = tableFromSpec(
  "ASimNetworkSessionLogs",
  `${EVENT} ${DVC} ${THREAT} ${SESSION}`,
);

/** `ASimWebSessionLogs`: HTTP requests (WebSession schema): a network session plus the HTTP details. */
export const ASIM_WEB_SESSION_LOGS = tableFromSpec(
  "ASimWebSessionLogs",
  `${EVENT} ${DVC} ${THREAT} ${SESSION} Url UrlCategory UrlOriginal HttpVersion HttpRequestMethod HttpStatusCode
  HttpContentType HttpContentFormat HttpReferrer HttpUserAgent HttpRequestXff HttpRequestTime:int
  HttpResponseTime:int HttpHost FileName FileMD5 FileSHA1 FileSHA256 FileSHA512 FileHashType FileSize:long
  FileContentType`,
);

/** `ASimDnsActivityLogs`: DNS queries and answers (Dns schema). */
export const ASIM_DNS_ACTIVITY_LOGS = tableFromSpec(
  "ASimDnsActivityLogs",
  `${EVENT} ${DVC} ${THREAT} ${device("Src")} ${device("Dst")} ${user("Src", "SrcUserSessionId")}
  SrcProcessName SrcProcessId SrcProcessGuid DnsQuery DnsQueryType:int DnsQueryTypeName DnsResponseCode:int
  DnsResponseName DnsQueryClass:int DnsQueryClassName DnsNetworkDuration:int DnsSessionId TransactionIdHex
  DnsFlags DnsFlagsAuthenticated:bool DnsFlagsAuthoritative:bool DnsFlagsCheckingDisabled:bool
  DnsFlagsRecursionAvailable:bool DnsFlagsRecursionDesired:bool DnsFlagsTruncated:bool DnsFlagsZ:bool
  DnsResponseIpCountry DnsResponseIpRegion DnsResponseIpCity DnsResponseIpLatitude:real
  DnsResponseIpLongitude:real NetworkProtocol NetworkProtocolVersion UrlCategory`,
);

/** `ASimProcessEventLogs`: process creation and termination (ProcessEvent schema). */
export const ASIM_PROCESS_EVENT_LOGS = tableFromSpec(
  "ASimProcessEventLogs",
  `${EVENT} ${DVC} ${THREAT} ${ACTOR} ${process("Acting")} ${process("Parent")}
  ${user("Target", "TargetUserSessionId")} ${process("Target")} TargetProcessCurrentDirectory
  TargetProcessStatusCode`,
);

/** `ASimFileEventLogs`: file creation, change, deletion, rename and access (FileEvent schema). */
export const ASIM_FILE_EVENT_LOGS = tableFromSpec(
  "ASimFileEventLogs",
  `${EVENT} ${DVC} ${THREAT} ${ACTOR} ActingProcessName ActingProcessId ActingProcessGuid
  ActingProcessCommandLine ${file("Src")} ${file("Target")} TargetUrl ${app("Target")} ${device("Src")}
  HttpUserAgent NetworkApplicationProtocol`,
);

/** `ASimRegistryEventLogs`: registry key and value changes (RegistryEvent schema). */
export const ASIM_REGISTRY_EVENT_LOGS = tableFromSpec(
  "ASimRegistryEventLogs",
  `${EVENT} ${DVC} ${THREAT} ${ACTOR} ${process("Acting")} ${process("Parent")} RegistryKey RegistryValue
  RegistryValueType RegistryValueData RegistryPreviousKey RegistryPreviousValue RegistryPreviousValueType
  RegistryPreviousValueData`,
);

/** `ASimAuditEventLogs`: configuration and administrative changes to systems (AuditEvent schema). */
export const ASIM_AUDIT_EVENT_LOGS = tableFromSpec(
  "ASimAuditEventLogs",
  `${EVENT} ${DVC} ${THREAT} ${ACTOR} ${app("Acting")} HttpUserAgent Operation Object ObjectId ObjectType
  OriginalObjectType OldValue NewValue ValueType ${app("Target")} TargetUrl ${device("Src")}
  ${device("Target")}`,
);

/** `ASimUserManagementActivityLogs`: user and group lifecycle and membership (UserManagement schema). */
export const ASIM_USER_MANAGEMENT_ACTIVITY_LOGS = tableFromSpec(
  "ASimUserManagementActivityLogs",
  `${EVENT} ${DVC} ${ACTOR} ${app("Acting")} HttpUserAgent
  ${user("Target", "TargetUserSessionId TargetUserAadId TargetUserSid TargetUserUpn")} GroupId GroupIdType
  GroupName GroupNameType GroupType GroupOriginalType UpdatedPropertyName PreviousPropertyValue
  NewPropertyValue ${device("Src")}`,
);

/** The tables of this group. */
export const ASIM_TABLES = [
  ASIM_AUTHENTICATION_EVENT_LOGS,
  ASIM_NETWORK_SESSION_LOGS,
  ASIM_WEB_SESSION_LOGS,
  ASIM_DNS_ACTIVITY_LOGS,
  ASIM_PROCESS_EVENT_LOGS,
  ASIM_FILE_EVENT_LOGS,
  ASIM_REGISTRY_EVENT_LOGS,
  ASIM_AUDIT_EVENT_LOGS,
  ASIM_USER_MANAGEMENT_ACTIVITY_LOGS,
] as const;
