/**
 * Kusto scalar types, shared by the binder, both back ends and the connectors' table schemas.
 *
 * Value representation at run time (one choice for every component, see docs/decisions/0001-value-model.md):
 * - `bool` → boolean; `int`, `long`, `real`, `decimal` → number; `string`, `guid` → string
 * - `datetime` → number of microseconds since 1970-01-01T00:00:00Z (UTC); `timespan` → number of microseconds.
 *   Microseconds keep every instant of the Kusto range in a safe integer and match DuckDB's TIMESTAMP precision,
 *   so both back ends agree; Kusto's 7th fractional digit (100 ns) is not kept.
 * - `dynamic` → a JSON value (object, array, string, number, boolean or null)
 * - null of any type → `null`
 */
export const SCALAR_TYPES = [
  "bool",
  "int",
  "long",
  "real",
  "decimal",
  "string",
  "datetime",
  "timespan",
  "guid",
  "dynamic",
] as const;

/** One of Kusto's scalar type names. */
export type ScalarType = typeof SCALAR_TYPES[number];

/** A column of a table schema. */
export interface ColumnSchema {
  readonly name: string;
  readonly type: ScalarType;
}

/** A table schema: Sentinel column names and types. */
export interface TableSchema {
  readonly name: string;
  readonly columns: readonly ColumnSchema[];
}

/** Whether a string names a Kusto scalar type (aliases such as `boolean`, `double` included). */
export function toScalarType(name: string): ScalarType | undefined {
  const lower = name.toLowerCase();
  if (lower in TYPE_ALIASES) return TYPE_ALIASES[lower];
  return (SCALAR_TYPES as readonly string[]).includes(lower) ? lower as ScalarType : undefined;
}

const TYPE_ALIASES: Record<string, ScalarType> = {
  boolean: "bool",
  int32: "int",
  int64: "long",
  double: "real",
  date: "datetime",
  time: "timespan",
  uniqueid: "guid",
};
