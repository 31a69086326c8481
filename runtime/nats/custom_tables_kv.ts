/**
 * Custom `*_CL` table schemas kept in the KV bucket `siem_tables`, so every node (and a restart) knows the tables
 * ingest created. A document store over the bucket: each node keeps a copy in memory and follows the bucket.
 */
import type { NatsConnection } from "@nats-io/nats-core";
import type { CustomTables } from "../../connectors/http/custom_tables.ts";
import type { TableSchema } from "../../query/symbols/mod.ts";
import { kvDocumentStore } from "./document_store.ts";
import { TOPOLOGY } from "./topology.ts";

/**
 * Open the custom tables of the bucket and follow changes.
 *
 * @param nc a connection
 * @returns the store; `stop` ends the watch
 */
export async function kvCustomTables(nc: NatsConnection): Promise<CustomTables & { stop(): void }> {
  const docs = await kvDocumentStore<TableSchema>(nc, TOPOLOGY.tablesBucket);
  return {
    get: (name) => docs.get(name),
    put: (schema) => docs.put(schema.name, schema),
    list: () => docs.list(),
    stop: () => docs.stop(),
  };
}
