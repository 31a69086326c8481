/**
 * The workspace content queries can call besides tables: stored functions (`siem_functions`) and the watchlist
 * functions generated from `siem_watchlists`. Every place that binds a query (detection, hunting, the rules
 * API) extends its table catalog here, and the detection worker re-binds rules when this content changes.
 */
import type { Catalog, StoredFunction } from "../query/mod.ts";
import type { FunctionStore } from "./nats/function_store.ts";
import type { WatchlistStore } from "./nats/watchlist_store.ts";
import { watchlistFunctions } from "./watchlists/get_watchlist_function.ts";

/** Stored functions and watchlists, as one source of callable functions. */
export interface Workspace {
  readonly functions: FunctionStore;
  readonly watchlists: WatchlistStore;
  /** The catalog with every stored and watchlist function added. */
  extend(base: Catalog): Catalog;
  /** Be told which function names changed (a watchlist change is `_GetWatchlist` and `_GetWatchlistAlias`). */
  subscribe(listener: (names: readonly string[]) => void): () => void;
  stop(): void;
}

/**
 * Combine the two stores.
 *
 * @param stores the function and watchlist stores
 * @returns the workspace
 */
export function workspaceOf(stores: { functions: FunctionStore; watchlists: WatchlistStore }): Workspace {
  const { functions, watchlists } = stores;
  // Generated once per change: the function objects stay the same between changes, so their parse is reused.
  let generated: StoredFunction[] | undefined;
  const listeners = new Set<(names: readonly string[]) => void>();
  const notify = (names: readonly string[]) => {
    for (const listener of listeners) listener(names);
  };
  const stopFunctions = functions.subscribe((name) => notify([name]));
  const stopWatchlists = watchlists.subscribe(() => {
    generated = undefined;
    notify(["_GetWatchlist", "_GetWatchlistAlias"]);
  });
  return {
    functions,
    watchlists,
    extend(base) {
      generated ??= watchlistFunctions(watchlists.list());
      // Stored functions may not replace the watchlist functions: those come from the watchlists.
      const own = functions.list().filter((f) => !generated!.some((g) => g.name === f.name));
      return base.withFunctions([...own, ...generated]);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      stopFunctions();
      stopWatchlists();
    },
  };
}
