/**
 * Cloud control-plane and SaaS tables: Azure Activity, diagnostics and storage, AWS CloudTrail, GuardDuty and
 * VPC flows, Google Cloud audit logs, Office 365 and Azure DevOps. Column names and types follow the Azure
 * Monitor table reference.
 */
import { tableFromSpec } from "./table_spec.ts";

/** `AzureActivity`: Azure Resource Manager activity log. */
export const AZURE_ACTIVITY = tableFromSpec(
  "AzureActivity",
  `TimeGenerated:datetime ActivityStatus ActivityStatusValue ActivitySubstatus ActivitySubstatusValue
  Authorization Authorization_d:dynamic Caller CallerIpAddress Category CategoryValue Claims Claims_d:dynamic
  CorrelationId EventDataId EventSubmissionTimestamp:datetime Hierarchy HTTPRequest Level OperationId
  OperationName OperationNameValue Properties Properties_d:dynamic Resource ResourceGroup ResourceId
  ResourceProvider ResourceProviderValue SourceSystem SubscriptionId`,
);

/**
 * `AzureDiagnostics`: resource logs in the legacy shared table. Only the common columns are fixed; the
 * catalog accepts any other column by its Log Analytics type suffix (`_s`, `_d`, `_b`, `_g`, `_t`).
 */
export const AZURE_DIAGNOSTICS = tableFromSpec(
  "AzureDiagnostics",
  `TimeGenerated:datetime ResourceId Category ResourceGroup SubscriptionId ResourceProvider Resource ResourceType
  OperationName OperationVersion ResultType ResultSignature ResultDescription DurationMs:long CallerIPAddress
  CorrelationId Level Message Location SourceSystem`,
);

/** `AWSCloudTrail`: AWS API calls recorded by CloudTrail. */
export const AWS_CLOUD_TRAIL = tableFromSpec(
  "AWSCloudTrail",
  `TimeGenerated:datetime AdditionalEventData APIVersion AwsEventId AWSRegion AwsRequestId Category CipherSuite
  ClientProvidedHostHeader EC2RoleDelivery ErrorCode ErrorMessage EventName EventSource EventTypeName
  EventVersion ManagementEvent:bool OperationName ReadOnly:bool RecipientAccountId RequestParameters Resources
  ResponseElements ServiceEventDetails SessionCreationDate:datetime SessionIssuerAccountId SessionIssuerArn
  SessionIssuerPrincipalId SessionIssuerType SessionIssuerUserName SessionMfaAuthenticated:bool SharedEventId
  SourceIpAddress SourceSystem TlsVersion UserAgent UserIdentityAccessKeyId UserIdentityAccountId UserIdentityArn
  UserIdentityInvokedBy UserIdentityPrincipalid UserIdentityStoreArn UserIdentityType UserIdentityUserId
  UserIdentityUserName VpcEndpointId`,
);

/** `OfficeActivity`: Office 365 management activity (Exchange, SharePoint, OneDrive, Teams, Entra ID). */
export const OFFICE_ACTIVITY = tableFromSpec(
  "OfficeActivity",
  `TimeGenerated:datetime AADGroupId AADTarget Activity Actor ActorContextId ActorIpAddress AddOnGuid AddonName
  AddOnType AffectedItems AppDistributionMode AppId Application ApplicationId AzureActiveDirectory_EventType
  AzureADAppId ChannelGuid ChannelName ChannelType ChatName ChatThreadId Client Client_IPAddress ClientAppId
  ClientInfoString ClientIP ClientMachineName ClientProcessName ClientVersion CommunicationType
  CrossMailboxOperations:bool CustomEvent DataCenterSecurityEventType:int DestFolder DestinationFileExtension
  DestinationFileName DestinationRelativeUrl DestMailboxId DestMailboxOwnerMasterAccountSid DestMailboxOwnerSid
  DestMailboxOwnerUPN EffectiveOrganization ElevationApprovedTime:datetime ElevationApprover
  ElevationDuration:int ElevationRequestId ElevationRole ElevationTime:datetime Event_Data EventSource
  ExtendedProperties ExternalAccess ExtraProperties:dynamic Folder Folders GenericInfo InternalLogonType:int
  InterSystemsId IntraSystemId IsManagedDevice:bool Item ItemName ItemType LoginStatus:int Logon_Type
  LogonUserDisplayName LogonUserSid MachineDomainInfo MachineId MailboxGuid MailboxOwnerMasterAccountSid
  MailboxOwnerSid MailboxOwnerUPN Members:dynamic MessageId ModifiedObjectResolvedName ModifiedProperties Name
  NewValue OfficeId OfficeObjectId OfficeTenantId OfficeWorkload OldValue Operation OperationProperties:dynamic
  OperationScope OrganizationId OrganizationName OriginatingServer Parameters RecordType ResultReasonType
  ResultStatus SendAsUserMailboxGuid SendAsUserSmtp SendonBehalfOfUserMailboxGuid SendOnBehalfOfUserSmtp
  SharingType Site_ Site_Url Source_Name SourceFileExtension SourceFileName SourceRecordId SourceRelativeUrl
  SourceSystem SRPolicyId SRPolicyName SRRuleMatchDetails:dynamic Start_Time:datetime SupportTicketId TabType
  TargetContextId TargetUserId TargetUserOrGroupName TargetUserOrGroupType TeamGuid TeamName UserAgent
  UserDomain UserId UserKey UserSharedWith UserType`,
);

