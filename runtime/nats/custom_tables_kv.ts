/**
 * Custom `*_CL` table schemas kept in the KV bucket `siem_tables`, so every node (and a restart) knows the tables
 * ingest created. Each node keeps a copy in memory and follows the bucket.
 */
import type { NatsConnection } from "@nats-io/nats-core";
import { Kvm, KvWatchInclude } from "@nats-io/kv";
import { type CustomTables, memoryCustomTables } from "../../connectors/http/custom_tables.ts";
import type { TableSchema } from "../../query/symbols/mod.ts";
import { TOPOLOGY } from "./topology.ts";

/**
 * Open the custom tables of the bucket and follow changes.
 *
 * @param nc a connection (the bucket must exist: see ensureTopology)
 * @returns the store; `stop` ends the watch
 */
export async function kvCustomTables(nc: NatsConnection): Promise<CustomTables & { stop(): void }> {
  const kv = await new Kvm(nc).open(TOPOLOGY.tablesBucket);
  const tables = memoryCustomTables([], async (schema) => {
    await kv.put(schema.name, JSON.stringify(schema));
  });
  const watch = await kv.watch({ include: KvWatchInclude.UpdatesOnly });
  (async () => {
    for await (const entry of watch) {
      if (entry.operation !== "PUT") continue;
      try {
        tables.set(entry.json<TableSchema>());
      } catch {
        // a foreign write that is not a schema: ignore it rather than stop following the bucket
      }
    }
  })();
  for await (const key of await kv.keys()) {
    const entry = await kv.get(key);
    if (entry?.operation === "PUT") tables.set(entry.json<TableSchema>());
  }
  return { ...tables, stop: () => watch.stop() };
}
