/**
 * Query history and saved queries, kept in the browser's local storage (per browser and origin, not on the
 * server). Stored as JSON under one key each; unreadable content is treated as empty rather than breaking the page.
 */

/** A past run. */
export interface HistoryEntry {
  readonly query: string;
  readonly timespan: string;
  readonly ranAt: string;
}

/** A named query. */
export interface SavedQuery {
  readonly name: string;
  readonly query: string;
  readonly timespan: string;
  readonly savedAt: string;
}

const HISTORY_KEY = "siem.hunting.history";
const SAVED_KEY = "siem.hunting.saved";
/** Most history entries kept. */
export const HISTORY_LIMIT = 50;

/** History and saved queries over a `Storage` (the page passes `localStorage`). */
export class HuntingStorage {
  readonly #storage: Pick<Storage, "getItem" | "setItem">;

  /** @param storage where to keep them */
  constructor(storage: Pick<Storage, "getItem" | "setItem">) {
    this.#storage = storage;
  }

  /** Past runs, newest first. */
  history(): HistoryEntry[] {
    return this.#read<HistoryEntry>(HISTORY_KEY).filter((e) => typeof e?.query === "string");
  }

  /** Remember a run: a repeat moves to the top instead of appearing twice. */
  remember(entry: HistoryEntry): HistoryEntry[] {
    const next = [entry, ...this.history().filter((e) => e.query !== entry.query)].slice(0, HISTORY_LIMIT);
    this.#write(HISTORY_KEY, next);
    return next;
  }

  /** Saved queries, by name. */
  saved(): SavedQuery[] {
    return this.#read<SavedQuery>(SAVED_KEY).filter((e) =>
      typeof e?.name === "string" && typeof e.query === "string"
    )
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Save under a name, replacing a query of the same name. */
  save(entry: SavedQuery): SavedQuery[] {
    const next = [...this.saved().filter((e) => e.name !== entry.name), entry];
    this.#write(SAVED_KEY, next);
    return this.saved();
  }

  /** Forget a saved query. */
  remove(name: string): SavedQuery[] {
    this.#write(SAVED_KEY, this.saved().filter((e) => e.name !== name));
    return this.saved();
  }

  #read<T>(key: string): T[] {
    try {
      const parsed = JSON.parse(this.#storage.getItem(key) ?? "[]");
      return Array.isArray(parsed) ? parsed : [];
    } catch {
      return [];
    }
  }

  #write(key: string, value: unknown): void {
    try {
      this.#storage.setItem(key, JSON.stringify(value));
    } catch {
      // Storage full or disabled (private mode): the page keeps working without it.
    }
  }
}
