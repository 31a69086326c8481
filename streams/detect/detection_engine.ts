/**
 * The detection engine: runs every enabled rule against the event stream with Sentinel's meaning
 * (DESIGN.md "Detection semantics"), independent of NATS (the runtime feeds it and publishes what it raises).
 *
 * Scheduled rule with period P and frequency F: at each instant t = kF, the query runs over the events with
 * TimeGenerated in (t-P, t], with now() = t; the trigger applies to the result row count. An instant is evaluated
 * once the watermark passes it: watermark = max(latest event time, wall clock) - allowed lateness. A rule whose
 * query the planner accepts (query/bind/classify_mode.ts, the decision `kql explain` and `rules validate` report)
 * runs on an incremental plan (streams/plan): its events are processed once as they arrive and kept per pane, and
 * an instant reads the panes of its window. Any other rule is evaluated in batch over the window's events (the
 * definition itself). Both give the same alerts; `incremental: false` runs every rule in batch.
 *
 * Early firing: for rules whose trigger can only become true as events arrive (early_firing.ts), the next
 * instant's window is evaluated as its events come in, and its alert is raised as soon as the condition holds,
 * with the id the instant would give it; the instant itself then raises nothing more. With one alert per result
 * row, each row (known by its group keys) is raised as soon as it holds, and the instant raises the rest.
 *
 * NRT rule: evaluated over each arriving batch of events of the tables it reads.
 *
 * Contributions (`contributions: true`, for scale-out with event shards): a rule with an incremental plan (which
 * can be fed in parts) takes no events through `ingest`; instead every worker computes what its share of
 * the events contributes (`contribute`, for any rule, owned or not) and the rule's owner merges those (`absorb`).
 *
 * A rule whose query fails is reported through `onRuleError` and skipped; it never stops the other rules.
 */
import { analyzeQuery, type Catalog } from "../../query/mod.ts";
import { type QueryResult, runQuery } from "../../query/eval/run_query.ts";
import type { TableSchema } from "../../query/symbols/mod.ts";
import type { Value } from "../../query/values/mod.ts";
import { buildKeyedAlerts, type SecurityAlert, stableGuid } from "../alerts/mod.ts";
import type { Rule } from "../rules/mod.ts";
import { EventStore, type TableSlice } from "./event_store.ts";
import { type EarlyFiring, earlyFiring } from "./early_firing.ts";
import { IncrementalPlan, type PlanPartial } from "../plan/mod.ts";

/** Changes when plans are compiled differently, so that workers of two versions never merge each other's parts. */
const PLAN_FORMAT = 1;

/** Rows of a global event order: sequence * 2^20 + row (a message holds far fewer than a million rows). */
const ROWS_PER_SEQUENCE = 2 ** 20;

/** What the engine remembers across restarts (checkpointed by the runtime). */
export interface FiringState {
  /** Per rule: the last scheduled instant evaluated (microseconds). */
  lastInstant: Record<string, number>;
  /** Per rule: alerts are suppressed until this time (microseconds). */
  suppressedUntil: Record<string, number>;
  /** Per rule: the last event-stream sequence an NRT rule evaluated. */
  nrtSequence: Record<string, number>;
  /** Per rule: the instant whose alert was already raised early (before its window closed). */
  firedEarly?: Record<string, number>;
  /** Per AlertPerResult rule: the instant and the keys of the result rows already raised early for it. */
  firedKeys?: Record<string, FiredKeys>;
}

/** Result rows of one instant raised before its window closed. */
export interface FiredKeys {
  readonly instant: number;
  readonly keys: readonly string[];
}

/** A rule as the engine runs it. */
export interface EngineRule {
  readonly id: string;
  readonly rule: Rule;
  readonly enabled: boolean;
}

/** What the engine needs. */
export interface DetectionEngineOptions {
  /** Table schemas (built-in catalog plus custom tables). */
  readonly catalog: () => Catalog;
  /** Publish alerts durably; a rejection leaves the instant to be retried. */
  readonly publish: (alerts: SecurityAlert[]) => Promise<void>;
  /** How long to wait for late events before closing a window (microseconds). */
  readonly latenessMicros?: number;
  /** Restored state. */
  readonly state?: FiringState;
  /** A rule's query failed. */
  readonly onRuleError?: (ruleId: string, message: string) => void;
  /** Most instants one rule may catch up per `advance` call, so one rule cannot starve the others. */
  readonly maxCatchUp?: number;
  /**
   * Whether this engine evaluates a rule (scale-out: rules are shared among workers; every worker sees every
   * event, so whichever owns a rule has its whole window). Default: all.
   */
  readonly owns?: (ruleId: string) => boolean;
  /** Run the rules the planner accepts on incremental plans (default true; false: every rule in batch). */
  readonly incremental?: boolean;
  /** Feed incremental plans with contributions instead of events (see the module comment). Default false. */
  readonly contributions?: boolean;
}

