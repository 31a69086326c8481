/**
 * Cloud control-plane and SaaS tables: Azure Activity and diagnostics, AWS CloudTrail, Office 365 and
 * Azure DevOps. Column names and types follow the Azure Monitor table reference.
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

/** The tables of this group. */
export const CLOUD_TABLES = [
  AZURE_ACTIVITY,
  AZURE_DIAGNOSTICS,
  AWS_CLOUD_TRAIL,
  OFFICE_ACTIVITY,
  AZURE_DEVOPS_AUDITING,
] as const;
