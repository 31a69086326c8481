/**
 * Column names from a source's field names: Microsoft's JSON APIs name fields in camelCase and the Sentinel
 * columns are the same names in PascalCase (`userPrincipalName` → `UserPrincipalName`), with a few exceptions a
 * connector lists.
 *
 * @param record The source object.
 * @param overrides Field name to column name where the rule does not hold; `null` drops the field.
 * @returns Column name to value (columns the table lacks are left for the RowEncoder to drop).
 * @example
 * ```ts
 * renameKeys({ ipAddress: "1.2.3.4", appId: "x" }, { ipAddress: "IPAddress" }); // { IPAddress: "1.2.3.4", AppId: "x" }
 * ```
 */
export function renameKeys(
  record: Readonly<Record<string, unknown>>,
  overrides: Readonly<Record<string, string | null>> = {},
): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  for (const key in record) {
    const override = Object.hasOwn(overrides, key) ? overrides[key] : undefined;
    if (override === null) continue;
    columns[override ?? key.charAt(0).toUpperCase() + key.slice(1)] = record[key];
  }
  return columns;
}
