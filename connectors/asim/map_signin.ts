/**
 * Microsoft Entra ID sign-ins (SigninLogs, AADNonInteractiveUserSignInLogs, AADServicePrincipalSignInLogs,
 * AADManagedIdentitySignInLogs rows) to ASIM Authentication. The client application is the acting app, the
 * resource signed in to is the target app, and the user (or service principal) is the target user.
 */
import type { ParsedRecord, Row } from "../connector.ts";
import { asimRecord, obj, str } from "./asim_row.ts";

/** The sign-in tables and the `EventSubType` of their sign-ins. */
export const SIGNIN_SUBTYPES: Readonly<Record<string, string>> = {
  SigninLogs: "Interactive",
  AADNonInteractiveUserSignInLogs: "NonInteractive",
  AADServicePrincipalSignInLogs: "Service",
  AADManagedIdentitySignInLogs: "Service",
};

/** Entra result codes to ASIM's `EventResultDetails`; other failures are `Other`. */
const RESULT_DETAILS: Readonly<Record<string, string>> = {
  "50034": "No such user",
  "50053": "User locked",
  "50055": "Password expired",
  "50056": "Incorrect password",
  "50057": "User disabled",
  "50126": "No such user or password",
  "50144": "Password expired",
  "53003": "Logon violates policy",
  "530032": "Logon violates policy",
  "50105": "Logon violates policy",
  "50133": "Session expired",
  "70043": "Session expired",
};

/** Entra risk levels to ASIM's 0-100 risk scale. */
const RISK: Readonly<Record<string, number>> = { none: 0, low: 30, medium: 60, high: 90 };

/**
 * The ASim Authentication record of a sign-in row.
 *
 * @param table The sign-in table the row belongs to.
 * @param row The row.
 * @returns One record.
 * @example
 * ```ts
 * const [auth] = mapSignin("SigninLogs", { TimeGenerated: "2024-01-01T00:00:00.000Z", ResultType: "50126",
 *   UserPrincipalName: "bob@contoso.com" });
 * auth.row.EventResult; // "Failure"
 * ```
 */
export function mapSignin(table: string, row: Row): ParsedRecord[] {
  const code = str(row, "ResultType");
  const success = code === "0";
  const service = SIGNIN_SUBTYPES[table] === "Service";
  const location = obj(row, "LocationDetails");
  const geo = location?.geoCoordinates as Record<string, unknown> | undefined;
  const device = obj(row, "DeviceDetail");
  const risk = str(row, "RiskLevelDuringSignIn");
  const userType = str(row, "UserType");
  return [asimRecord("Authentication", {
    TimeGenerated: row.TimeGenerated,
    EventVendor: "Microsoft",
    EventProduct: "AAD",
    EventType: "Logon",
    EventSubType: SIGNIN_SUBTYPES[table],
    EventResult: code === undefined ? undefined : success ? "Success" : "Failure",
    EventResultDetails: code === undefined || success ? undefined : RESULT_DETAILS[code] ?? "Other",
    EventOriginalResultDetails: code,
    EventMessage: str(row, "ResultDescription"),
    EventOriginalUid: str(row, "Id"),
    EventOriginalType: str(row, "Category") ?? table,
    EventSeverity: success ? "Informational" : "Low",
    TargetUsername: service ? str(row, "ServicePrincipalName") : str(row, "UserPrincipalName"),
    TargetUsernameType: service ? "Simple" : "UPN",
    TargetUserUpn: service ? undefined : str(row, "UserPrincipalName"),
    TargetUserId: service ? str(row, "ServicePrincipalId") : str(row, "UserId"),
    TargetUserIdType: "AADID",
    TargetUserAadId: service ? str(row, "ServicePrincipalId") : str(row, "UserId"),
    TargetUserType: service ? "Service Principal" : userType === "Guest" ? "Guest" : userType && "Regular",
    TargetOriginalUserType: userType,
    TargetSessionId: str(row, "UniqueTokenIdentifier"),
    ActingAppId: str(row, "AppId"),
    ActingAppName: str(row, "AppDisplayName") ?? (service ? str(row, "ServicePrincipalName") : undefined),
    ActingAppType: "Web application",
    TargetAppId: str(row, "ResourceIdentity"),
    TargetAppName: str(row, "ResourceDisplayName"),
    TargetAppType: "Web application",
    HttpUserAgent: str(row, "UserAgent"),
    LogonProtocol: str(row, "AuthenticationProtocol"),
    LogonMethod: str(row, "AuthenticationRequirement") === "multiFactorAuthentication"
      ? "Multifactor authentication"
      : undefined,
    SrcIpAddr: str(row, "IPAddress"),
    SrcGeoCountry: location?.countryOrRegion,
    SrcGeoRegion: location?.state,
    SrcGeoCity: location?.city,
    SrcGeoLatitude: geo?.latitude,
    SrcGeoLongitude: geo?.longitude,
    SrcDvcId: device?.deviceId,
    SrcDvcIdType: device?.deviceId ? "AADID" : undefined,
    SrcHostname: device?.displayName,
    SrcDvcOs: device?.operatingSystem,
    SrcRiskLevel: risk === undefined ? undefined : RISK[risk],
    SrcOriginalRiskLevel: risk,
  })];
}
