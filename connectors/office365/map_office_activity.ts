import * as v from "valibot";
import type { ParseContext, ParsedRecord } from "../connector.ts";
import { RowEncoder } from "../encode/row_encoder.ts";
import { describeIssues } from "../generic/describe_issues.ts";
import { RECORD_TYPES, USER_TYPES } from "./office365_names.ts";
import { ManagementActivitySchema } from "./schema.ts";

/** The table Office 365 records go to. */
export const OFFICE_TABLE = "OfficeActivity";

const ENCODER = RowEncoder.forTable(OFFICE_TABLE);

/** API field names whose OfficeActivity column differs; other fields keep their (PascalCase) name. */
const RENAMED: Readonly<Record<string, string>> = {
  Id: "OfficeId",
  Workload: "OfficeWorkload",
  ObjectId: "OfficeObjectId",
  SiteUrl: "Site_Url",
  Site: "Site_",
  ClientIPAddress: "Client_IPAddress",
  OrganizationId: "OrganizationId",
  ModifiedProperties: "ModifiedProperties",
  SourceName: "Source_Name",
  EventData: "Event_Data",
  StartTime: "Start_Time",
  LogonType: "Logon_Type",
};

/**
 * Map a Management Activity API record to an OfficeActivity row: the common schema plus every workload field that
 * has a column (Exchange, SharePoint/OneDrive, Azure AD, Teams), with RecordType and UserType as names.
 * CreationTime is UTC without a zone marker, as the API documents.
 *
 * @param record The record.
 * @param _context Unused: records always carry CreationTime.
 * @returns The OfficeActivity record, or why it was rejected.
 * @example
 * ```ts
 * mapOfficeActivity({ Id: "1", CreationTime: "2024-01-01T00:00:00", Operation: "FileAccessed", RecordType: 6 },
 *   { receivedAt: new Date() }); // row.RecordType === "SharePointFileOperation"
 * ```
 */
export function mapOfficeActivity(record: unknown, _context: ParseContext): ParsedRecord | { error: string } {
  const parsed = v.safeParse(ManagementActivitySchema, record);
  if (!parsed.success) return { error: describeIssues("Office 365 audit record", parsed.issues) };
  const r = parsed.output as Record<string, unknown> & typeof parsed.output;
  const values: Record<string, unknown> = {};
  for (const key in r) values[RENAMED[key] ?? key] = r[key];
  const recordType = typeof r.RecordType === "number"
    ? RECORD_TYPES[r.RecordType] ?? String(r.RecordType)
    : r.RecordType;
  const userType = typeof r.UserType === "number" ? USER_TYPES[r.UserType] ?? String(r.UserType) : r.UserType;
  Object.assign(values, {
    TimeGenerated: r.CreationTime,
    RecordType: recordType,
    UserType: userType,
    ClientIP: r.ClientIP ?? r.ActorIpAddress ?? r.ClientIPAddress,
    OfficeTenantId: r.OrganizationId,
    SourceSystem: "OfficeActivityManager",
  });
  return { table: OFFICE_TABLE, row: ENCODER.encode(values) };
}
