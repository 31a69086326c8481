import type { ColumnSchema, ScalarType } from "../symbols/mod.ts";

/**
 * The schema of a tabular value during binding. `open` means "more columns may exist than listed": true after
 * an error (so one unknown table does not also report every column it would have had), after plugins whose
 * output depends on data (`bag_unpack`, `pivot`), and for tables with type-suffixed dynamic columns.
 */
export interface TableType {
  readonly columns: readonly ColumnSchema[];
  readonly open: boolean;
  /** Rows have a defined order (after sort, top, serialize, ...), so `prev()`/`row_number()` are allowed. */
  readonly serialized: boolean;
  /** The catalog table this came from unchanged, for open-schema column lookups (AzureDiagnostics). */
  readonly table?: string;
}

/** A table with these columns. */
export function tableOf(columns: readonly ColumnSchema[], options?: Partial<TableType>): TableType {
  return {
    columns,
    open: options?.open ?? false,
    serialized: options?.serialized ?? false,
    table: options?.table,
  };
}

/** The table of an expression that failed to bind: any column may be referenced without a further error. */
export const ERROR_TABLE: TableType = { columns: [], open: true, serialized: true };

/** The column of that exact name, or `undefined`. */
export function findColumn(table: TableType, name: string): ColumnSchema | undefined {
  return table.columns.find((c) => c.name === name);
}

/**
 * The column a misspelt name most likely meant, for "did you mean" hints: one differing only in case, else
 * the closest within an edit distance of 2 (1 for short names).
 */
export function suggestColumn(table: TableType, name: string): string | undefined {
  const lower = name.toLowerCase();
  const sameCase = table.columns.find((c) => c.name.toLowerCase() === lower);
  if (sameCase !== undefined) return sameCase.name;
  const limit = name.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of table.columns) {
    if (Math.abs(c.name.length - name.length) > limit) continue;
    const d = editDistance(lower, c.name.toLowerCase(), limit);
    if (d < bestDistance) {
      best = c.name;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance, giving up (returning `limit + 1`) once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length];
}

/**
 * Add or replace columns as `extend` does: a new name goes at the end, an existing name keeps its place
 * and takes the new type.
 */
export function withColumns(table: TableType, added: readonly ColumnSchema[]): TableType {
  const columns = [...table.columns];
  for (const column of added) {
    const at = columns.findIndex((c) => c.name === column.name);
    if (at >= 0) columns[at] = column;
    else columns.push(column);
  }
  return { ...table, columns, table: undefined };
}

/**
 * A name not yet used by `taken`: the name itself, else the name followed by 1, 2, ... (Kusto's rule for
 * join collisions, `Account1`, and repeated aggregates, `count_1`).
 */
export function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  for (let i = 1;; i++) if (!taken.has(`${name}${i}`)) return `${name}${i}`;
}

/** The next free `Column1`, `Column2`, ... name for an unnamed expression. */
export function nextColumnName(taken: ReadonlySet<string>): string {
  for (let i = 1;; i++) if (!taken.has(`Column${i}`)) return `Column${i}`;
}

/** Whether a name matches a `*` wildcard pattern such as `Device*Events`. */
export function matchesWildcard(pattern: string, name: string): boolean {
  const regex = new RegExp(
    `^${pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`,
  );
  return regex.test(name);
}

/** A column of a given type. */
export function column(name: string, type: ScalarType): ColumnSchema {
  return { name, type };
}
