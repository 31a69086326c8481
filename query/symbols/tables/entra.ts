/**
 * Microsoft Entra ID (Azure AD) tables: sign-ins, audit, risk and identity information.
 * Column names and types follow the Azure Monitor table reference.
 */
import { tableFromSpec } from "./table_spec.ts";

/** Sign-in columns shared by the interactive and non-interactive tables; `@` marks the ones typed dynamic. */
const SIGNIN_COLUMNS = `TimeGenerated:datetime AADTenantId AlternateSignInName AppDisplayName AppId
  AppliedConditionalAccessPolicies AppliedEventListeners:dynamic AuthenticationContextClassReferences
  @AuthenticationDetails AuthenticationMethodsUsed @AuthenticationProcessingDetails AuthenticationProtocol
  AuthenticationRequirement AuthenticationRequirementPolicies AutonomousSystemNumber Category ClientAppUsed
  @ConditionalAccessPolicies ConditionalAccessStatus CorrelationId CreatedDateTime:datetime
  CrossTenantAccessType @DeviceDetail DurationMs:long FlaggedForReview:bool HomeTenantId Id Identity IPAddress
  IPAddressFromResourceProvider IsInteractive:bool IsRisky:bool Level Location @LocationDetails @MfaDetail
  NetworkLocationDetails OperationName OperationVersion OriginalRequestId ProcessingTimeInMilliseconds Resource
  ResourceDisplayName ResourceGroup ResourceId ResourceIdentity ResourceProvider ResourceServicePrincipalId
  ResourceTenantId ResultDescription ResultSignature ResultType RiskDetail RiskEventTypes RiskEventTypes_V2
  RiskLevel RiskLevelAggregated RiskLevelDuringSignIn RiskState ServicePrincipalId ServicePrincipalName
  SessionLifetimePolicies SignInIdentifier SignInIdentifierType SourceSystem @Status TokenIssuerName
  TokenIssuerType UniqueTokenIdentifier UserAgent UserDisplayName UserId UserPrincipalName UserType`;

/**
 * `SigninLogs` types the `@` columns as `dynamic`, except the authentication details that stay strings;
 * `AADNonInteractiveUserSignInLogs` stores all of them as JSON strings (rules call `parse_json` on them).
 */
function signinSpec(dynamicColumns: ReadonlySet<string>): string {
  return SIGNIN_COLUMNS.replace(
    /@(\w+)/g,
    (_, name: string) => dynamicColumns.has(name) ? `${name}:dynamic` : name,
  );
}

/** `SigninLogs`: interactive user sign-ins. */
export const SIGNIN_LOGS = tableFromSpec(
  "SigninLogs",
  signinSpec(
    new Set(["ConditionalAccessPolicies", "DeviceDetail", "LocationDetails", "MfaDetail", "Status"]),
  ),
);

/** `AADNonInteractiveUserSignInLogs`: non-interactive user sign-ins (token refreshes and the like). */
export const AAD_NON_INTERACTIVE_USER_SIGNIN_LOGS = tableFromSpec(
  "AADNonInteractiveUserSignInLogs",
  signinSpec(new Set()),
);

const SERVICE_PRINCIPAL_SIGNIN_COLUMNS = `TimeGenerated:datetime AppId AppOwnerTenantId
  AuthenticationProcessingDetails Category ClientCredentialType ConditionalAccessPolicies:dynamic
  ConditionalAccessStatus CorrelationId DurationMs:long FederatedCredentialId Id Identity IPAddress Level
  Location LocationDetails:dynamic OperationName OperationVersion ResourceDisplayName ResourceGroup ResourceId
  ResourceIdentity ResourceOwnerTenantId ResourceServicePrincipalId ResultDescription ResultSignature ResultType
  ServicePrincipalCredentialKeyId ServicePrincipalCredentialThumbprint ServicePrincipalId ServicePrincipalName
  SourceSystem UniqueTokenIdentifier`;

