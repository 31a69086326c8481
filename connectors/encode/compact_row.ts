import type { JsonValue, Row } from "../connector.ts";

/**
 * Drop the absent columns of a mapped row: mappers list every column they know, with null or undefined where the
 * source had nothing, and the row on the wire carries only the present ones (absent means null, see
 * connectors/connector.ts).
 *
 * @param columns Column name to value, null or undefined.
 * @returns The row without its null and undefined entries.
 * @example
 * ```ts
 * compactRow({ Computer: "web01", HostIP: null }); // { Computer: "web01" }
 * ```
 */
export function compactRow(columns: Record<string, JsonValue | undefined>): Row {
  const row: Row = {};
  for (const [name, value] of Object.entries(columns)) {
    if (value !== null && value !== undefined) row[name] = value;
  }
  return row;
}
