/**
 * Loads rows of our values into a DuckDB table of the storage convention with batched `INSERT ... VALUES`
 * statements of escaped literals. For test data, CLI `--data` files and small tables; the snapshotter has its
 * own bulk path.
 */
import { createTableSql, quoteIdent, sqlLiteral } from "../../query/sql/mod.ts";
import type { TableSchema } from "../../query/mod.ts";
import type { Value } from "../../query/values/mod.ts";
import type { DuckDbConnection } from "./open_duckdb.ts";

const BATCH = 500;

/**
 * Create the table (when missing) and append the rows.
 *
 * @param conn the connection
 * @param schema the table schema (rows follow its column order)
 * @param rows the rows
 */
export function insertRows(
  conn: DuckDbConnection,
  schema: TableSchema,
  rows: readonly (readonly Value[])[],
): void {
  conn.query(createTableSql(schema, { ifNotExists: true }));
  const columns = schema.columns.map((c) => quoteIdent(c.name)).join(", ");
  for (let i = 0; i < rows.length; i += BATCH) {
    const values = rows.slice(i, i + BATCH).map((row) =>
      `(${
        schema.columns.map((c, j) => {
          const v = row[j] ?? null;
          return sqlLiteral(v, c.type) ??
            sqlLiteral(typeof v === "string" ? v.toWellFormed() : null, c.type) ?? "NULL";
        }).join(", ")
      })`
    );
    conn.query(`INSERT INTO ${quoteIdent(schema.name)} (${columns}) VALUES ${values.join(", ")}`);
  }
}
