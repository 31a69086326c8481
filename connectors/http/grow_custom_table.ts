/**
 * Custom `*_CL` tables are created on first use and grow a column whenever a record brings a new field, as Log
 * Analytics' custom tables do. Existing columns never change type (a query bound yesterday stays valid).
 */
import { type ColumnSchema, type TableSchema } from "../../query/symbols/mod.ts";
import type { JsonRecord } from "../generic/split_json_body.ts";
import { inferTableSchema } from "../generic/infer_table_schema.ts";

/** Custom table names as Log Analytics allows them. */
export const CUSTOM_TABLE = /^[A-Za-z][A-Za-z0-9_]{0,252}_CL$/;

/**
 * The schema of a custom table after these records.
 *
 * @param name the table name (matching CUSTOM_TABLE)
 * @param existing its current schema, when it exists
 * @param records the request's records
 * @returns the schema, and whether it differs from `existing`
 *
 * @example
 * ```ts
 * import { growCustomTable } from "./grow_custom_table.ts";
 * const first = growCustomTable("App_CL", undefined, [{ index: 0, value: { user: "a" }, raw: "" }]);
 * const next = growCustomTable("App_CL", first.schema, [{ index: 0, value: { n: 1 }, raw: "" }]);
 * next.schema.columns.map((c) => c.name); // ["TimeGenerated", "user", "n"]
 * ```
 */
export function growCustomTable(
  name: string,
  existing: TableSchema | undefined,
  records: readonly JsonRecord[],
): { schema: TableSchema; changed: boolean } {
  const inferred = inferTableSchema(name, records.map((r) => r.value));
  if (!existing) return { schema: inferred, changed: true };
  const known = new Set(existing.columns.map((c) => c.name));
  const added: ColumnSchema[] = inferred.columns.filter((c) => !known.has(c.name));
  return added.length === 0
    ? { schema: existing, changed: false }
    : { schema: { name, columns: [...existing.columns, ...added] }, changed: true };
}
