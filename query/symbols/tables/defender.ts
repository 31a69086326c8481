/**
 * Microsoft Defender XDR advanced-hunting tables as Sentinel stores them (with both `Timestamp` and
 * `TimeGenerated`). Column names and types follow the Defender advanced hunting schema reference.
 */
import { tableFromSpec } from "./table_spec.ts";

/** Columns every Defender table has in Sentinel. */
const COMMON = "TimeGenerated:datetime Timestamp:datetime ReportId:long SourceSystem MachineGroup";

/** The process that initiated an event: shared by the Device* event tables. */
const INITIATING_PROCESS = `InitiatingProcessAccountDomain InitiatingProcessAccountName
  InitiatingProcessAccountSid InitiatingProcessAccountUpn InitiatingProcessAccountObjectId InitiatingProcessMD5
  InitiatingProcessSHA1 InitiatingProcessSHA256 InitiatingProcessFileName InitiatingProcessFileSize:long
  InitiatingProcessFolderPath InitiatingProcessId:long InitiatingProcessCommandLine
  InitiatingProcessCreationTime:datetime InitiatingProcessIntegrityLevel InitiatingProcessTokenElevation
  InitiatingProcessParentId:long InitiatingProcessParentFileName InitiatingProcessParentCreationTime:datetime
  InitiatingProcessVersionInfoCompanyName InitiatingProcessVersionInfoProductName
  InitiatingProcessVersionInfoProductVersion InitiatingProcessVersionInfoInternalFileName
  InitiatingProcessVersionInfoOriginalFileName InitiatingProcessVersionInfoFileDescription
  InitiatingProcessLogonId:long InitiatingProcessSessionId:long IsInitiatingProcessRemoteSession:bool
  InitiatingProcessRemoteSessionDeviceName InitiatingProcessRemoteSessionIP InitiatingProcessSignerType
  InitiatingProcessSignatureStatus InitiatingProcessUniqueId:long AppGuardContainerId`;

const DEVICE = "DeviceId DeviceName ActionType";

/** `DeviceProcessEvents`: process creation on onboarded devices. */
export const DEVICE_PROCESS_EVENTS = tableFromSpec(
  "DeviceProcessEvents",
  `${COMMON} ${DEVICE} FileName FolderPath SHA1 SHA256 MD5 FileSize:long ProcessVersionInfoCompanyName
  ProcessVersionInfoProductName ProcessVersionInfoProductVersion ProcessVersionInfoInternalFileName
  ProcessVersionInfoOriginalFileName ProcessVersionInfoFileDescription ProcessId:long ProcessCommandLine
  ProcessIntegrityLevel ProcessTokenElevation ProcessCreationTime:datetime ProcessUniqueId:long AccountDomain
  AccountName AccountSid AccountUpn AccountObjectId LogonId:long CreatedProcessSessionId:long
  IsProcessRemoteSession:bool ProcessRemoteSessionDeviceName ProcessRemoteSessionIP AdditionalFields:dynamic
  ${INITIATING_PROCESS}`,
);

/** `DeviceNetworkEvents`: network connections and related events. */
export const DEVICE_NETWORK_EVENTS = tableFromSpec(
  "DeviceNetworkEvents",
  `${COMMON} ${DEVICE} RemoteIP RemotePort:int RemoteUrl LocalIP LocalPort:int Protocol LocalIPType RemoteIPType
  AdditionalFields:dynamic ${INITIATING_PROCESS}`,
);

/** `DeviceLogonEvents`: sign-ins and other authentication events on devices. */
export const DEVICE_LOGON_EVENTS = tableFromSpec(
  "DeviceLogonEvents",
  `${COMMON} ${DEVICE} LogonType AccountDomain AccountName AccountSid Protocol FailureReason IsLocalAdmin:bool
  LogonId:long RemoteDeviceName RemoteIP RemoteIPType RemotePort:int AdditionalFields:dynamic
  ${INITIATING_PROCESS}`,
);

/** `DeviceFileEvents`: file creation, modification and other file system events. */
export const DEVICE_FILE_EVENTS = tableFromSpec(
  "DeviceFileEvents",
  `${COMMON} ${DEVICE} FileName FolderPath SHA1 SHA256 MD5 FileOriginUrl FileOriginReferrerUrl FileOriginIP
  PreviousFolderPath PreviousFileName FileSize:long RequestProtocol RequestSourceIP RequestSourcePort:int
  RequestAccountName RequestAccountDomain RequestAccountSid ShareName SensitivityLabel SensitivitySubLabel
  IsAzureInfoProtectionApplied:bool AdditionalFields:dynamic ${INITIATING_PROCESS}`,
);

