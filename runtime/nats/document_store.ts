/**
 * A small KV-backed store of JSON documents by id (automation rules, playbooks), followed by a watch so every
 * node sees changes at once.
 */
import type { NatsConnection } from "@nats-io/nats-core";
import { Kvm, KvWatchInclude } from "@nats-io/kv";

/** The store. */
export interface DocumentStore<T> {
  get(id: string): T | undefined;
  list(): T[];
  put(id: string, doc: T): Promise<void>;
  delete(id: string): Promise<boolean>;
  stop(): void;
}

/**
 * Open a store over a bucket (created when missing).
 *
 * @param nc the connection
 * @param bucket the KV bucket (an existing one is used as it is)
 * @param options replicas of the bucket, when it is created here; `onChange` is told the id of every change
 *   seen on the bucket, from this node or another (after the store's copy is updated)
 * @returns the store
 */
export async function kvDocumentStore<T>(
  nc: NatsConnection,
  bucket: string,
  options: { replicas?: number; onChange?: (id: string) => void } = {},
): Promise<DocumentStore<T>> {
  const kv = await new Kvm(nc).create(bucket, { history: 5, replicas: options.replicas ?? 1 });
  const docs = new Map<string, T>();
  const watch = await kv.watch({ include: KvWatchInclude.UpdatesOnly });
  (async () => {
    for await (const e of watch) {
      if (e.operation !== "PUT") {
        docs.delete(e.key);
        options.onChange?.(e.key);
        continue;
      }
      try {
        docs.set(e.key, e.json<T>());
      } catch {
        // a foreign write that is not JSON: ignore it rather than stop following the bucket
        continue;
      }
      options.onChange?.(e.key);
    }
  })();
  for await (const key of await kv.keys()) {
    const e = await kv.get(key);
    if (e?.operation !== "PUT") continue;
    try {
      docs.set(key, e.json<T>());
    } catch {
      // as above: one foreign entry must not stop the store from opening
    }
  }
  return {
    get: (id) => docs.get(id),
    list: () => [...docs.values()],
    async put(id, doc) {
      await kv.put(id, JSON.stringify(doc));
      docs.set(id, doc);
    },
    async delete(id) {
      if (!docs.has(id)) return false;
      await kv.delete(id);
      docs.delete(id);
      return true;
    },
    stop: () => watch.stop(),
  };
}
