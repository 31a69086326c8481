import type { ColumnSchema } from "../symbols/types.ts";
import type { Value } from "../values/mod.ts";
import { layoutOf } from "./eval_context.ts";
import { missingValue, type Row, type Table } from "./push_operator.ts";

/** Merge tables by column name (first appearance order; a name seen with two types becomes dynamic). */
export function unionTables(parts: { name: string; table: Table }[], withSource: string | undefined): Table {
  const columns: ColumnSchema[] = [];
  if (withSource !== undefined) columns.push({ name: withSource, type: "string" });
  for (const { table } of parts) {
    for (const c of table.columns) {
      const at = columns.findIndex((x) => x.name === c.name);
      if (at < 0) columns.push(c);
      else if (columns[at].type !== c.type) columns[at] = { name: c.name, type: "dynamic" };
    }
  }
  const index = layoutOf(columns).index;
  const rows: Row[] = [];
  for (const { name, table } of parts) {
    const positions = table.columns.map((c) => index.get(c.name)!);
    for (const r of table.rows) {
      const row: Value[] = columns.map((c) => missingValue(c.type));
      if (withSource !== undefined) row[0] = name;
      for (let i = 0; i < positions.length; i++) row[positions[i]] = r[i];
      rows.push(row);
    }
  }
  return { columns, rows };
}
