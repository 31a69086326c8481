/**
 * The load test: a real `siem start` (embedded nats-server, the built-in rule pack on a scaled clock) receives the
 * seeded traffic mix over HTTP for a fixed time, with bursts, from several concurrent clients. Afterwards it checks
 * that every acknowledged event is in SIEM_EVENTS and answers queries, that no alert id was stored twice, and that
 * the alerts equal the batch oracle's over the stored events; and it reports sustained events/s, ingest latency
 * and event-to-alert latency (from the acknowledgment of the request that completes an attack to the alert on
 * NATS).
 */
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/nats-core";
import { connectNats } from "../../runtime/nats/connect.ts";
import { TOPOLOGY } from "../../runtime/nats/topology.ts";
import { readMetric, startSiemProcess } from "../../tests/harness/siem_process.ts";
import { waitFor } from "../../tests/harness/nats.ts";
import { oracleAlerts, type StoredMessage } from "./batch_oracle.ts";
import { scaledBuiltinRules } from "./scaled_rules.ts";
import { Traffic } from "./traffic.ts";

/** How to run. */
export interface LoadOptions {
  /** Sending time. */
  readonly seconds: number;
  /** Target events per second outside bursts (bursts send three times as much for 2 s of every 10 s). */
  readonly rate: number;
  /** Concurrent HTTP clients. */
  readonly clients?: number;
  readonly seed?: number;
  /** Scaled rule clock: F and P in seconds. */
  readonly frequencySeconds?: number;
  readonly periodSeconds?: number;
  /**
   * Allowed lateness of detection (SIEM_ALLOWED_LATENESS), default 15 s. An event acknowledged later than this
   * after its TimeGenerated misses windows that already closed, which the oracle cannot know; on a loaded
   * 2-core machine ingest can lag by several seconds, so the load test allows more than the 5 s default.
   */
  readonly latenessSeconds?: number;
  /** Progress lines on stderr. */
  readonly log?: (line: string) => void;
  /**
   * Detection processes sharing the rules (default 1: the SIEM process itself); the others run
   * `siem start --roles detect` against the same NATS.
   */
  readonly detectWorkers?: number;
  /** Event shards (SIEM_DETECT_SHARDS) on every detection process (default 0: rules are shared, events are not). */
  readonly detectShards?: number;
}

