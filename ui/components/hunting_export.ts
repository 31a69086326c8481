/**
 * Export a query result on the client, from the rows the page already holds: CSV (RFC 4180, with a header row)
 * and JSON (an array of objects keyed by column name, the shape most tools import).
 */

/** A result column. */
export interface ResultColumn {
  readonly name: string;
  readonly type: string;
}

/**
 * One CSV field: quoted when it holds a comma, quote, or line break; objects as JSON.
 *
 * @param value a cell value
 * @returns the field
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The result as CSV, lines ending in CRLF as RFC 4180 says.
 *
 * @param columns the columns
 * @param rows the rows
 * @returns the CSV text
 */
export function toCsv(columns: readonly ResultColumn[], rows: readonly (readonly unknown[])[]): string {
  const lines = [columns.map((c) => csvField(c.name)).join(",")];
  for (const row of rows) lines.push(row.map(csvField).join(","));
  return lines.join("\r\n") + "\r\n";
}

/**
 * The result as a JSON array of objects.
 *
 * @param columns the columns
 * @param rows the rows
 * @returns the JSON text
 */
export function toJsonRecords(
  columns: readonly ResultColumn[],
  rows: readonly (readonly unknown[])[],
): string {
  const names = columns.map((c) => c.name);
  return JSON.stringify(rows.map((row) => Object.fromEntries(names.map((n, i) => [n, row[i] ?? null]))));
}
