/** Formatting shared by the pages. */

/**
 * A timestamp in the reader's locale, or the text as is when it does not parse.
 *
 * @param iso an ISO 8601 timestamp
 * @returns a short local date and time
 */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return "";
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t).toLocaleString();
}

/**
 * One line naming an entity by its most telling fields.
 *
 * @param entity an alert or incident entity
 * @returns e.g. `host: web1`
 */
export function describeEntity(entity: { Type: string; [k: string]: unknown }): string {
  const fields = Object.entries(entity).filter(([k, v]) =>
    k !== "Type" && v !== null && v !== undefined && v !== ""
  );
  return `${entity.Type}: ${
    fields.map(([k, v]) => `${k}=${typeof v === "object" ? JSON.stringify(v) : v}`).join(", ")
  }`;
}

/**
 * A cell's text for the triggering-rows table.
 *
 * @param value any JSON value
 * @returns text
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}