/** How the engine runs a rule: what `kql explain` and `rules validate` report for its query. */
export interface RuleMode {
  readonly mode: "incremental" | "batch";
  readonly reason: string;
}

/** A batch of one table's events as the engine decoded it, with its event-stream position. */
export interface DecodedBatch {
  readonly table: string;
  readonly rows: Value[][];
  readonly times: number[];
  readonly sequence?: number;
}

/** One rule's part of the firing state, checkpointed per rule so that workers can hand rules over. */
export interface RuleFiringState {
  lastInstant?: number;
  suppressedUntil?: number;
  nrtSequence?: number;
  firedEarly?: number;
  firedKeys?: FiredKeys;
}

interface Running extends EngineRule {
  readonly sources: readonly string[];
  /** Its trigger can only become true as events arrive: check the next window as they do. */
  readonly early: EarlyFiring | undefined;
  mode: RuleMode;
  /** The incremental plan of a scheduled rule the planner accepted. */
  plan?: IncrementalPlan;
  /** The plan missed events (the rule was not ours, or disabled): refill it from the store before reading. */
  planStale?: boolean;
  /** The plan is fed by contributions (`absorb`), never from the store. */
  sharded?: boolean;
  /** Identifies the plan across workers (see `planKey`). */
  planKey?: string;
}

/** The engine. */
export class DetectionEngine {
  readonly #options: DetectionEngineOptions;
  readonly #store: EventStore;
  readonly #rules = new Map<string, Running>();
  readonly #state: FiringState;
  readonly #lateness: number;
  /** Rules with new events in their next window since the last early check. */
  readonly #pendingEarly = new Set<string>();
  /** The latest event time among the contributions absorbed (it moves the watermark as the store's does). */
  #contributedMaxTime = -Infinity;

  constructor(options: DetectionEngineOptions) {
    this.#options = options;
    this.#store = new EventStore((table) => options.catalog().get(table));
    this.#state = options.state ?? { lastInstant: {}, suppressedUntil: {}, nrtSequence: {} };
    this.#lateness = options.latenessMicros ?? 5_000_000;
  }