/** `AzureDevOpsAuditing`: Azure DevOps organisation audit events. */
export const AZURE_DEVOPS_AUDITING = tableFromSpec(
  "AzureDevOpsAuditing",
  `TimeGenerated:datetime ActivityId ActorClientId ActorCUID ActorDisplayName ActorImageUrl ActorUPN ActorUserId
  Area AuthenticationMechanism Category CategoryDisplayName CorrelationId Data:dynamic Details IpAddress
  OperationName ProjectId ProjectName ScopeDisplayName ScopeId ScopeType SourceSystem StreamType UserAgent`,
);

/** `AWSGuardDuty`: Amazon GuardDuty findings. */
export const AWS_GUARD_DUTY = tableFromSpec(
  "AWSGuardDuty",
  `TimeGenerated:datetime AccountId ActivityType Arn Description Id Partition Region ResourceDetails:dynamic
  SchemaVersion ServiceDetails:dynamic Severity:int TimeCreated:datetime Title SourceSystem`,
);

/** `AWSVPCFlow`: Amazon VPC flow logs. */
export const AWS_VPC_FLOW = tableFromSpec(
  "AWSVPCFlow",
  `TimeGenerated:datetime Version:int AccountId InterfaceId SrcAddr DstAddr SrcPort:int DstPort:int Protocol:int
  Packets:int Bytes:long End:datetime Action LogStatus VpcId SubnetId InstanceId TcpFlags:int TrafficType
  PktSrcAddr PktDstAddr Region AzId SublocationType SublocationId PktSrcAwsService PktDstAwsService
  FlowDirection TrafficPath SourceSystem`,
);

/** `GCPAuditLogs`: Google Cloud audit logs (admin activity, data access, system events). */
export const GCP_AUDIT_LOGS = tableFromSpec(
  "GCPAuditLogs",
  `TimeGenerated:datetime Timestamp:datetime AuthenticationInfo:dynamic AuthorizationInfo:dynamic GCPResourceName
  GCPResourceType InsertId LogName Metadata:dynamic MethodName NumResponseItems PrincipalEmail ProjectId
  Request:dynamic RequestMetadata:dynamic ResourceLocation:dynamic ResourceOriginalState:dynamic
  Response:dynamic ServiceData:dynamic ServiceName Severity Status:dynamic StatusMessage Subscription SourceSystem`,
);

/** `StorageBlobLogs`: Azure Blob Storage resource logs (one row per request). */
export const STORAGE_BLOB_LOGS = tableFromSpec(
  "StorageBlobLogs",
  `TimeGenerated:datetime AccountName Location Protocol OperationName AuthenticationType StatusCode StatusText
  DurationMs:real ServerLatencyMs:real Uri CallerIpAddress CorrelationId SchemaVersion OperationVersion
  AuthenticationHash RequesterObjectId RequesterTenantId RequesterAppId RequesterAudience RequesterTokenIssuer
  RequesterUpn RequesterUserName UserAgentHeader ReferrerHeader ClientRequestId Etag ServiceType
  OperationCount:int ObjectKey RequestHeaderSize:long RequestBodySize:long ResponseHeaderSize:long
  ResponseBodySize:long RequestMd5 ResponseMd5 LastModifiedTime:datetime ConditionsUsed ContentLengthHeader:long
  Category TlsVersion SasExpiryStatus MetricResponseType SourceUri DestinationUri AccessTier SourceAccessTier
  RehydratePriority DownloadRange SourceSystem`,
);

/** `EnrichedMicrosoft365AuditLogs`: Microsoft 365 audit records enriched by Global Secure Access. */
export const ENRICHED_MICROSOFT365_AUDIT_LOGS = tableFromSpec(
  "EnrichedMicrosoft365AuditLogs",
  `TimeGenerated:datetime Id RecordType:int Operation OrganizationId UserType ActorUserType UserKey Workload
  ResultStatus ObjectId UserId ClientIp UniqueTokenId DeviceId DeviceOperatingSystem DeviceOperatingSystemVersion
  SourceIp AdditionalProperties:dynamic Action PolicyRuleId PolicyId SentBytes:long ReceivedBytes:long
  ReferrerHeader OriginHeader XForwardedFor DestinationWebCategories FilteringProfileId FilteringProfileName
  PolicyName RuleName InitiatingProcessName ResourceTenantId ThreatType DestinationUrl Description AppId
  ConnectorId ConnectorName ConnectorIp ConnectionStatus AccessType ProcessingRegion SourceSystem`,
);

/** The tables of this group. */
export const CLOUD_TABLES = [
  AZURE_ACTIVITY,
  AZURE_DIAGNOSTICS,
  AWS_CLOUD_TRAIL,
  OFFICE_ACTIVITY,
  AZURE_DEVOPS_AUDITING,
  AWS_GUARD_DUTY,
  AWS_VPC_FLOW,
  GCP_AUDIT_LOGS,
  STORAGE_BLOB_LOGS,
  ENRICHED_MICROSOFT365_AUDIT_LOGS,
] as const;
