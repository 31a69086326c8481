import { type ColumnSchema, type TableSchema, toScalarType } from "../types.ts";

/**
 * Columns every Log Analytics table carries besides its own (Azure Monitor "standard columns"). Rules
 * use `Type`, `TenantId` and `_ResourceId` on any table, so the catalog adds them where a table lacks them.
 */
export const STANDARD_COLUMNS: readonly ColumnSchema[] = [
  { name: "TenantId", type: "string" },
  { name: "Type", type: "string" },
  { name: "_ResourceId", type: "string" },
  { name: "_SubscriptionId", type: "string" },
  { name: "_BilledSize", type: "real" },
  { name: "_IsBillable", type: "string" },
];

/**
 * Build a table schema from a compact column list: whitespace-separated `Name:type` items, where a bare
 * `Name` means `string` (most Sentinel columns are strings, so the lists stay readable). Standard columns
 * are appended when missing.
 *
 * The spec is trusted, built-in data: a bad type name is a programming error and throws at module load,
 * so a typo can never ship silently.
 *
 * @param name the table name, case-sensitive as in Kusto
 * @param spec the column list
 * @returns the schema
 * @example
 * ```ts
 * import { tableFromSpec } from "./table_spec.ts";
 * tableFromSpec("Demo", "TimeGenerated:datetime Computer EventID:int").columns.length; // 3 + standard columns
 * ```
 */
export function tableFromSpec(name: string, spec: string): TableSchema {
  const columns: ColumnSchema[] = [];
  const seen = new Set<string>();
  for (const item of spec.split(/\s+/)) {
    if (item === "") continue;
    const colon = item.indexOf(":");
    const column = colon < 0 ? item : item.slice(0, colon);
    const type = colon < 0 ? "string" : toScalarType(item.slice(colon + 1));
    if (type === undefined) throw new Error(`Invalid column type in table '${name}': '${item}'`);
    if (seen.has(column)) throw new Error(`Duplicate column in table '${name}': '${column}'`);
    seen.add(column);
    columns.push({ name: column, type });
  }
  for (const standard of STANDARD_COLUMNS) {
    if (!seen.has(standard.name)) columns.push(standard);
  }
  return { name, columns };
}
