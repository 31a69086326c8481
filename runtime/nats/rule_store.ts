/**
 * Analytic rules in the KV bucket `siem_rules` (rule id -> rule JSON), the one place every detection worker
 * watches: a put, an edit, a disable or a delete takes effect on every node without a restart. Each entry keeps the
 * rule file's text, so a rule reads back exactly as it was written.
 */
import type { NatsConnection } from "@nats-io/nats-core";
import { type KV, Kvm, KvWatchInclude } from "@nats-io/kv";
import type { Rule } from "../../streams/rules/mod.ts";
import { TOPOLOGY } from "./topology.ts";

/** A stored rule. */
export interface StoredRule {
  readonly id: string;
  /** The rule as loaded (normalised fields plus every field of the file). */
  readonly rule: Rule;
  /** The rule file's YAML text. */
  readonly source: string;
  readonly enabled: boolean;
  /** How it runs and why (from validation). */
  readonly mode: { readonly mode: "incremental" | "batch"; readonly reason: string };
  /** Where it came from: `api`, or `file:<path>` for SIEM_RULES_DIR. */
  readonly origin: string;
  readonly updatedAt: string;
  /** KV revision of this entry (set when read; the version clients send back in If-Match). */
  readonly revision?: number;
}

/** A change seen on the bucket. */
export type RuleChange = { readonly kind: "put"; readonly rule: StoredRule } | {
  readonly kind: "delete";
  readonly id: string;
};

/** The rule store. */
export interface RuleStore {
  get(id: string): StoredRule | undefined;
  list(): StoredRule[];
  /** Write a rule; with `expectedRevision`, only if the stored one is still at that revision. */
  put(rule: Omit<StoredRule, "revision">, options?: { expectedRevision?: number }): Promise<StoredRule>;
  delete(id: string): Promise<boolean>;
  /** Be told about every change, from this node or any other. */
  subscribe(listener: (change: RuleChange) => void): () => void;
  stop(): void;
}

/** A conditional write lost to a concurrent one. */
export class RuleConflictError extends Error {
  override name = "RuleConflictError";
}

/** KV keys allow letters, digits and `-_/=.`; Sentinel rule ids are GUIDs, well inside that. */
export const RULE_ID = /^[A-Za-z0-9_=.-]{1,200}$/;

/**
 * Open the rule store and follow the bucket.
 *
 * @param nc a connection (ensureTopology created the bucket)
 * @returns the store
 */
export async function kvRuleStore(nc: NatsConnection): Promise<RuleStore> {
  const kv: KV = await new Kvm(nc).open(TOPOLOGY.rulesBucket);
  const rules = new Map<string, StoredRule>();
  const listeners = new Set<(change: RuleChange) => void>();
  const emit = (change: RuleChange) => {
    for (const l of listeners) {
      try {
        l(change);
      } catch {
        // one listener's failure must not hide the change from the others
      }
    }
  };
  const apply = (key: string, value: StoredRule | undefined, revision: number) => {
    const current = rules.get(key);
    if (current?.revision !== undefined && current.revision >= revision) return; // stale echo
    if (value) {
      const stored = { ...value, revision };
      rules.set(key, stored);
      emit({ kind: "put", rule: stored });
    } else if (rules.delete(key)) {
      emit({ kind: "delete", id: key });
    }
  };
  const watch = await kv.watch({ include: KvWatchInclude.UpdatesOnly });
  (async () => {
    for await (const e of watch) {
      apply(e.key, e.operation === "PUT" ? e.json<StoredRule>() : undefined, e.revision);
    }
  })();
  for await (const key of await kv.keys()) {
    const e = await kv.get(key);
    if (e?.operation === "PUT") apply(key, e.json<StoredRule>(), e.revision);
  }

  return {
    get: (id) => rules.get(id),
    list: () => [...rules.values()].sort((a, b) => a.rule.name.localeCompare(b.rule.name)),
    async put(rule, options = {}) {
      const payload = JSON.stringify(rule);
      let revision: number;
      try {
        revision = options.expectedRevision === undefined
          ? await kv.put(rule.id, payload)
          : options.expectedRevision === 0
          ? await kv.create(rule.id, payload)
          : await kv.update(rule.id, payload, options.expectedRevision);
      } catch (error) {
        if (options.expectedRevision !== undefined) {
          throw new RuleConflictError(`Rule '${rule.id}' was changed by someone else: reload and retry`, {
            cause: error,
          });
        }
        throw error;
      }
      apply(rule.id, rule, revision);
      return rules.get(rule.id)!;
    },
    async delete(id) {
      if (!rules.has(id)) return false;
      await kv.delete(id);
      rules.delete(id);
      emit({ kind: "delete", id });
      return true;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: () => watch.stop(),
  };
}
