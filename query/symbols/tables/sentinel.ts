/**
 * Tables Sentinel itself writes: alerts, incidents, threat intelligence, watchlists; plus `OTelLogs`,
 * our own table for OTLP logs. Column names and types follow the Azure Monitor table reference.
 */
import { tableFromSpec } from "./table_spec.ts";

/** `SecurityAlert`: alerts from analytic rules and connected security products. */
export const SECURITY_ALERT = tableFromSpec(
  "SecurityAlert",
  `TimeGenerated:datetime DisplayName AlertName AlertSeverity Description ProviderName VendorName
  VendorOriginalId SystemAlertId ResourceId SourceComputerId AlertType ConfidenceLevel ConfidenceScore:real
  IsIncident:bool StartTime:datetime EndTime:datetime ProcessingEndTime:datetime RemediationSteps
  ExtendedProperties Entities SourceSystem WorkspaceSubscriptionId WorkspaceResourceGroup ExtendedLinks
  ProductName ProductComponentName AlertLink Status CompromisedEntity Tactics Techniques SubTechniques`,
);

/** `SecurityIncident`: incidents and their changes. */
export const SECURITY_INCIDENT = tableFromSpec(
  "SecurityIncident",
  `TimeGenerated:datetime IncidentName Title Description Severity Status Classification ClassificationComment
  ClassificationReason Owner:dynamic ProviderName ProviderIncidentId FirstActivityTime:datetime
  LastActivityTime:datetime FirstModifiedTime:datetime LastModifiedTime:datetime CreatedTime:datetime
  ClosedTime:datetime IncidentNumber:int RelatedAnalyticRuleIds:dynamic AlertIds:dynamic BookmarkIds:dynamic
  Comments:dynamic Tasks:dynamic Labels:dynamic IncidentUrl AdditionalData:dynamic ModifiedBy SourceSystem`,
);

/** `ThreatIntelligenceIndicator`: indicators of compromise from TI feeds. */
export const THREAT_INTELLIGENCE_INDICATOR = tableFromSpec(
  "ThreatIntelligenceIndicator",
  `TimeGenerated:datetime SourceSystem Action ActivityGroupNames AdditionalInformation Active:bool AzureTenantId
  ConfidenceScore:int Description DomainName EmailEncoding EmailLanguage EmailRecipient EmailSenderAddress
  EmailSenderName EmailSourceDomain EmailSourceIpAddress EmailSubject EmailXMailer ExpirationDateTime:datetime
  ExternalIndicatorId FileCompileDateTime:datetime FileCreatedDateTime:datetime FileHashType FileHashValue
  FileMutexName FileName FilePacker FilePath FileSize:int FileType IndicatorId IndicatorProvider
  KillChainActions:bool KillChainC2:bool KillChainDelivery:bool KillChainExploitation:bool
  KillChainReconnaissance:bool KillChainWeaponization:bool KnownFalsePositives MalwareNames NetworkCidrBlock
  NetworkDestinationAsn:int NetworkDestinationCidrBlock NetworkDestinationIP NetworkDestinationPort:int NetworkIP
  NetworkPort:int NetworkProtocol:int NetworkSourceAsn:int NetworkSourceCidrBlock NetworkSourceIP
  NetworkSourcePort:int PassiveOnly:bool Tags ThreatSeverity:int ThreatType TrafficLightProtocolLevel Url
  UserAgent`,
);

/** `Watchlist`: watchlist items as Sentinel stores them (`_GetWatchlist()` reads these). */
export const WATCHLIST = tableFromSpec(
  "Watchlist",
  `TimeGenerated:datetime AzureTenantId WatchlistId WatchlistName WatchlistAlias Source Provider
  CreatedBy:dynamic UpdatedBy:dynamic CreatedTimeUTC:datetime LastUpdatedTimeUTC:datetime Notes Tags:dynamic
  DefaultDuration TimeToLive:datetime WatchlistItem:dynamic WatchlistItemId EntityMapping:dynamic SearchKey
  CorrelationId WatchlistCategory _DTItemId _DTItemType _DTItemStatus _DTTimestamp:datetime`,
);

/** `BehaviorAnalytics`: UEBA-enriched activity with user, device and activity insights. */
export const BEHAVIOR_ANALYTICS = tableFromSpec(
  "BehaviorAnalytics",
  `TimeGenerated:datetime SourceRecordId UserName UserPrincipalName UserType SourceIPAddress
  SourceIPLocation SourceDevice DestinationIPAddress DestinationIPLocation DestinationDevice ActivityType
  ActionType EventSource EventVendor EventProductVersion UsersInsights:dynamic DevicesInsights:dynamic
  ActivityInsights:dynamic InvestigationPriority:int`,
);

/** `Anomalies`: anomalies found by Sentinel's machine-learning analytics (UEBA anomaly rules). */
export const ANOMALIES = tableFromSpec(
  "Anomalies",
  `TimeGenerated:datetime Id WorkspaceId VendorName AnomalyTemplateId AnomalyTemplateName AnomalyTemplateVersion
  RuleId RuleStatus RuleName RuleConfigVersion Score:real Description StartTime:datetime EndTime:datetime
  ExtendedLinks:dynamic Tactics Techniques UserName UserPrincipalName SourceIpAddress SourceLocation:dynamic
  SourceDevice DestinationIpAddress DestinationLocation:dynamic DestinationDevice ActivityInsights:dynamic
  DeviceInsights:dynamic UserInsights:dynamic AnomalyReasons:dynamic Entities:dynamic ExtendedProperties:dynamic
  AnomalyDetails:dynamic SourceSystem`,
);

/** `OTelLogs`: OpenTelemetry log records received on `/v1/logs` (our own table, not a Sentinel one). */
export const OTEL_LOGS = tableFromSpec(
  "OTelLogs",
  `TimeGenerated:datetime ObservedTimestamp:datetime SeverityText SeverityNumber:int Body:dynamic
  Attributes:dynamic Resource:dynamic TraceId SpanId`,
);

/** The tables of this group. */
export const SENTINEL_TABLES = [
  SECURITY_ALERT,
  SECURITY_INCIDENT,
  THREAT_INTELLIGENCE_INDICATOR,
  WATCHLIST,
  BEHAVIOR_ANALYTICS,
  ANOMALIES,
  OTEL_LOGS,
] as const;
