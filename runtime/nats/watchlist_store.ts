/**
 * Watchlists in the KV bucket `siem_watchlists` (alias -> watchlist JSON with its items): every node keeps a
 * copy and follows the bucket, so an upload or an item edit reaches every detection worker at once.
 */
import type { NatsConnection } from "@nats-io/nats-core";
import type { Watchlist } from "../watchlists/watchlist.ts";
import { kvDocumentStore } from "./document_store.ts";
import { TOPOLOGY } from "./topology.ts";

/** The watchlist store. */
export interface WatchlistStore {
  get(alias: string): Watchlist | undefined;
  list(): Watchlist[];
  put(list: Watchlist): Promise<void>;
  delete(alias: string): Promise<boolean>;
  /** Be told the alias of every watchlist that changed, on this node or another. */
  subscribe(listener: (alias: string) => void): () => void;
  stop(): void;
}

/**
 * Open the store and follow the bucket.
 *
 * @param nc a connection
 * @param options replicas of the bucket when it is created here
 * @returns the store
 */
export async function kvWatchlistStore(
  nc: NatsConnection,
  options: { replicas?: number } = {},
): Promise<WatchlistStore> {
  const listeners = new Set<(alias: string) => void>();
  const docs = await kvDocumentStore<Watchlist>(nc, TOPOLOGY.watchlistsBucket, {
    replicas: options.replicas,
    onChange: (alias) => {
      for (const listener of listeners) {
        try {
          listener(alias);
        } catch {
          // A failing listener must not stop the others, nor the store's watch of the bucket.
        }
      }
    },
  });
  return {
    get: (alias) => docs.get(alias),
    list: () => docs.list(),
    put: (list) => docs.put(list.alias, list),
    delete: (alias) => docs.delete(alias),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: () => docs.stop(),
  };
}
