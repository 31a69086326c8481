/**
 * API tokens kept in the KV bucket `siem_tokens`: only a SHA-256 digest of each token is stored, so the bucket
 * leaks no usable secret. Every node follows the bucket, so a new or revoked token takes effect everywhere within
 * the watch latency.
 */
import type { NatsConnection } from "@nats-io/nats-core";
import { type KV, Kvm, KvWatchInclude } from "@nats-io/kv";
import type { Principal, TokenRole, TokenVerifier } from "../http/auth.ts";
import { randomToken, sha256Hex } from "../secrets.ts";
import { TOPOLOGY } from "./topology.ts";

/** A stored token, without its secret. */
export interface TokenRecord {
  readonly id: string;
  readonly name: string;
  readonly role: TokenRole;
  readonly tables?: readonly string[];
  readonly connectors?: readonly string[];
  /** Ingest requests per second allowed (burst: twice that); absent = the server default. */
  readonly rateLimit?: number;
  readonly createdAt: string;
  /** ISO 8601; absent = never. */
  readonly expiresAt?: string;
  /** Hex SHA-256 of the token. */
  readonly digest: string;
}

/** What creating a token needs. */
export type NewToken = Omit<TokenRecord, "id" | "createdAt" | "digest">;

/** The token store. */
export interface TokenStore extends TokenVerifier {
  list(): TokenRecord[];
  /** Create a token; the secret is returned only here. */
  create(token: NewToken): Promise<{ token: string; record: TokenRecord }>;
  /** Revoke a token; false when there is no such id. */
  revoke(id: string): Promise<boolean>;
  stop(): void;
}

/**
 * Open the token store of the bucket.
 *
 * @param nc a connection (ensureTopology created the bucket)
 * @param options clock for expiry checks
 * @returns the store
 */
export async function kvTokenStore(
  nc: NatsConnection,
  options: { now?: () => Date } = {},
): Promise<TokenStore> {
  const now = options.now ?? (() => new Date());
  const kv: KV = await new Kvm(nc).open(TOPOLOGY.tokensBucket);
  const byId = new Map<string, TokenRecord>();
  const byDigest = new Map<string, TokenRecord>();
  const apply = (key: string, record: TokenRecord | undefined) => {
    const old = byId.get(key);
    if (old) byDigest.delete(old.digest);
    byId.delete(key);
    if (record) {
      byId.set(key, record);
      byDigest.set(record.digest, record);
    }
  };
  const watch = await kv.watch({ include: KvWatchInclude.UpdatesOnly });
  (async () => {
    for await (const e of watch) apply(e.key, e.operation === "PUT" ? e.json<TokenRecord>() : undefined);
  })();
  for await (const key of await kv.keys()) {
    const e = await kv.get(key);
    if (e?.operation === "PUT") apply(key, e.json<TokenRecord>());
  }

  return {
    async verify(token) {
      const record = byDigest.get(await sha256Hex(token));
      if (!record) return undefined;
      if (record.expiresAt && Date.parse(record.expiresAt) <= now().getTime()) return undefined;
      const principal: Principal = {
        name: record.name,
        role: record.role,
        tables: record.tables,
        connectors: record.connectors,
        rateLimit: record.rateLimit,
      };
      return principal;
    },
    list: () => [...byId.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    async create(input) {
      const token = `siem_${randomToken()}`;
      const record: TokenRecord = {
        ...input,
        id: crypto.randomUUID().replace(/-/g, "").slice(0, 16),
        createdAt: now().toISOString(),
        digest: await sha256Hex(token),
      };
      await kv.put(record.id, JSON.stringify(record));
      apply(record.id, record); // effective at once on this node, before the watch echoes it
      return { token, record };
    },
    async revoke(id) {
      if (!byId.has(id)) return false;
      await kv.delete(id);
      apply(id, undefined);
      return true;
    },
    stop: () => watch.stop(),
  };
}
