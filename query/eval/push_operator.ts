/**
 * The operator contract of the evaluator: rows are arrays of values indexed by column position (the layout is
 * fixed once per operator, when its input schema is known), and every tabular operator is a push operator that
 * can be fed one batch at a time and is told when its input ends.
 */
import type { ColumnSchema } from "../symbols/types.ts";
import type { Value } from "../values/mod.ts";

/** One row: values by column position. */
export type Row = Value[];

/** A compiled scalar expression: evaluates against one row of its operator's input layout. */
export type Eval = (row: Row) => Value;

/** A push operator: receives batches of rows, then `finish()` once (after which it flushes downstream). */
export interface PushOperator {
  push(rows: readonly Row[]): void;
  finish(): void;
}

/**
 * Creates the rest of a pipeline once the schema it will receive is known. Most operators know their output
 * schema when compiled; data-dependent ones (`bag_unpack`, `pivot`) call it when their input has ended.
 */
export type Downstream = (columns: readonly ColumnSchema[]) => PushOperator;

/** A materialized table. */
export interface Table {
  readonly columns: readonly ColumnSchema[];
  readonly rows: Row[];
}

/** The index of each column name in a layout. */
export function columnIndex(columns: readonly ColumnSchema[]): Map<string, number> {
  const index = new Map<string, number>();
  columns.forEach((c, i) => index.set(c.name, i));
  return index;
}

/** The value a missing cell gets in a column: Kusto strings are never null, they are empty. */
export function missingValue(type: ColumnSchema["type"]): Value {
  return type === "string" ? "" : null;
}