  /** A copy of the state to checkpoint. */
  state(): FiringState {
    return structuredClone(this.#state);
  }

  /** One rule's firing state. */
  ruleState(id: string): RuleFiringState {
    const s = this.#state;
    const out: RuleFiringState = {};
    if (s.lastInstant[id] !== undefined) out.lastInstant = s.lastInstant[id];
    if (s.suppressedUntil[id] !== undefined) out.suppressedUntil = s.suppressedUntil[id];
    if (s.nrtSequence[id] !== undefined) out.nrtSequence = s.nrtSequence[id];
    if (s.firedEarly?.[id] !== undefined) out.firedEarly = s.firedEarly[id];
    if (s.firedKeys?.[id] !== undefined) out.firedKeys = s.firedKeys[id];
    return out;
  }

  /** Take over a rule's firing state (from a checkpoint written by this or another worker). */
  restoreRule(id: string, state: RuleFiringState): void {
    const s = this.#state;
    if (state.lastInstant !== undefined) s.lastInstant[id] = state.lastInstant;
    if (state.suppressedUntil !== undefined) s.suppressedUntil[id] = state.suppressedUntil;
    if (state.nrtSequence !== undefined) s.nrtSequence[id] = state.nrtSequence;
    if (state.firedEarly !== undefined) (s.firedEarly ??= {})[id] = state.firedEarly;
    if (state.firedKeys !== undefined) (s.firedKeys ??= {})[id] = state.firedKeys;
  }

  /** Ids of the rules this engine knows. */
  ruleIds(): string[] {
    return [...this.#rules.keys()];
  }

  #owns(id: string): boolean {
    return this.#options.owns?.(id) ?? true;
  }

  /** Events held in memory. */
  get bufferedEvents(): number {
    return this.#store.size;
  }

  /**
   * Add or replace a rule. A new scheduled rule starts at the instant after `activatedAt` (rules do not backfill
   * history, as in Sentinel); a rule seen before resumes after its last evaluated instant.
   *
   * @param rule the rule
   * @param activatedAt when it was enabled (microseconds)
   */
  upsertRule(rule: EngineRule, activatedAt: number): void {
    const catalog = this.#options.catalog();
    // The period lets the mode's reason say what an event-time bound does in the window.
    const analysis = analyzeQuery(rule.rule.query, {
      catalog,
      period: rule.rule.kind === "Scheduled" ? rule.rule.queryPeriod : undefined,
    });
    const sources = [...(analysis.bound?.info.sources ?? [])];
    // The planner's rewrite (functions such as ASIM parsers put in place) shows the shape early firing looks for.
    const early = earlyFiring(
      rule.rule,
      analysis.mode.plan?.query ?? analysis.query,
      new Set(catalog.names()),
    );
    // Built field by field: `rule` may be the running rule itself (a table that grew a column), with its old plan.
    const running: Running = {
      id: rule.id,
      rule: rule.rule,
      enabled: rule.enabled,
      sources,
      early,
      mode: analysis.mode,
    };
    const { queryFrequency: frequency, queryPeriod: period } = rule.rule;
    // NRT rules run over each arriving batch: they keep the planner's decision, with nothing to plan.
    if (rule.rule.kind !== "Scheduled" || !frequency || !period) {
      // Nothing to plan.
    } else if (this.#options.incremental === false) {
      running.mode = { mode: "batch", reason: "incremental plans are turned off" };
    } else if (analysis.mode.mode === "incremental" && analysis.bound && analysis.mode.leaves) {
      const plan = IncrementalPlan.create({
        // The planner may have put functions in place: the leaves belong to that query.
        query: analysis.mode.plan?.query ?? analysis.query,
        info: analysis.mode.plan?.info ?? analysis.bound.info,
        leaves: analysis.mode.leaves,
        catalog,
        pane: gcd(period, frequency),
        period,
        scan: (table, from, to) =>
          running.sharded ? { rows: [], times: [] } : this.#store.range(table, from, to),
      });
      if ("error" in plan) running.mode = { mode: "batch", reason: `the plan failed: ${plan.error}` };
      else {
        running.plan = plan;
        if (this.#options.contributions) {
          running.sharded = true;
          running.planKey = planKey(
            rule.id,
            rule.rule,
            plan.tables.map((t) => [t, plan.widthOf(t)]),
            catalog,
          );
          plan.clear();
        }
      }
    }
    this.#rules.set(rule.id, running);
    this.#keepDecodedForBatch();
    if (rule.rule.kind === "Scheduled" && frequency && this.#state.lastInstant[rule.id] === undefined) {
      this.#state.lastInstant[rule.id] = Math.floor(activatedAt / frequency) * frequency;
    }
  }

  /** How the engine runs a rule (undefined for an unknown rule). */
  modeOf(id: string): RuleMode | undefined {
    const r = this.#rules.get(id);
    return r === undefined ? undefined : { mode: r.mode.mode, reason: r.mode.reason };
  }

  /** The tables a rule reads (empty for an unknown rule or one that does not bind). */
  sourcesOf(id: string): readonly string[] {
    return this.#rules.get(id)?.sources ?? [];
  }

  /** Whether a rule fires as soon as its condition holds (see early_firing.ts). */
  firesEarly(id: string): boolean {
    return this.#rules.get(id)?.early !== undefined;
  }

  /** Remove a rule (its state goes too). */
  removeRule(id: string): void {
    this.#rules.delete(id);
    this.#keepDecodedForBatch();
    this.#pendingEarly.delete(id);
    delete this.#state.firedEarly?.[id];
    delete this.#state.firedKeys?.[id];
    delete this.#state.lastInstant[id];
    delete this.#state.suppressedUntil[id];
    delete this.#state.nrtSequence[id];
  }

  /**
   * Take a batch of one table's events (rows as on the event stream) and run the NRT rules that read it.
   *
   * @param table the table
   * @param rows JSON rows
   * @param options `sequence`: the event-stream position of the batch (NRT rules skip what they have seen);
   *   `now`: wall clock in microseconds
   */
  async ingest(
    table: string,
    rows: readonly Record<string, unknown>[],
    options: { sequence?: number; now: number },
  ): Promise<DecodedBatch | undefined> {
    const added = this.#store.add(table, rows);
    if (added.rows.length === 0) return undefined;
    let width: number | undefined;
    for (const r of this.#rules.values()) {
      if (!r.plan || r.sharded || !r.sources.includes(table)) continue;
      width ??= this.#options.catalog().get(table)?.columns.length;
      this.#feedPlan(r, table, added, width);
    }
    for (const r of this.#rules.values()) {
      if (r.early && r.enabled && !r.sharded && r.sources.includes(table) && this.#owns(r.id)) {
        this.#pendingEarly.add(r.id);
      }
    }
    const batch: DecodedBatch = { table, rows: added.rows, times: added.times, sequence: options.sequence };
    for (const r of this.#rules.values()) {
      if (r.rule.kind === "NRT" && this.#owns(r.id)) await this.#runNrt(r, batch, options.now);
    }
    return batch;
  }

  /**
   * Run one NRT rule over batches it has not seen (a worker that just took the rule over replays the recent
   * batches it kept, so none slips through the hand-over).
   *
   * @param id the rule
   * @param batches decoded batches as `ingest` returned them, in stream order
   * @param now wall clock, microseconds
   */
  async replayNrt(id: string, batches: readonly DecodedBatch[], now: number): Promise<void> {
    const r = this.#rules.get(id);
    if (!r || r.rule.kind !== "NRT") return;
    for (const batch of batches) await this.#runNrt(r, batch, now);
  }

  async #runNrt(r: Running, batch: DecodedBatch, now: number): Promise<void> {
    if (!r.enabled || !r.sources.includes(batch.table)) return;
    const seq = batch.sequence;
    if (seq !== undefined && seq <= (this.#state.nrtSequence[r.id] ?? 0)) return;
    const tables = this.#tablesFor(r, () => undefined);
    tables.set(batch.table, { columns: this.#options.catalog().get(batch.table)!.columns, rows: batch.rows });
    await this.#evaluate(r, this.#runBatch(r, tables, Math.max(...batch.times)), {
      windowStart: Math.min(...batch.times) - 1,
      windowEnd: Math.max(...batch.times),
      now,
    });
    if (seq !== undefined) this.#state.nrtSequence[r.id] = seq;
  }

  /**
   * Evaluate every scheduled instant the watermark has passed.
   *
   * @param now wall clock, microseconds
   * @returns how many scheduled instants were evaluated (early checks of the next instant not counted)
   */
  async advance(now: number): Promise<number> {
    const watermark = Math.max(this.#store.maxTime, this.#contributedMaxTime, now) - this.#lateness;
    await this.#checkEarly(now);
    let evaluations = 0;
    let longest = 0;
    for (const r of this.#rules.values()) {
      const { queryFrequency: frequency, queryPeriod: period } = r.rule;
      if (r.rule.kind !== "Scheduled" || !frequency || !period) continue;
      longest = Math.max(longest, period + frequency);
      if (!r.enabled || !this.#owns(r.id)) continue;
      let caught = 0;
      while (caught < (this.#options.maxCatchUp ?? 1000)) {
        const instant = (this.#state.lastInstant[r.id] ?? 0) + frequency;
        if (instant > watermark) break;
        // Already raised early for this instant: the same alert (same id), so nothing more to do.
        const window = { windowStart: instant - period, windowEnd: instant, now };
        if (this.#state.firedEarly?.[r.id] !== instant) {
          // Result rows raised early keep their alerts; the instant raises the others.
          const fired = this.#firedKeys(r.id, instant);
          await this.#evaluate(r, this.#resultOf(r, { ...window, final: true }), window, fired);
          if (fired !== undefined) delete this.#state.firedKeys![r.id];
        } else if (r.plan) {
          // Raised early: the plan still seals the instant's panes, so that reads stay O(changed groups).
          this.#resultOf(r, { ...window, final: true });
        }
        this.#state.lastInstant[r.id] = instant;
        caught++;
        evaluations++;
      }
    }
    // Keep what the longest window can still need, plus the lateness.
    if (Number.isFinite(watermark)) this.#store.prune(watermark - longest - this.#lateness);
    return evaluations;
  }

  #feedPlan(
    r: Running,
    table: string,
    added: { rows: Value[][]; times: number[] },
    width: number | undefined,
  ): void {
    const plan = r.plan!;
    if (!r.enabled || !this.#owns(r.id)) {
      r.planStale = true;
      return;
    }
    if (r.planStale) return;
    if (plan.widthOf(table) !== width) {
      // A custom table grew a column: compile again (the store pads older rows).
      this.upsertRule(r, 0);
      return;
    }
    try {
      plan.add(table, added.rows, added.times);
    } catch (error) {
      this.#dropPlan(r, error);
    }
  }

  /** Whether a rule's plan is fed by contributions (its events go to `contribute`, not to its owner's store). */
  isSharded(id: string): boolean {
    return this.#rules.get(id)?.sharded ?? false;
  }

  /**
   * A key that is the same on every worker for the same plan of a rule, and changes with the plan (the rule's
   * query, window, schedule, the functions it calls, the tables' widths): contributions are exchanged under it.
   */
  planKey(id: string): string | undefined {
    return this.#rules.get(id)?.planKey;
  }

  /**
   * Decode a batch of JSON rows without keeping it (events this worker handles for rules other workers own).
   *
   * @param table the table
   * @param rows JSON rows
   * @param sequence the batch's event-stream position
   * @returns the batch, or undefined when no row has a valid time
   */
  decode(
    table: string,
    rows: readonly Record<string, unknown>[],
    sequence: number,
  ): DecodedBatch | undefined {
    const decoded = this.#store.decode(table, rows);
    return decoded.rows.length === 0 ? undefined : { table, ...decoded, sequence };
  }

  /**
   * What a batch contributes to a sharded rule's plan (undefined when the rule is not sharded or does not read
   * the table). Works for any rule, whoever owns it; changes nothing.
   */
  contribute(id: string, batch: DecodedBatch): PlanPartial | undefined {
    const r = this.#rules.get(id);
    if (!r?.sharded || !r.plan || !r.sources.includes(batch.table) || batch.sequence === undefined) {
      return undefined;
    }
    const base = batch.sequence * ROWS_PER_SEQUENCE;
    const seqs = batch.times.map((_, i) => base + i);
    try {
      return r.plan.contribute(batch.table, batch.rows, batch.times, seqs);
    } catch (error) {
      this.#dropPlan(r, error);
      return undefined;
    }
  }

  /** Merge a contribution into a sharded rule's plan (the rule's owner). */
  absorb(id: string, partial: PlanPartial): void {
    const r = this.#rules.get(id);
    if (!r?.sharded || !r.plan) return;
    try {
      r.plan.absorb(partial);
    } catch (error) {
      this.#dropPlan(r, error);
      return;
    }
    if (partial.maxTime !== null && partial.maxTime > this.#contributedMaxTime) {
      this.#contributedMaxTime = partial.maxTime;
    }
    if (r.early && r.enabled && this.#owns(r.id)) this.#pendingEarly.add(r.id);
  }

  /** Empty a sharded rule's plan, for an owner about to replay its contributions from the start. */
  clearPlan(id: string): void {
    const r = this.#rules.get(id);
    if (r?.sharded) r.plan?.clear();
  }

  /** A plan's operator failed at run time: the rule goes to batch, which reports the error at its instants. */
  #dropPlan(r: Running, error: unknown): void {
    const message = (error as { diagnostic?: { message: string } }).diagnostic?.message ?? String(error);
    r.plan = undefined;
    r.sharded = false;
    r.planKey = undefined;
    r.mode = { mode: "batch", reason: `the plan failed: ${message}` };
    this.#keepDecodedForBatch();
  }

  /** Tables that scheduled rules read in batch at every instant keep their rows decoded (see EventStore). */
  #keepDecodedForBatch(): void {
    const tables = new Set<string>();
    for (const r of this.#rules.values()) {
      if (r.rule.kind === "Scheduled" && r.enabled && !r.plan) { for (const t of r.sources) tables.add(t); }
    }
    this.#store.keepDecoded(tables);
  }

  /** The query's result over a window: from the rule's plan, else in batch over the window's events. */
  #resultOf(
    r: Running,
    window: { windowStart: number; windowEnd: number; final: boolean },
  ): QueryResult | { error: string } {
    if (r.plan) {
      try {
        if (r.planStale) {
          r.planStale = false;
          r.plan.rebuild();
        }
        return r.plan.result(window);
      } catch (error) {
        this.#dropPlan(r, error);
      }
    }
    const { windowStart, windowEnd } = window;
    const tables = this.#tablesFor(r, (table) => this.#store.slice(table, windowStart, windowEnd));
    return this.#runBatch(r, tables, windowEnd);
  }

  /** The rule's query over the given tables, with now() = `now`. */
  #runBatch(r: Running, tables: Map<string, TableSlice>, now: number): QueryResult | { error: string } {
    try {
      return runQuery(r.rule.query, {
        tables: tables as Map<string, { columns: TableSlice["columns"]; rows: Value[][] }>,
        now,
        limits: { maxRows: 1_000_000 },
        catalog: this.#options.catalog(),
      });
    } catch (error) {
      return { error: `Rule query failed: ${(error as Error).message}` };
    }
  }

  /** Evaluate the next window of rules that received events, and raise their alert once it holds. */
  async #checkEarly(now: number): Promise<void> {
    for (const id of [...this.#pendingEarly]) {
      this.#pendingEarly.delete(id);
      const r = this.#rules.get(id);
      const { queryFrequency: frequency, queryPeriod: period } = r?.rule ?? {};
      if (!r || !r.enabled || !frequency || !period || !this.#owns(id)) continue;
      const next = (this.#state.lastInstant[id] ?? 0) + frequency;
      if (this.#state.firedEarly?.[id] === next) continue;
      const window = { windowStart: next - period, windowEnd: next, now };
      const result = this.#resultOf(r, { ...window, final: false });
      if (r.early?.perResult) {
        const fired = this.#firedKeys(id, next) ?? new Set<string>();
        const { keys } = await this.#evaluate(r, result, window, fired);
        if (keys.length > 0) {
          (this.#state.firedKeys ??= {})[id] = { instant: next, keys: [...fired, ...keys] };
        }
      } else if ((await this.#evaluate(r, result, window)).raised) {
        (this.#state.firedEarly ??= {})[id] = next;
      }
    }
  }

  #tablesFor(r: Running, slice: (table: string) => TableSlice | undefined): Map<string, TableSlice> {
    const tables = new Map<string, TableSlice>();
    const catalog = this.#options.catalog();
    for (const source of r.sources) {
      const schema: TableSchema | undefined = catalog.get(source);
      if (!schema) continue;
      tables.set(source, slice(source) ?? { columns: schema.columns, rows: [] });
    }
    return tables;
  }

  /** The keys of the result rows of `instant` raised early (undefined when none). */
  #firedKeys(id: string, instant: number): Set<string> | undefined {
    const fired = this.#state.firedKeys?.[id];
    return fired?.instant === instant ? new Set(fired.keys) : undefined;
  }

  /**
   * Raise the alerts of one evaluation's result, but for result rows in `skip` (raised early for the same
   * window). `raised`: alerts were raised (or suppressed); `keys`: the result rows raised.
   */
  async #evaluate(
    r: Running,
    result: QueryResult | { error: string },
    window: { windowStart: number; windowEnd: number; now: number },
    skip?: ReadonlySet<string>,
  ): Promise<{ raised: boolean; keys: string[] }> {
    const none = { raised: false, keys: [] };
    if ("error" in result) {
      this.#options.onRuleError?.(r.id, result.error);
      return none;
    }
    const failure = result.diagnostics.find((d) => d.severity === "error");
    if (failure) {
      this.#options.onRuleError?.(r.id, failure.message);
      return none;
    }
    const keyed = buildKeyedAlerts(r.rule, result, {
      windowStart: window.windowStart,
      windowEnd: window.windowEnd,
      now: new Date(window.now / 1000),
      keyColumns: r.early?.perResult?.keyColumns,
    }, skip);
    if (keyed.length === 0) return none;
    const alerts = keyed.map((k) => k.alert);
    const duration = r.rule.suppressionEnabled ? r.rule.suppressionDuration : undefined;
    if (duration) {
      // Suppressed after an alert, but for the rest of that same instant's rows (raised early one by one, they
      // would all have come at once at the instant).
      const until = this.#state.suppressedUntil[r.id] ?? -Infinity;
      if (window.windowEnd < until && window.windowEnd !== until - duration) {
        return { raised: true, keys: [] };
      }
      await this.#options.publish(alerts);
      this.#state.suppressedUntil[r.id] = window.windowEnd + duration;
    } else await this.#options.publish(alerts);
    return { raised: true, keys: keyed.map((k) => k.key) };
  }
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** The plan key (see `DetectionEngine.planKey`): stored functions the query names are part of the plan. */
function planKey(
  id: string,
  rule: Rule,
  widths: readonly (readonly [string, number | undefined])[],
  catalog: Catalog,
): string {
  const functions = catalog.functions().filter((f) => rule.query.includes(f.name)).map((
    f,
  ) => [f.name, f.body]);
  return stableGuid(
    JSON.stringify([PLAN_FORMAT, id, rule.query, rule.queryPeriod, rule.queryFrequency, widths, functions]),
  );
}
