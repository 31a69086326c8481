/**
 * Custom `*_CL` tables learned from ingested data. The routes read and extend them; where they are kept (memory,
 * a NATS KV bucket shared by every node) is the caller's choice.
 */
import type { TableSchema } from "../../query/symbols/mod.ts";

/** The custom tables known so far. */
export interface CustomTables {
  get(name: string): TableSchema | undefined;
  /** Record a new or extended schema (persisted by the implementation before it resolves). */
  put(schema: TableSchema): Promise<void>;
  /** All of them (for the query catalog). */
  list(): TableSchema[];
}

/**
 * Custom tables kept in memory only (the edge, where each isolate learns its own; the server keeps them in KV).
 *
 * @param initial tables known at start
 * @returns the store
 */
export function memoryCustomTables(initial: readonly TableSchema[] = []): CustomTables {
  const tables = new Map(initial.map((t) => [t.name, t]));
  return {
    get: (name) => tables.get(name),
    put: (schema) => {
      tables.set(schema.name, schema);
      return Promise.resolve();
    },
    list: () => [...tables.values()],
  };
}
