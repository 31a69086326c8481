/**
 * Microsoft Entra ID sign-ins (SigninLogs, AADNonInteractiveUserSignInLogs, AADServicePrincipalSignInLogs,
 * AADManagedIdentitySignInLogs rows) to ASIM Authentication. The client application is the acting app, the
 * resource signed in to is the target app, and the user (or service principal) is the target user.
 */
import type { ParsedRecord, Row } from "../connector.ts";
import { AsimRow, obj, str } from "./asim_row.ts";

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
  const upn = str(row, "UserPrincipalName");
  const principal = service ? str(row, "ServicePrincipalName") : undefined;
  const userId = service ? str(row, "ServicePrincipalId") : str(row, "UserId");
  const b = new AsimRow("Authentication", row.TimeGenerated);
  b.set("EventVendor", "Microsoft");
  b.set("EventProduct", "AAD");
  b.set("EventType", "Logon");
  b.set("EventSubType", SIGNIN_SUBTYPES[table]);
  b.set("EventResult", code === undefined ? undefined : success ? "Success" : "Failure");
  b.set("EventResultDetails", code === undefined || success ? undefined : RESULT_DETAILS[code] ?? "Other");
  b.set("EventOriginalResultDetails", code);
  b.set("EventMessage", str(row, "ResultDescription"));
  b.set("EventOriginalUid", str(row, "Id"));
  b.set("EventOriginalType", str(row, "Category") ?? table);
  b.set("EventSeverity", success ? "Informational" : "Low");
  b.set("TargetUsername", service ? principal : upn);
  b.set("TargetUsernameType", service ? "Simple" : "UPN");
  if (!service) b.set("TargetUserUpn", upn);
  b.set("TargetUserId", userId);
  b.set("TargetUserIdType", "AADID");
  b.set("TargetUserAadId", userId);
  b.set(
    "TargetUserType",
    service ? "Service Principal" : userType === "Guest" ? "Guest" : userType && "Regular",
  );
  b.set("TargetOriginalUserType", userType);
  b.set("TargetSessionId", str(row, "UniqueTokenIdentifier"));
  b.set("ActingAppId", str(row, "AppId"));
  b.set("ActingAppName", str(row, "AppDisplayName") ?? principal);
  b.set("ActingAppType", "Web application");
  b.set("TargetAppId", str(row, "ResourceIdentity"));
  b.set("TargetAppName", str(row, "ResourceDisplayName"));
  b.set("TargetAppType", "Web application");
  b.set("HttpUserAgent", str(row, "UserAgent"));
  b.set("LogonProtocol", str(row, "AuthenticationProtocol"));
  b.set(
    "LogonMethod",
    str(row, "AuthenticationRequirement") === "multiFactorAuthentication"
      ? "Multifactor authentication"
      : undefined,
  );
  b.set("SrcIpAddr", str(row, "IPAddress"));
  b.set("SrcGeoCountry", location?.countryOrRegion);
  b.set("SrcGeoRegion", location?.state);
  b.set("SrcGeoCity", location?.city);
  b.set("SrcGeoLatitude", geo?.latitude);
  b.set("SrcGeoLongitude", geo?.longitude);
  b.set("SrcDvcId", device?.deviceId);
  b.set("SrcDvcIdType", device?.deviceId ? "AADID" : undefined);
  b.set("SrcHostname", device?.displayName);
  b.set("SrcDvcOs", device?.operatingSystem);
  b.set("SrcRiskLevel", risk === undefined ? undefined : RISK[risk]);
  b.set("SrcOriginalRiskLevel", risk);
  return [b.record()];
}