/** `AADServicePrincipalSignInLogs`: sign-ins by applications and service principals. */
export const AAD_SERVICE_PRINCIPAL_SIGNIN_LOGS = tableFromSpec(
  "AADServicePrincipalSignInLogs",
  SERVICE_PRINCIPAL_SIGNIN_COLUMNS,
);

/** `AADManagedIdentitySignInLogs`: sign-ins by managed identities. */
export const AAD_MANAGED_IDENTITY_SIGNIN_LOGS = tableFromSpec(
  "AADManagedIdentitySignInLogs",
  SERVICE_PRINCIPAL_SIGNIN_COLUMNS,
);

/** `AuditLogs`: Entra ID directory audit records. */
export const AUDIT_LOGS = tableFromSpec(
  "AuditLogs",
  `TimeGenerated:datetime ResourceId OperationName OperationVersion Category ResultType ResultSignature
  ResultDescription DurationMs:long CorrelationId Resource ResourceGroup ResourceProvider Identity Level Location
  AdditionalDetails:dynamic Id InitiatedBy:dynamic LoggedByService Result ResultReason TargetResources:dynamic
  AADTenantId ActivityDisplayName ActivityDateTime:datetime AADOperationType SourceSystem`,
);

/** `AADUserRiskEvents`: Identity Protection risk detections. */
export const AAD_USER_RISK_EVENTS = tableFromSpec(
  "AADUserRiskEvents",
  `TimeGenerated:datetime Activity ActivityDateTime:datetime AdditionalInfo:dynamic CorrelationId
  DetectedDateTime:datetime DetectionTimingType Id IpAddress LastUpdatedDateTime:datetime Location:dynamic
  OperationName RequestId RiskDetail RiskEventType RiskLevel RiskState Source TokenIssuerType UserDisplayName
  UserId UserPrincipalName SourceSystem`,
);

/** `AADRiskyUsers`: users flagged by Identity Protection. */
export const AAD_RISKY_USERS = tableFromSpec(
  "AADRiskyUsers",
  `TimeGenerated:datetime Id IsDeleted:bool IsProcessing:bool OperationName RiskDetail
  RiskLastUpdatedDateTime:datetime RiskLevel RiskState UserDisplayName UserPrincipalName SourceSystem Category
  CorrelationId ResultSignature`,
);

/** `IdentityInfo`: account information synchronised by UEBA. */
export const IDENTITY_INFO = tableFromSpec(
  "IdentityInfo",
  `TimeGenerated:datetime AccountObjectId AccountSID AccountUPN AccountName AccountDomain AccountDisplayName
  AccountTenantId AccountCloudSID AccountCreationTime:datetime AdditionalMailAddresses:dynamic
  AssignedRoles:dynamic BlastRadius ChangeSource City CompanyName Country DeletedDateTime:datetime Department
  EmployeeId EntityRiskLevel ExtensionProperty:dynamic GivenName GroupMembership:dynamic InvestigationPriority:int
  InvestigationPriorityPercentile:int IsAccountEnabled:bool IsMFARegistered:bool IsServiceAccount:bool JobTitle
  MailAddress Manager OnPremisesDistinguishedName OnPremisesExtensionAttributes:dynamic Phone RelatedAccounts:dynamic
  RiskLevel RiskLevelDetails RiskState SAMAccountName ServicePrincipals:dynamic SourceSystem State StreetAddress
  Surname Tags:dynamic UserAccountControl:dynamic UserState UserStateChangedOn:datetime UserType`,
);

/** The tables of this group. */
export const ENTRA_TABLES = [
  SIGNIN_LOGS,
  AAD_NON_INTERACTIVE_USER_SIGNIN_LOGS,
  AAD_SERVICE_PRINCIPAL_SIGNIN_LOGS,
  AAD_MANAGED_IDENTITY_SIGNIN_LOGS,
  AUDIT_LOGS,
  AAD_USER_RISK_EVENTS,
  AAD_RISKY_USERS,
  IDENTITY_INFO,
] as const;