/** `DeviceEvents`: miscellaneous device events (security controls, AMSI, named pipes, ...). */
export const DEVICE_EVENTS = tableFromSpec(
  "DeviceEvents",
  `${COMMON} ${DEVICE} FileName FolderPath SHA1 SHA256 MD5 FileSize:long AccountDomain AccountName AccountSid
  RemoteUrl RemoteDeviceName ProcessId:long ProcessCommandLine ProcessCreationTime:datetime
  ProcessTokenElevation LogonId:long RegistryKey RegistryValueName RegistryValueData RemoteIP RemotePort:int
  LocalIP LocalPort:int FileOriginUrl FileOriginIP AdditionalFields:dynamic CreatedProcessSessionId:long
  IsProcessRemoteSession:bool ProcessRemoteSessionDeviceName ProcessRemoteSessionIP ${INITIATING_PROCESS}`,
);

/** `DeviceRegistryEvents`: registry key and value changes. */
export const DEVICE_REGISTRY_EVENTS = tableFromSpec(
  "DeviceRegistryEvents",
  `${COMMON} ${DEVICE} RegistryKey RegistryValueType RegistryValueName RegistryValueData PreviousRegistryKey
  PreviousRegistryValueName PreviousRegistryValueData ${INITIATING_PROCESS}`,
);

/** `DeviceImageLoadEvents`: DLL loading events. */
export const DEVICE_IMAGE_LOAD_EVENTS = tableFromSpec(
  "DeviceImageLoadEvents",
  `${COMMON} ${DEVICE} FileName FolderPath SHA1 SHA256 MD5 FileSize:long ${INITIATING_PROCESS}`,
);

/** `DeviceInfo`: device inventory. */
export const DEVICE_INFO = tableFromSpec(
  "DeviceInfo",
  `${COMMON} DeviceId DeviceName ClientVersion PublicIP OSArchitecture OSPlatform OSBuild:long
  IsAzureADJoined:bool JoinType AadDeviceId LoggedOnUsers:dynamic RegistryDeviceTag OSVersion OnboardingStatus
  AdditionalFields:dynamic DeviceCategory DeviceType DeviceSubtype Model Vendor OSDistribution OSVersionInfo
  MergedDeviceIds MergedToDeviceId SensorHealthState IsExcluded:bool ExclusionReason ExposureLevel AssetValue
  DeviceManualTags:dynamic DeviceDynamicTags:dynamic IsInternetFacing:bool HardwareUuid`,
);

/** `DeviceNetworkInfo`: network adapter configuration of devices. */
export const DEVICE_NETWORK_INFO = tableFromSpec(
  "DeviceNetworkInfo",
  `${COMMON} DeviceId DeviceName NetworkAdapterName MacAddress NetworkAdapterType NetworkAdapterStatus TunnelType
  ConnectedNetworks:dynamic DnsAddresses:dynamic IPv4Dhcp IPv6Dhcp DefaultGateways:dynamic IPAddresses:dynamic
  NetworkAdapterVendor`,
);

/** `EmailEvents`: email delivery and blocking events (Defender for Office 365). */
export const EMAIL_EVENTS = tableFromSpec(
  "EmailEvents",
  `${COMMON} NetworkMessageId InternetMessageId SenderMailFromAddress SenderFromAddress SenderDisplayName
  SenderObjectId SenderMailFromDomain SenderFromDomain SenderIPv4 SenderIPv6 RecipientEmailAddress
  RecipientObjectId Subject EmailClusterId:long EmailDirection DeliveryAction DeliveryLocation ThreatTypes
  ThreatNames DetectionMethods ConfidenceLevel BulkComplaintLevel:int EmailAction EmailActionPolicy
  EmailActionPolicyGuid AuthenticationDetails AttachmentCount:int UrlCount:int EmailLanguage Connectors
  OrgLevelAction OrgLevelPolicy UserLevelAction UserLevelPolicy AdditionalFields:dynamic LatestDeliveryLocation
  LatestDeliveryAction ExchangeTransportRule ForwardingInformation DistributionList ThreatClassification
  EmailSize:long`,
);

/** `EmailUrlInfo`: URLs found in emails. */
export const EMAIL_URL_INFO = tableFromSpec(
  "EmailUrlInfo",
  `${COMMON} NetworkMessageId Url UrlDomain UrlLocation`,
);

/** `EmailAttachmentInfo`: attachments of emails. */
export const EMAIL_ATTACHMENT_INFO = tableFromSpec(
  "EmailAttachmentInfo",
  `${COMMON} NetworkMessageId SenderFromAddress SenderDisplayName SenderObjectId RecipientEmailAddress
  RecipientObjectId FileName FileType SHA256 FileSize:long ThreatTypes ThreatNames DetectionMethods`,
);

/** `UrlClickEvents`: Safe Links clicks. */
export const URL_CLICK_EVENTS = tableFromSpec(
  "UrlClickEvents",
  `${COMMON} Url ActionType AccountUpn Workload NetworkMessageId ThreatTypes DetectionMethods IPAddress
  IsClickedThrough:bool UrlChain`,
);

