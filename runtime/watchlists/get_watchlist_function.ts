/**
 * `_GetWatchlist('alias')` and `_GetWatchlistAlias` as stored functions generated from the watchlists: the
 * items are written into the function body as `datatable` literals, so every back end (evaluator, planners,
 * SQL) runs them like any other stored function, and an edit reaches rules as a new catalog.
 */
import type { StoredFunction } from "../../query/mod.ts";
import type { Watchlist } from "./watchlist.ts";

/** Columns `_GetWatchlist` always returns, ahead of the CSV columns (Sentinel's names and types). */
const FIXED = [
  "_DTItemId:string",
  "LastUpdatedTimeUTC:datetime",
  "SearchKey:string",
  "WatchlistItem:dynamic",
];
const FIXED_NAMES = new Set(FIXED.map((c) => c.split(":")[0]));

/** A KQL string literal for any text (JSON escapes are KQL escapes too, once \b and \f are spelled out). */
export function kqlString(text: string): string {
  return JSON.stringify(text).replaceAll("\\b", "\\u0008").replaceAll("\\f", "\\u000c");
}

function columnName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `[${kqlString(name)}]`;
}

function table(list: Watchlist): string {
  const extra = list.columns.filter((c) => !FIXED_NAMES.has(c));
  const header = [...FIXED, ...extra.map((c) => `${columnName(c)}:string`)].join(", ");
  const rows = list.items.map((item) =>
    [
      kqlString(item.id),
      `datetime(${item.updated})`,
      kqlString(item.values[list.searchKey] ?? ""),
      `dynamic(${JSON.stringify(item.values)})`,
      ...extra.map((c) => kqlString(item.values[c] ?? "")),
    ].join(", ")
  );
  const body = rows.length === 0 ? "" : `\n    ${rows.join(",\n    ")}\n  `;
  return `(datatable(${header}) [${body}] | where watchlistAlias =~ ${kqlString(list.alias)})`;
}

/**
 * The two watchlist functions for the current watchlists.
 *
 * @param watchlists every watchlist
 * @returns `_GetWatchlist(watchlistAlias:string)` (an unknown alias gives no rows, with the fixed columns)
 *   and `_GetWatchlistAlias` (one row per watchlist)
 * @example
 * ```ts
 * import { watchlistFunctions } from "./get_watchlist_function.ts";
 * watchlistFunctions([]).map((f) => f.name); // ["_GetWatchlist", "_GetWatchlistAlias"]
 * ```
 */
export function watchlistFunctions(watchlists: readonly Watchlist[]): StoredFunction[] {
  const sorted = [...watchlists].sort((a, b) => a.alias.localeCompare(b.alias));
  const parts = [`(datatable(${FIXED.join(", ")}) [])`, ...sorted.map(table)];
  const aliases = sorted.map((w) => kqlString(w.alias)).join(", ");
  return [
    {
      name: "_GetWatchlist",
      parameters: [{ name: "watchlistAlias", type: "string" }],
      body: `union isfuzzy=true\n  ${parts.join(",\n  ")}`,
      folder: "Watchlists",
      docString: "Items of the watchlist with this alias",
      source: "watchlists",
    },
    {
      name: "_GetWatchlistAlias",
      parameters: [],
      body: `datatable(WatchlistAlias:string) [${aliases}]`,
      folder: "Watchlists",
      docString: "Aliases of the watchlists",
      source: "watchlists",
    },
  ];
}
