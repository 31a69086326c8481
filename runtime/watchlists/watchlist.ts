/**
 * Watchlists as Microsoft Sentinel has them: a named (aliased) table of reference data uploaded as CSV, with
 * one column chosen as the `SearchKey`. Rules read them with `_GetWatchlist('alias')`. Pure logic: building
 * one from CSV, editing items; the store and the HTTP routes live elsewhere.
 */
import { parseCsv } from "../cli/load_data.ts";

/** One row of a watchlist. */
export interface WatchlistItem {
  /** Stable id (`_DTItemId`). */
  readonly id: string;
  /** The row by CSV column name; every value is text, as in Sentinel. */
  readonly values: Readonly<Record<string, string>>;
  readonly created: string;
  readonly updated: string;
}

/** A watchlist with its items. */
export interface Watchlist {
  /** The name queries use: `_GetWatchlist('alias')`. */
  readonly alias: string;
  readonly watchlistId: string;
  readonly displayName: string;
  readonly description: string;
  readonly provider: string;
  readonly source: string;
  /** The CSV column whose value becomes `SearchKey`. */
  readonly searchKey: string;
  /** CSV columns, in file order. */
  readonly columns: readonly string[];
  readonly items: readonly WatchlistItem[];
  readonly created: string;
  readonly updated: string;
}

/** Letters, digits, `-` and `_` (KV keys and queries both take them as they are). */
export const WATCHLIST_ALIAS = /^[A-Za-z0-9_-]{1,100}$/;

/** What a client sends to create or replace a watchlist. */
export interface WatchlistInput {
  readonly alias: string;
  readonly searchKey: string;
  readonly csv: string;
  readonly displayName?: string;
  readonly description?: string;
  readonly provider?: string;
  readonly source?: string;
}

/** A user error in a watchlist or item (the message says what to fix). */
export class WatchlistError extends Error {
  override name = "WatchlistError";
}

/**
 * Build a watchlist from CSV text: the first row names the columns, each other row is an item.
 *
 * @param input alias, search key column and CSV text (plus optional display fields)
 * @param options `now` (ISO time of the change), `previous` (the watchlist being replaced: items whose search
 *   key is unchanged keep their ids) and `newId` (id source)
 * @returns the watchlist
 * @throws {WatchlistError} on a bad alias, a missing search key column, duplicate or empty headers, or rows
 *   with more fields than the header
 */
export function watchlistFromCsv(
  input: WatchlistInput,
  options: { now: string; previous?: Watchlist; newId?: () => string },
): Watchlist {
  const newId = options.newId ?? (() => crypto.randomUUID());
  if (!WATCHLIST_ALIAS.test(input.alias)) {
    throw new WatchlistError(
      `Invalid watchlist alias '${input.alias}': use 1 to 100 letters, digits, '-' or '_'`,
    );
  }
  const rows = parseCsv(input.csv);
  if (rows.length === 0) throw new WatchlistError("Invalid watchlist CSV: no header row");
  const columns = rows[0].map((c) => c.trim());
  const seen = new Set<string>();
  for (const column of columns) {
    if (column === "") throw new WatchlistError("Invalid watchlist CSV: a header is empty");
    if (seen.has(column)) throw new WatchlistError(`Invalid watchlist CSV: column '${column}' appears twice`);
    seen.add(column);
  }
  if (!seen.has(input.searchKey)) {
    throw new WatchlistError(
      `Invalid watchlist: search key column '${input.searchKey}' is not in the CSV header (${
        columns.join(", ")
      })`,
    );
  }
  const oldIds = new Map<string, string[]>();
  for (const item of options.previous?.items ?? []) {
    const key = item.values[options.previous!.searchKey] ?? "";
    oldIds.set(key, [...(oldIds.get(key) ?? []), item.id]);
  }
  const items: WatchlistItem[] = [];
  for (const [i, row] of rows.slice(1).entries()) {
    if (row.length > columns.length) {
      throw new WatchlistError(
        `Invalid watchlist CSV: row ${i + 2} has ${row.length} fields, the header ${columns.length}`,
      );
    }
    const values = Object.fromEntries(columns.map((c, j) => [c, row[j] ?? ""]));
    const reused = oldIds.get(values[input.searchKey])?.shift();
    items.push({ id: reused ?? newId(), values, created: options.now, updated: options.now });
  }
  const previous = options.previous;
  return {
    alias: input.alias,
    watchlistId: previous?.watchlistId ?? newId(),
    displayName: input.displayName ?? previous?.displayName ?? input.alias,
    description: input.description ?? previous?.description ?? "",
    provider: input.provider ?? previous?.provider ?? "Custom",
    source: input.source ?? previous?.source ?? "Local file",
    searchKey: input.searchKey,
    columns,
    items,
    created: previous?.created ?? options.now,
    updated: options.now,
  };
}

/**
 * Add or replace one item. Columns the watchlist does not have are refused, missing ones are empty.
 *
 * @param list the watchlist
 * @param item the item id and its values
 * @param now ISO time of the change
 * @returns the new watchlist
 * @throws {WatchlistError} on an unknown column or a non-text value
 */
export function withItem(
  list: Watchlist,
  item: { id: string; values: Record<string, unknown> },
  now: string,
): Watchlist {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(item.values)) {
    if (!list.columns.includes(key)) {
      throw new WatchlistError(
        `Unknown watchlist column '${key}': '${list.alias}' has ${list.columns.join(", ")}`,
      );
    }
    if (value !== null && typeof value === "object") {
      throw new WatchlistError(`Invalid value of column '${key}': expected text, a number or a boolean`);
    }
    values[key] = value === null || value === undefined ? "" : String(value);
  }
  const full = Object.fromEntries(list.columns.map((c) => [c, values[c] ?? ""]));
  const existing = list.items.find((i) => i.id === item.id);
  const next: WatchlistItem = { id: item.id, values: full, created: existing?.created ?? now, updated: now };
  const items = existing ? list.items.map((i) => i.id === item.id ? next : i) : [...list.items, next];
  return { ...list, items, updated: now };
}

/**
 * Remove one item.
 *
 * @returns the new watchlist, or `undefined` when it has no item of that id
 */
export function withoutItem(list: Watchlist, id: string, now: string): Watchlist | undefined {
  if (!list.items.some((i) => i.id === id)) return undefined;
  return { ...list, items: list.items.filter((i) => i.id !== id), updated: now };
}
