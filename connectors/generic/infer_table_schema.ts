import type { ColumnSchema, ScalarType, TableSchema } from "../../query/symbols/mod.ts";
import { parseDatetime } from "../encode/datetime.ts";

/**
 * The column name a source field gets in a custom table: Sentinel exports' ` [UTC]` header suffix is dropped and
 * characters Kusto does not allow in a plain column name become `_` (`host.name` → `host_name`).
 *
 * @param field The source field name.
 * @returns The column name, or null when nothing usable is left.
 * @example
 * ```ts
 * columnName("TimeGenerated [UTC]"); // "TimeGenerated"
 * ```
 */
export function columnName(field: string): string | null {
  const name = field.replace(/ \[UTC\]$/, "").replace(/[^A-Za-z0-9_]/g, "_").replace(/^(\d)/, "_$1");
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && /[A-Za-z0-9]/.test(name) ? name.slice(0, 500) : null;
}

/**
 * Infer a custom (`_CL`) table's schema from its first records, as Log Analytics does for a new custom table:
 * TimeGenerated is always a datetime; other columns take the type of their values (bool, long, real, datetime for
 * ISO 8601 strings, dynamic for objects and arrays, else string), and a column whose values disagree becomes a
 * string (long and real together become real).
 *
 * @param name The table name.
 * @param records The records (objects; other values are skipped).
 * @returns The schema, columns in order of first appearance after TimeGenerated.
 * @example
 * ```ts
 * inferTableSchema("App_CL", [{ user: "a", n: 1, ok: true }]).columns.map((c) => c.type);
 * // ["datetime", "string", "long", "bool"]
 * ```
 */
export function inferTableSchema(name: string, records: readonly unknown[]): TableSchema {
  const types = new Map<string, ScalarType>([["TimeGenerated", "datetime"]]);
  for (const record of records) {
    if (record === null || typeof record !== "object" || Array.isArray(record)) continue;
    for (const [field, value] of Object.entries(record)) {
      const column = columnName(field);
      if (column === null || column === "TimeGenerated" || value === null || value === undefined) continue;
      const type = typeOf(value);
      const known = types.get(column);
      types.set(column, known === undefined || known === type ? type : merge(known, type));
    }
  }
  const columns: ColumnSchema[] = [...types].map(([column, type]) => ({ name: column, type }));
  return { name, columns };
}

function typeOf(value: unknown): ScalarType {
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number") return Number.isInteger(value) ? "long" : "real";
  if (typeof value === "string") {
    return /^\d{4}-\d{2}-\d{2}T/.test(value) && parseDatetime(value) ? "datetime" : "string";
  }
  return "dynamic";
}

function merge(a: ScalarType, b: ScalarType): ScalarType {
  if ((a === "long" && b === "real") || (a === "real" && b === "long")) return "real";
  return "string";
}
