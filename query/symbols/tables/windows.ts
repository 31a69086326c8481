/**
 * Windows tables: Security events, classic and new Event logs, agent heartbeats and IIS logs.
 * Column names and types follow the Azure Monitor table reference.
 */
import { tableFromSpec } from "./table_spec.ts";

/** `SecurityEvent`: Windows Security log events (Log Analytics agent / AMA). */
export const SECURITY_EVENT = tableFromSpec(
  "SecurityEvent",
  `TimeGenerated:datetime AccessList AccessMask AccessReason Account AccountDomain AccountExpires AccountName AccountSessionIdentifier
  AccountType Activity AdditionalInfo AdditionalInfo2 AllowedToDelegateTo Attributes AuditPolicyChanges
  AuditsDiscarded:int AuthenticationLevel:int AuthenticationPackageName AuthenticationProvider
  AuthenticationServer AuthenticationService:int AuthenticationType AzureDeploymentID CACertificateHash
  CalledStationID CallerProcessId CallerProcessName CallingStationID CAPublicKeyHash CategoryId
  CertificateDatabaseHash Channel ClassId ClassName ClientAddress ClientIPAddress ClientName CommandLine
  CompatibleIds Computer DCDNSName DeviceDescription DeviceId DisplayName Disposition DomainBehaviorVersion
  DomainName DomainPolicyChanged DomainSid EAPType ElevatedToken ErrorCode:int EventData EventID:int
  EventSourceName ExtendedQuarantineState FailureReason FileHash FilePath FilePathNoUser Filter ForceLogoff Fqbn
  FullyQualifiedSubjectMachineName FullyQualifiedSubjectUserName GroupMembership HandleId HardwareIds
  HomeDirectory HomePath InterfaceUuid IpAddress IpPort KeyLength:int Level LmPackageName LocationInformation
  LockoutDuration LockoutObservationWindow LockoutThreshold LoggingResult LogonGuid LogonHours LogonID
  LogonProcessName LogonType:int LogonTypeName MachineAccountQuota MachineInventory MachineLogon
  ManagementGroupName MandatoryLabel MaxPasswordAge MemberName MemberSid MinPasswordAge MinPasswordLength
  MixedDomainMode NASIdentifier NASIPv4Address NASIPv6Address NASPort NASPortType NetworkPolicyName NewDate
  NewMaxUsers NewProcessId NewProcessName NewRemark NewShareFlags NewTime NewUacValue NewValue NewValueType
  ObjectName ObjectServer ObjectType ObjectValueName OemInformation OldMaxUsers OldRemark OldShareFlags
  OldUacValue OldValue OldValueType OperationType PackageName ParentProcessName PasswordHistoryLength
  PasswordLastSet PasswordProperties PreviousDate PreviousTime PrimaryGroupId PrivateKeyUsageCount
  PrivilegeList Process ProcessId ProcessName ProfilePath Properties ProtocolSequence ProxyPolicyName
  QuarantineHelpURL QuarantineSessionID QuarantineSessionIdentifier QuarantineState
  QuarantineSystemHealthResult RelativeTargetName RemoteIpAddress RemotePort Requester RequestId
  RestrictedAdminMode RowsDeleted SamAccountName ScriptPath SecurityDescriptor ServiceAccount ServiceFileName
  ServiceName ServiceStartType:int ServiceType SessionName ShareLocalPath ShareName SidHistory SourceComputerId
  SourceSystem Status StorageAccount SubcategoryGuid SubcategoryId Subject SubjectAccount SubjectDomainName
  SubjectKeyIdentifier SubjectLogonId SubjectMachineName SubjectMachineSID SubjectUserName SubjectUserSid
  SubStatus TableId TargetAccount TargetDomainName TargetInfo TargetLinkedLogonId TargetLogonGuid TargetLogonId
  TargetOutboundDomainName TargetOutboundUserName TargetServerName TargetSid TargetUser TargetUserName
  TargetUserSid Task:int TemplateContent TemplateDSObjectFQDN TemplateInternalName TemplateOID
  TemplateSchemaVersion TemplateVersion TokenElevationType TransmittedServices UserAccountControl
  UserParameters UserPrincipalName UserWorkstations VendorIds VirtualAccount Workstation WorkstationName
  EventOriginId MG`,
);

/** `Event`: Windows event logs other than Security, collected by the Log Analytics agent. */
export const EVENT = tableFromSpec(
  "Event",
  `TimeGenerated:datetime Source EventLog Computer EventLevel:int EventLevelName ParameterXml EventData
  EventID:int RenderedDescription AzureDeploymentID Role EventCategory:int UserName Message MG
  ManagementGroupName SourceSystem`,
);

/** `WindowsEvent`: Windows events collected by the Azure Monitor Agent, with `EventData` as dynamic. */
export const WINDOWS_EVENT = tableFromSpec(
  "WindowsEvent",
  `TimeGenerated:datetime Provider Channel Computer EventID:int EventLevel:int EventLevelName Task:int Keywords
  EventRecordId EventOriginId Correlation SystemProcessId:int SystemThreadId:int SystemUserId
  ManagementGroupName RawEventData Data:dynamic EventData:dynamic Opcode`,
);

/** `Heartbeat`: one row per agent per minute. */
export const HEARTBEAT = tableFromSpec(
  "Heartbeat",
  `TimeGenerated:datetime SourceSystem Computer ComputerIP ComputerPrivateIPs:dynamic Category OSType OSName
  OSMajorVersion OSMinorVersion Version SCAgentChannel IsGatewayInstalled:bool RemoteIPLongitude:real
  RemoteIPLatitude:real RemoteIPCountry SubscriptionId ResourceGroup ResourceProvider Resource ResourceId
  ResourceType ComputerEnvironment Solutions VMUUID ManagementGroupName`,
);

/** `W3CIISLog`: IIS web server logs in W3C format. */
export const W3C_IIS_LOG = tableFromSpec(
  "W3CIISLog",
  `TimeGenerated:datetime Date Time SourceSystem Computer sSiteName sComputerName sIP csMethod csUriStem
  csUriQuery sPort:int csUserName cIP csVersion csUserAgent csCookie csReferer csHost scStatus scSubStatus
  scWin32Status scBytes:long csBytes:long TimeTaken:long FileUri FileOffset:long StorageAccount
  AzureDeploymentID Role RoleInstance ManagementGroupName RemoteIPCountry RemoteIPLatitude:real
  RemoteIPLongitude:real MaliciousIP IndicatorThreatType Description TLPLevel Confidence Severity:int`,
);

/** The tables of this group. */
export const WINDOWS_TABLES = [SECURITY_EVENT, EVENT, WINDOWS_EVENT, HEARTBEAT, W3C_IIS_LOG] as const;
