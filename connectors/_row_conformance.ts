/**
 * Test support (private to connectors/): checks that a row uses only its table's columns, with the row encoding of
 * each column's type (connectors/connector.ts). Shared by the conformance and fuzz tests.
 */

import { BUILTIN_TABLES, type ScalarType, type TableSchema } from "../query/symbols/mod.ts";
import type { ParsedRecord } from "./connector.ts";

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(\d{3})?Z$/;
const TIMESPAN = /^-?(\d+\.)?\d{2}:\d{2}:\d{2}(\.\d{1,7})?$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const SCHEMAS = new Map(BUILTIN_TABLES.map((table) => [table.name, table]));

/**
 * The problems of a record against the catalog (or the given custom schemas); empty when it conforms.
 *
 * @param record The record.
 * @param custom Schemas of custom tables produced alongside.
 * @returns One message per problem.
 */
export function rowProblems(
  record: ParsedRecord,
  custom: ReadonlyMap<string, TableSchema> = new Map(),
): string[] {
  const schema = SCHEMAS.get(record.table) ?? custom.get(record.table);
  if (!schema) return [`table "${record.table}" is not in the catalog`];
  const types = new Map(schema.columns.map((column) => [column.name, column.type]));
  const problems: string[] = [];
  if (typeof record.row.TimeGenerated !== "string") problems.push(`${record.table}: no TimeGenerated`);
  for (const [name, value] of Object.entries(record.row)) {
    const type = types.get(name);
    if (type === undefined) problems.push(`${record.table}.${name}: no such column`);
    else if (!fits(type, value)) {
      problems.push(`${record.table}.${name}: ${JSON.stringify(value)} is not a ${type}`);
    }
  }
  return problems;
}

function fits(type: ScalarType, value: unknown): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "guid":
      return typeof value === "string" && GUID.test(value);
    case "int":
      return Number.isSafeInteger(value) && Math.abs(value as number) <= 2 ** 31;
    case "long":
      return Number.isSafeInteger(value);
    case "real":
    case "decimal":
      return typeof value === "number" && Number.isFinite(value);
    case "bool":
      return typeof value === "boolean";
    case "datetime":
      return typeof value === "string" && DATETIME.test(value) && !Number.isNaN(Date.parse(value));
    case "timespan":
      return typeof value === "string" && TIMESPAN.test(value);
    case "dynamic":
      return value !== undefined;
  }
}