/** What the run measured and checked. */
export interface LoadReport {
  readonly seconds: number;
  readonly requests: number;
  readonly failedRequests: number;
  readonly acknowledgedEvents: number;
  readonly storedEvents: number;
  /** Events stored more than the allowed lateness after their TimeGenerated (missed by windows already closed). */
  readonly lateEvents: number;
  /** Per table: acknowledged and stored events (they differ only if something was lost or stored twice). */
  readonly perTable: Readonly<Record<string, { acknowledged: number; stored: number }>>;
  readonly queryableEvents: number;
  readonly eventsPerSecond: number;
  readonly ingestP50Ms: number;
  readonly ingestP99Ms: number;
  readonly attacks: number;
  readonly attacksAlerted: number;
  readonly alertP50Ms: number;
  readonly alertP99Ms: number;
  /** The same for NRT rules alone (evaluated per arriving batch) and for scheduled rules alone (window close). */
  readonly nrtAlertP50Ms: number;
  readonly nrtAlertP99Ms: number;
  readonly scheduledAlertP50Ms: number;
  readonly scheduledAlertP99Ms: number;
  readonly alertsOnStream: number;
  readonly duplicateAlertIds: number;
  readonly expectedAlerts: number;
  /** Alert ids the oracle expects that were not raised, and ids raised that it does not expect. */
  readonly missingAlerts: readonly string[];
  readonly unexpectedAlerts: readonly string[];
  /** Per detection process: the rules it evaluated and the tables whose events it read, at the end. */
  readonly detectWorkers: readonly {
    ownedRules: number;
    followedTables: number;
    shards: number;
    shardedRules: number;
  }[];
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function streamMessages(
  nc: NatsConnection,
  stream: string,
): Promise<Array<{ seq: number; subject: string; data: string; id?: string; storedMicros: number }>> {
  const jsm = await jetstreamManager(nc);
  const info = await jsm.streams.info(stream);
  const out: Array<{ seq: number; subject: string; data: string; id?: string; storedMicros: number }> = [];
  if (info.state.messages === 0) return out;
  const consumer = await jetstream(nc).consumers.get(stream);
  const messages = await consumer.consume();
  for await (const m of messages) {
    out.push({
      seq: m.seq,
      subject: m.subject,
      data: m.string(),
      id: m.headers?.get("Nats-Msg-Id"),
      storedMicros: Math.floor(m.info.timestampNanos / 1000),
    });
    if (m.seq >= info.state.last_seq) break;
  }
  await messages.close();
  return out;
}

/**
 * Run the load test.
 *
 * @param options duration, rate, clients
 * @returns the report
 */
export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const log = options.log ?? (() => {});
  const f = options.frequencySeconds ?? 5;
  const p = options.periodSeconds ?? 30;
  const rules = await scaledBuiltinRules(f, p);
  const lateness = options.latenessSeconds ?? 15;
  const shardEnv = { SIEM_DETECT_SHARDS: String(options.detectShards ?? 0) };
  await using siem = await startSiemProcess({
    env: {
      SIEM_SYSLOG_PORT: "off",
      SIEM_INGEST_RATE_LIMIT: "0",
      SIEM_ALLOWED_LATENESS: `${lateness}s`,
      ...shardEnv,
    },
  });
  const password = (await Deno.readTextFile(`${siem.dataDir}/nats-password`)).trim();
  const nc = await connectNats([siem.natsUrl], { user: "siem", password, name: "load-test" });
  await using extra = new AsyncDisposableStack();
  const detectors = [siem];
  for (let i = 1; i < (options.detectWorkers ?? 1); i++) {
    detectors.push(
      extra.use(
        await startSiemProcess({
          env: {
            NATS_URL: siem.natsUrl,
            NATS_USER: "siem",
            NATS_PASSWORD: password,
            SIEM_SYSLOG_PORT: "off",
            SIEM_ALLOWED_LATENESS: `${lateness}s`,
            ...shardEnv,
          },
          args: ["--roles", "detect"],
        }),
      ),
    );
  }
  const shares = () =>
    Promise.all(detectors.map(async (d) => ({
      ownedRules: await readMetric(d, "siem_detect_owned_rules"),
      followedTables: await readMetric(d, "siem_detect_followed_tables"),
      shards: await readMetric(d, "siem_detect_shards"),
      shardedRules: await readMetric(d, "siem_detect_sharded_rules"),
    })));
  try {
    for (const r of rules) {
      const res = await siem.api(`/api/v1/rules/${r.id}`, { method: "PUT", body: r.yaml });
      if (!res.ok) throw new Error(`PUT rule ${r.rule.name}: ${res.status} ${await res.text()}`);
    }
    // Rules reach the workers through the KV watch; wait until every rule has its owner before the first event.
    const owned = async () => (await shares()).reduce((n, s) => n + s.ownedRules, 0);
    if (!await waitFor(async () => await owned() === rules.length, 20_000)) {
      throw new Error(`detection workers own ${await owned()} of ${rules.length} rules`);
    }
    await sleep(1500);

    const arrivals = new Map<string, { at: number; text: string }>();
    const sub = nc.subscribe("siem.alerts.>");
    (async () => {
      for await (const m of sub) {
        const id = m.headers?.get("Nats-Msg-Id") ?? "";
        if (!arrivals.has(id)) arrivals.set(id, { at: performance.now(), text: m.string() });
      }
    })();

    const traffic = new Traffic({ seed: options.seed ?? 7 });
    const latencies: number[] = [];
    const attacks: Array<{ rule: string; marker: string; ackedAt: number }> = [];
    let acknowledged = 0;
    const perTable: Record<string, { acknowledged: number; stored: number }> = {};
    let requests = 0;
    let failed = 0;
    let sentEvents = 0;
    const startedAt = performance.now();
    const firstEventMicros = Date.now() * 1000;
    const endAt = startedAt + options.seconds * 1000;
    // Events allowed by `at`: the base rate, tripled during 2 s of every 10 s.
    const allowance = (at: number) => {
      const elapsed = (at - startedAt) / 1000;
      const whole = Math.floor(elapsed / 10);
      const inBurst = Math.min(elapsed - whole * 10, 2);
      return options.rate * (elapsed + 2 * (whole * 2 + inBurst));
    };
    const client = async () => {
      while (performance.now() < endAt) {
        if (sentEvents > allowance(performance.now())) {
          await sleep(5);
          continue;
        }
        const request = traffic.next(new Date());
        sentEvents += request.events;
        const t0 = performance.now();
        try {
          const res = await siem.api(request.path, {
            method: "POST",
            body: request.body,
            headers: { "content-type": request.contentType },
          });
          const body = await res.json();
          const t1 = performance.now();
          requests++;
          if (!res.ok) {
            failed++;
            continue;
          }
          latencies.push(t1 - t0);
          acknowledged += body.accepted;
          const counts = (perTable[request.table] ??= { acknowledged: 0, stored: 0 });
          counts.acknowledged += body.accepted;
          if (request.attack) attacks.push({ ...request.attack, ackedAt: t1 });
        } catch {
          requests++;
          failed++;
        }
      }
    };
    await Promise.all(Array.from({ length: options.clients ?? 8 }, client));
    const sendSeconds = (performance.now() - startedAt) / 1000;
    const lastEventMicros = Date.now() * 1000;
    log(`sent ${acknowledged} events in ${sendSeconds.toFixed(1)} s; waiting for the last windows to close`);

    // The last instant that can see the load's events closes F after it, plus the engine's lateness.
    const horizon = (Math.ceil(lastEventMicros / (f * 1e6)) * f + 2 * f) * 1e6;
    await waitFor(() => Date.now() * 1000 > horizon + (lateness + 2) * 1e6, (f * 3 + lateness + 10) * 1000);

    const events = await streamMessages(nc, TOPOLOGY.events.stream);
    const messages: StoredMessage[] = events.map((m) => ({
      seq: m.seq,
      table: m.subject.slice("siem.events.".length),
      rows: m.data.split("\n").filter((l) => l.length > 0).map((l) => JSON.parse(l)),
      storedMicros: m.storedMicros,
    }));
    // Rows stored later than the allowed lateness after their own time: the windows that closed before they
    // arrived do not see them (the oracle knows this; the figure shows how often it happened).
    let lateRows = 0;
    for (const m of messages) {
      if (!perTable[m.table]) continue;
      for (const row of m.rows) {
        const time = Date.parse(String(row.TimeGenerated)) * 1000;
        if (m.storedMicros > time + lateness * 1e6) lateRows++;
      }
    }
    // SIEM_EVENTS also carries the SIEM's own SecurityAlert/SecurityIncident rows: count the sent tables only.
    for (const m of messages) if (perTable[m.table]) perTable[m.table].stored += m.rows.length;
    const stored = Object.values(perTable).reduce((n, t) => n + t.stored, 0);

    // The history store may still be catching up after a burst: give it a minute to hold every stored row.
    let queryable = 0;
    const countQueryable = async () => {
      queryable = 0;
      for (const table of Object.keys(perTable)) {
        const res = await siem.api("/api/v1/query", {
          method: "POST",
          body: JSON.stringify({ query: `${table} | count` }),
        });
        const body = await res.json();
        if (res.ok) queryable += Number(body.rows?.[0]?.[0] ?? 0);
      }
      return queryable === stored;
    };
    await waitFor(countQueryable, 60_000);

    const alertMessages = await streamMessages(nc, TOPOLOGY.alerts.stream);
    const ids = alertMessages.map((m) => m.id ?? "");
    const distinct = new Set(ids);
    log(`checking ${distinct.size} alerts against the batch oracle`);
    const expected = await oracleAlerts(rules.map((r) => r.rule), messages, {
      from: firstEventMicros,
      to: horizon,
      latenessMicros: lateness * 1e6,
    });
    // With the rule's name, so that a failure says which rule missed.
    const missing = [...expected].filter(([id]) => !distinct.has(id)).map(([id, rule]) => `${id} (${rule})`);
    const unexpected = [...distinct].filter((id) => !expected.has(id));

    const alertLatencies: number[] = [];
    const byKind = { NRT: [] as number[], Scheduled: [] as number[] };
    const kindOf = new Map(rules.map((r) => [r.rule.name, r.rule.kind]));
    for (const attack of attacks) {
      let first = Infinity;
      for (const { at, text } of arrivals.values()) {
        if (text.includes(attack.marker) && text.includes(attack.rule)) first = Math.min(first, at);
      }
      if (!Number.isFinite(first)) continue;
      alertLatencies.push(first - attack.ackedAt);
      byKind[kindOf.get(attack.rule) ?? "Scheduled"].push(first - attack.ackedAt);
    }
    sub.unsubscribe();
    const detectWorkers = await shares();
    return {
      detectWorkers,
      seconds: sendSeconds,
      requests,
      failedRequests: failed,
      acknowledgedEvents: acknowledged,
      storedEvents: stored,
      lateEvents: lateRows,
      perTable,
      queryableEvents: queryable,
      eventsPerSecond: acknowledged / sendSeconds,
      ingestP50Ms: percentile(latencies, 0.5),
      ingestP99Ms: percentile(latencies, 0.99),
      attacks: attacks.length,
      attacksAlerted: alertLatencies.length,
      alertP50Ms: percentile(alertLatencies, 0.5),
      alertP99Ms: percentile(alertLatencies, 0.99),
      nrtAlertP50Ms: percentile(byKind.NRT, 0.5),
      nrtAlertP99Ms: percentile(byKind.NRT, 0.99),
      scheduledAlertP50Ms: percentile(byKind.Scheduled, 0.5),
      scheduledAlertP99Ms: percentile(byKind.Scheduled, 0.99),
      alertsOnStream: ids.length,
      duplicateAlertIds: ids.length - distinct.size,
      expectedAlerts: expected.size,
      missingAlerts: missing,
      unexpectedAlerts: unexpected,
    };
  } finally {
    await nc.close();
  }
}
