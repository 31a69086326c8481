/**
 * `Watchlist` table rows for watchlist changes, as Sentinel logs them: one row per item created, updated or
 * deleted (`_DTItemType` `watchlist-item`, `_DTItemStatus` `Create`/`Update`/`Delete`), so `Watchlist | ...`
 * queries see the history while `_GetWatchlist` gives the current items.
 */
import type { Watchlist, WatchlistItem } from "./watchlist.ts";

/** What happened to the items. */
export type ItemStatus = "Create" | "Update" | "Delete";

/**
 * The rows for some items of a watchlist.
 *
 * @param list the watchlist (after the change; before it for deletions)
 * @param changes the items and what happened to each
 * @param now ISO time of the change
 * @returns one row per item, keyed by `Watchlist` column names
 */
export function watchlistRows(
  list: Watchlist,
  changes: readonly { item: WatchlistItem; status: ItemStatus }[],
  now: string,
): Record<string, unknown>[] {
  return changes.map(({ item, status }) => ({
    TimeGenerated: now,
    WatchlistId: list.watchlistId,
    WatchlistName: list.displayName,
    WatchlistAlias: list.alias,
    Source: list.source,
    Provider: list.provider,
    CreatedTimeUTC: item.created,
    LastUpdatedTimeUTC: status === "Delete" ? now : item.updated,
    WatchlistItem: item.values,
    WatchlistItemId: item.id,
    SearchKey: item.values[list.searchKey] ?? "",
    _DTItemId: item.id,
    _DTItemType: "watchlist-item",
    _DTItemStatus: status,
    _DTTimestamp: now,
  }));
}

/**
 * What changed between two versions of a watchlist, item by item.
 *
 * @param before the old version (absent: everything is new)
 * @param after the new version (absent: everything is deleted)
 * @returns the changed items with their status
 */
export function itemChanges(
  before: Watchlist | undefined,
  after: Watchlist | undefined,
): { item: WatchlistItem; status: ItemStatus }[] {
  const old = new Map((before?.items ?? []).map((i) => [i.id, i]));
  const out: { item: WatchlistItem; status: ItemStatus }[] = [];
  for (const item of after?.items ?? []) {
    const prior = old.get(item.id);
    old.delete(item.id);
    if (!prior) out.push({ item, status: "Create" });
    else if (JSON.stringify(prior.values) !== JSON.stringify(item.values)) {
      out.push({ item, status: "Update" });
    }
  }
  for (const item of old.values()) out.push({ item, status: "Delete" });
  return out;
}
