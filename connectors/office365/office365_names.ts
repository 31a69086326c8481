/**
 * Names of the Management Activity API's numeric enums, as OfficeActivity shows them (Sentinel writes
 * `RecordType` and `UserType` as names, the API sends numbers).
 */

/** AuditLogRecordType values. */
export const RECORD_TYPES: Readonly<Record<number, string>> = {
  1: "ExchangeAdmin",
  2: "ExchangeItem",
  3: "ExchangeItemGroup",
  4: "SharePoint",
  6: "SharePointFileOperation",
  7: "OneDrive",
  8: "AzureActiveDirectory",
  9: "AzureActiveDirectoryAccountLogon",
  10: "DataCenterSecurityCmdlet",
  11: "ComplianceDLPSharePoint",
  13: "ComplianceDLPExchange",
  14: "SharePointSharingOperation",
  15: "AzureActiveDirectoryStsLogon",
  18: "SecurityComplianceCenterEOPCmdlet",
  20: "PowerBIAudit",
  25: "MicrosoftTeams",
  28: "ThreatIntelligence",
  29: "MailSubmission",
  36: "SharePointListOperation",
  40: "SecurityComplianceAlerts",
  41: "ThreatIntelligenceUrl",
  47: "ThreatIntelligenceAtpContent",
  50: "ExchangeItemAggregated",
  52: "DataInsightsRestApiAudit",
  64: "AirInvestigation",
};

/** UserType values. */
export const USER_TYPES: Readonly<Record<number, string>> = {
  0: "Regular",
  1: "Reserved",
  2: "Admin",
  3: "DcAdmin",
  4: "System",
  5: "Application",
  6: "ServicePrincipal",
  7: "CustomPolicy",
  8: "SystemPolicy",
};
