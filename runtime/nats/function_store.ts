/**
 * Stored KQL functions in the KV bucket `siem_functions` (function name -> function JSON): every node keeps a
 * copy and follows the bucket, so a function created on one node is callable on all of them at once.
 */
import type { NatsConnection } from "@nats-io/nats-core";
import type { StoredFunction } from "../../query/mod.ts";
import { kvDocumentStore } from "./document_store.ts";
import { TOPOLOGY } from "./topology.ts";

/** A stored function as kept in the bucket: the function plus where it came from and when. */
export interface FunctionEntry extends StoredFunction {
  /** `api`, `mgmt`, or `file:<path>` for `SIEM_FUNCTIONS_DIR`. */
  readonly origin: string;
  readonly updatedAt: string;
}

/** The function store. */
export interface FunctionStore {
  get(name: string): FunctionEntry | undefined;
  list(): FunctionEntry[];
  put(fn: FunctionEntry): Promise<void>;
  delete(name: string): Promise<boolean>;
  /** Be told the name of every function that changed, on this node or another. */
  subscribe(listener: (name: string) => void): () => void;
  stop(): void;
}

/** Function names as KV keys allow them (Kusto identifiers fit). */
export const FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,199}$/;

/**
 * Open the store and follow the bucket.
 *
 * @param nc a connection
 * @param options replicas of the bucket when it is created here
 * @returns the store
 */
export async function kvFunctionStore(
  nc: NatsConnection,
  options: { replicas?: number } = {},
): Promise<FunctionStore> {
  const listeners = new Set<(name: string) => void>();
  const docs = await kvDocumentStore<FunctionEntry>(nc, TOPOLOGY.functionsBucket, {
    replicas: options.replicas,
    onChange: (name) => {
      for (const listener of listeners) {
        try {
          listener(name);
        } catch {
          // A failing listener must not stop the others, nor the store's watch of the bucket.
        }
      }
    },
  });
  return {
    get: (name) => docs.get(name),
    list: () => docs.list(),
    put: (fn) => docs.put(fn.name, fn),
    delete: (name) => docs.delete(name),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: () => docs.stop(),
  };
}
