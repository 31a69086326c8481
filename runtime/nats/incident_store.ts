/**
 * Incidents in the KV bucket `siem_incidents`, with optimistic concurrency: every write names the revision it
 * read, so two writers racing never lose an update (the loser re-reads and retries, or, for an analyst's
 * If-Match, gets 412). Keys: `inc.<id>` (the incident), `group.<digest>` (grouping key -> latest incident),
 * `counter` (the last incident number). Every change is published on `siem.incidents.{created,updated}.{id}`.
 */
import type { NatsConnection } from "@nats-io/nats-core";
import { type KV, Kvm, KvWatchInclude } from "@nats-io/kv";
import { type Incident, incidentRow } from "../../streams/incidents/mod.ts";
import { jetstream } from "@nats-io/jetstream";
import { rowHeaders } from "./event_publisher.ts";
import { eventSubject, TOPOLOGY } from "./topology.ts";
import { sha256Hex } from "../secrets.ts";

/** A write lost to a concurrent one (the revision moved). */
export class IncidentConflictError extends Error {
  override name = "IncidentConflictError";
}

/** An incident and the revision it was read at. */
export interface StoredIncident {
  readonly incident: Incident;
  readonly revision: number;
}

/** The incident store. */
export interface IncidentStore {
  get(id: string): Promise<StoredIncident | undefined>;
  /** Every incident (from the node's copy, kept current by a watch). */
  list(): Incident[];
  /** Create; false when an incident with this id exists already. */
  create(incident: Incident): Promise<boolean>;
  /**
   * Read-modify-write. With `expectedRevision` one attempt that fails with IncidentConflictError when stale;
   * without, retried until it wins.
   */
  update(
    id: string,
    change: (incident: Incident) => Incident,
    options?: { expectedRevision?: number },
  ): Promise<StoredIncident | undefined>;
  nextNumber(): Promise<number>;
  groupGet(key: string): Promise<string | undefined>;
  groupSet(key: string, incidentId: string): Promise<void>;
  stop(): void;
}

/**
 * Open the store.
 *
 * @param nc a connection (ensureTopology created the bucket)
 * @returns the store
 */
export async function kvIncidentStore(nc: NatsConnection): Promise<IncidentStore> {
  const kv: KV = await new Kvm(nc).open(TOPOLOGY.incidentsBucket);
  const cache = new Map<string, Incident>();
  const watch = await kv.watch({ key: "inc.>", include: KvWatchInclude.UpdatesOnly });
  (async () => {
    for await (const e of watch) {
      const id = e.key.slice("inc.".length);
      if (e.operation === "PUT") cache.set(id, e.json<Incident>());
      else cache.delete(id);
    }
  })();
  for await (const key of await kv.keys("inc.>")) {
    const e = await kv.get(key);
    if (e?.operation === "PUT") cache.set(key.slice(4), e.json<Incident>());
  }
  const js = jetstream(nc);
  const publish = (kind: "created" | "updated", incident: Incident) => {
    nc.publish(`siem.incidents.${kind}.${incident.IncidentName}`, JSON.stringify(incident));
    cache.set(incident.IncidentName, incident);
    // Every change is also a SecurityIncident row, as in Sentinel (the latest row per incident is its state).
    js.publish(eventSubject("SecurityIncident"), JSON.stringify(incidentRow(incident)), {
      headers: rowHeaders("SecurityIncident", "incidents"),
    }).catch(() => {
      // the incident itself is stored; a missing history row is not worth failing the change for
    });
  };

  const get = async (id: string): Promise<StoredIncident | undefined> => {
    const e = await kv.get(`inc.${id}`);
    return e?.operation === "PUT" ? { incident: e.json<Incident>(), revision: e.revision } : undefined;
  };

  return {
    get,
    list: () => [...cache.values()],
    async create(incident) {
      try {
        await kv.create(`inc.${incident.IncidentName}`, JSON.stringify(incident));
      } catch {
        return false; // it exists: a redelivered alert already created it
      }
      publish("created", incident);
      return true;
    },
    async update(id, change, options = {}) {
      for (let attempt = 0; attempt < 50; attempt++) {
        const current = await get(id);
        if (!current) return undefined;
        if (options.expectedRevision !== undefined && current.revision !== options.expectedRevision) {
          throw new IncidentConflictError(
            `Incident '${id}' was changed by someone else (revision ${current.revision}, not ${options.expectedRevision}): reload and retry`,
          );
        }
        const next = change(current.incident);
        if (next === current.incident) return current;
        try {
          const revision = await kv.update(`inc.${id}`, JSON.stringify(next), current.revision);
          publish("updated", next);
          return { incident: next, revision };
        } catch (error) {
          if (options.expectedRevision !== undefined) {
            throw new IncidentConflictError(
              `Incident '${id}' was changed by someone else: reload and retry`,
              {
                cause: error,
              },
            );
          }
          // lost the race: read again and reapply
        }
      }
      throw new IncidentConflictError(`Incident '${id}' is changing too fast: gave up after 50 attempts`);
    },
    async nextNumber() {
      for (;;) {
        const e = await kv.get("counter");
        const next = (e?.operation === "PUT" ? Number(e.string()) : 0) + 1;
        try {
          if (!e || e.operation !== "PUT") await kv.create("counter", String(next));
          else await kv.update("counter", String(next), e.revision);
          return next;
        } catch {
          // another writer took this number: try the next one
        }
      }
    },
    async groupGet(key) {
      const e = await kv.get(`group.${await groupDigest(key)}`);
      return e?.operation === "PUT" ? e.string() : undefined;
    },
    async groupSet(key, incidentId) {
      await kv.put(`group.${await groupDigest(key)}`, incidentId);
    },
    stop: () => watch.stop(),
  };
}

/** A grouping key's KV key: the first 20 bytes of its SHA-256, in hex. */
async function groupDigest(key: string): Promise<string> {
  return (await sha256Hex(key)).slice(0, 40);
}