/** `CloudAppEvents`: activity in cloud apps (Defender for Cloud Apps). */
export const CLOUD_APP_EVENTS = tableFromSpec(
  "CloudAppEvents",
  `${COMMON} ActionType Application ApplicationId:int AccountObjectId AccountId AccountDisplayName
  IsAdminOperation:bool DeviceType OSPlatform IPAddress IsAnonymousProxy:bool CountryCode City Isp UserAgent
  ActivityType ActivityObjects:dynamic ObjectName ObjectType ObjectId RawEventData:dynamic
  AdditionalFields:dynamic AccountType IsExternalUser:bool IsImpersonated:bool IPTags:dynamic IPCategory
  UserAgentTags:dynamic AuditSource SessionData:dynamic OAuthAppId UncommonForUser:dynamic
  LastSeenForUser:dynamic`,
);

const IDENTITY = `ActionType Application AccountName AccountDomain AccountUpn AccountSid AccountObjectId
  AccountDisplayName DeviceName IPAddress Port:int DestinationDeviceName DestinationIPAddress DestinationPort:int
  TargetDeviceName TargetAccountUpn TargetAccountDisplayName Protocol Location ISP AdditionalFields:dynamic`;

/** `IdentityLogonEvents`: authentication against on-premises AD and Entra ID (Defender for Identity). */
export const IDENTITY_LOGON_EVENTS = tableFromSpec(
  "IdentityLogonEvents",
  `${COMMON} ${IDENTITY} LogonType FailureReason DeviceType OSPlatform`,
);

/** `IdentityDirectoryEvents`: domain controller and directory events (Defender for Identity). */
export const IDENTITY_DIRECTORY_EVENTS = tableFromSpec("IdentityDirectoryEvents", `${COMMON} ${IDENTITY}`);

/** `IdentityQueryEvents`: LDAP, DNS and SAMR queries against domain controllers. */
export const IDENTITY_QUERY_EVENTS = tableFromSpec(
  "IdentityQueryEvents",
  `${COMMON} ${IDENTITY} QueryType QueryTarget Query`,
);

/** `AlertInfo`: Defender XDR alerts. */
export const ALERT_INFO = tableFromSpec(
  "AlertInfo",
  `${COMMON} AlertId Title Category Severity ServiceSource DetectionSource AttackTechniques`,
);

/** `AlertEvidence`: entities attached to Defender XDR alerts. */
export const ALERT_EVIDENCE = tableFromSpec(
  "AlertEvidence",
  `${COMMON} AlertId Title Categories AttackTechniques ServiceSource DetectionSource EntityType EvidenceRole
  EvidenceDirection FileName FolderPath SHA1 SHA256 FileSize:long ThreatFamily RemoteIP RemoteUrl AccountName
  AccountDomain AccountSid AccountObjectId AccountUpn DeviceId DeviceName LocalIP NetworkMessageId EmailSubject
  ApplicationId:int Application ProcessCommandLine AdditionalFields:dynamic RegistryKey RegistryValueName
  RegistryValueData Severity OAuthApplicationId`,
);

/** `DeviceTvmSoftwareVulnerabilities`: known vulnerabilities (CVEs) of the software found on devices. */
export const DEVICE_TVM_SOFTWARE_VULNERABILITIES = tableFromSpec(
  "DeviceTvmSoftwareVulnerabilities",
  `TimeGenerated:datetime DeviceId DeviceName OSPlatform OSVersion OSArchitecture SoftwareVendor SoftwareName
  SoftwareVersion CveId VulnerabilitySeverityLevel RecommendedSecurityUpdate RecommendedSecurityUpdateId
  CveTags:dynamic CveMitigationStatus SourceSystem`,
);

/** `DeviceTvmSoftwareInventory`: software installed on devices, with end-of-support information. */
export const DEVICE_TVM_SOFTWARE_INVENTORY = tableFromSpec(
  "DeviceTvmSoftwareInventory",
  `TimeGenerated:datetime DeviceId DeviceName OSPlatform OSVersion OSArchitecture SoftwareVendor SoftwareName
  SoftwareVersion EndOfSupportStatus EndOfSupportDate:datetime ProductCodeCpe SourceSystem`,
);

/** The tables of this group. */
export const DEFENDER_TABLES = [
  DEVICE_PROCESS_EVENTS,
  DEVICE_NETWORK_EVENTS,
  DEVICE_LOGON_EVENTS,
  DEVICE_FILE_EVENTS,
  DEVICE_EVENTS,
  DEVICE_REGISTRY_EVENTS,
  DEVICE_IMAGE_LOAD_EVENTS,
  DEVICE_INFO,
  DEVICE_NETWORK_INFO,
  EMAIL_EVENTS,
  EMAIL_URL_INFO,
  EMAIL_ATTACHMENT_INFO,
  URL_CLICK_EVENTS,
  CLOUD_APP_EVENTS,
  IDENTITY_LOGON_EVENTS,
  IDENTITY_DIRECTORY_EVENTS,
  IDENTITY_QUERY_EVENTS,
  ALERT_INFO,
  ALERT_EVIDENCE,
  DEVICE_TVM_SOFTWARE_VULNERABILITIES,
  DEVICE_TVM_SOFTWARE_INVENTORY,
] as const;
