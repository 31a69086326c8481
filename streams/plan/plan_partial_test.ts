/**
 * Sharded feeding of a plan against direct feeding: over seeded event streams (out of order, some events far
 * later than the instant that sealed their pane, ties in event time), every interval's events are split into
 * parts, each part's contribution goes through JSON, and the owner absorbs them in shuffled order; at every read
 * (early and final) its result must equal, rows and order, that of a plan given the same events through `add`.
 */
import assert from "node:assert/strict";
import { SeededRandom } from "../../bench/fixtures/random.ts";
import { analyzeQuery } from "../../query/bind/analyze_query.ts";
import { type QueryResult, runQuery } from "../../query/eval/run_query.ts";
import { Catalog, type ColumnSchema } from "../../query/symbols/mod.ts";
import type { Value } from "../../query/values/mod.ts";
import { IncrementalPlan, type PlanPartial } from "./mod.ts";

const MIN = 60_000_000;
const T0 = Date.UTC(2026, 10, 27, 9, 0) * 1000;
const CATALOG = Catalog.builtin();
/** The integrator's global order: stream sequence * 2**20 + row index. */
const ROWS_PER_SEQUENCE = 2 ** 20;

const SHAPES: readonly { name: string; query: string }[] = [
  {
    name: "filter-only, values JSON cannot write",
    query:
      "SecurityEvent | where EventID in (4625, 4624) | project TimeGenerated, TargetAccount, Computer, " +
      'Inf = 1.0 / (EventID - 4625), Zero = -0.0 * LogonType, Marker = parse_json(\'{"$num":"NaN"}\'), ' +
      'Wrapped = parse_json(\'{"$bag":{"$num":1}}\')',
  },
  {
    name: "summarize count/dcount/sum/avg/max by key",
    query:
      "SecurityEvent | extend Ratio = 1.0 / (LogonType - 3) | summarize n = count(), Hosts = dcount(Computer), " +
      "Total = sum(EventID), Mean = avg(LogonType), Top = max(Ratio), Low = min(Ratio), " +
      "Ids = count_distinct(EventID) by TargetAccount",
  },
  {
    name: "summarize make_set uncapped",
    query: "SecurityEvent | summarize Hosts = make_set(Computer), n = count() by TargetAccount",
  },
  {
    name: "make_set capped, make_set_if, make_list capped, make_list_with_nulls",
    query:
      "SecurityEvent | summarize Hosts = make_set(Computer, 2), Ids = make_set_if(EventID, LogonType > 2, 2), " +
      "Types = make_list(LogonType, 3), Nulls = make_list_with_nulls(iff(LogonType > 3, Computer, ''), 4) " +
      "by TargetAccount",
  },
  {
    name: "arg_max/arg_min with ties (on values and on event time)",
    query:
      "SecurityEvent | summarize arg_max(LogonType, Computer, EventID), arg_min(TimeGenerated, Computer) " +
      "by TargetAccount",
  },
  {
    name: "take_any, take_anyif, without keys",
    query:
      "SecurityEvent | summarize take_any(Computer, LogonType), Any = take_anyif(EventID, LogonType > 3)",
  },
  {
    name: "make_bag capped and uncapped (a key seen again keeps its first value)",
    query: "SecurityEvent | summarize Bag = make_bag(bag_pack(tostring(LogonType), Computer)), " +
      "Few = make_bag(bag_pack(Computer, EventID, 'n', LogonType), 2) by TargetAccount",
  },
  {
    name: "positions within an event: mv-expand rows and array elements",
    query: "SecurityEvent | extend Parts = split(strcat(Computer, '-', TargetAccount), '-') " +
      "| mv-expand Part = Parts to typeof(string) | summarize Set = make_set(Parts, 3), List = make_list(Part, 5), " +
      "First = take_any(Part), arg_max(EventID, Part) by Computer",
  },
  {
    name: "summarize then where",
    query: "SecurityEvent | where EventID == 4625 | summarize Failures = count() by TargetAccount " +
      "| where Failures > 1",
  },
  {
    name: "join of two summaries",
    query: "SecurityEvent | where EventID == 4625 | summarize Failures = count() by TargetAccount " +
      "| join kind=leftouter (SecurityEvent | where EventID == 4624 | summarize Logons = count() " +
      "by TargetAccount) on TargetAccount | where Failures > 0",
  },
  {
    name: "union of two tables with summarize",
    query: "union (SecurityEvent | where EventID == 4625 | project TimeGenerated, User = TargetAccount), " +
      "(SigninLogs | where ResultType != '0' | project TimeGenerated, User = UserPrincipalName) " +
      "| summarize Failures = count(), Last = max(TimeGenerated) by User",
  },
  {
    name: "union withsource of rows",
    query:
      "union withsource=Source SigninLogs, SecurityEvent | where EventID == 4625 or ResultType == '50126' " +
      "| project TimeGenerated, Source, TargetAccount, UserPrincipalName",
  },
  {
    name: "union branch with mv-expand",
    query: "union (SecurityEvent | where EventID == 4625 | extend Parts = split(TargetAccount, '-') " +
      "| mv-expand Part = Parts to typeof(string) | project TimeGenerated, Part), SigninLogs " +
      "| summarize Events = count(), Last = max(TimeGenerated) by Part, UserPrincipalName",
  },
  {
    name: "ago() bound (split panes) with summarize",
    query: "SecurityEvent | where TimeGenerated >= ago(10m) and EventID == 4625 " +
      "| summarize Failures = count(), Last = max(TimeGenerated) by TargetAccount",
  },
  {
    name: "ago() bounds on rows",
    query: "SecurityEvent | where TimeGenerated between (ago(20m) .. ago(5m)) " +
      "| project TimeGenerated, TargetAccount, Computer",
  },
  {
    name: "group order ties (top, no key-local post)",
    query: "SecurityEvent | summarize n = count() by Computer | top 3 by n desc",
  },
  {
    name: "equal keys that differ (0 and -0)",
    query:
      "SecurityEvent | extend K = iff(EventID == 4624, -0.0, 0.0) | summarize n = count() by K, Computer",
  },
  {
    name: "summarize without keys",
    query: "SecurityEvent | where EventID == 4625 | summarize count(), dcount(TargetAccount)",
  },
];

const PERIOD = 20 * MIN;
const FREQUENCY = 5 * MIN;

/** A plan of the query. */
function makePlan(query: string): IncrementalPlan {
  const analysis = analyzeQuery(query, { catalog: CATALOG, period: PERIOD });
  assert.equal(analysis.mode.mode, "incremental", `${query}: ${analysis.mode.reason}`);
  const plan = IncrementalPlan.create({
    query: analysis.mode.plan?.query ?? analysis.query,
    info: analysis.mode.plan?.info ?? analysis.bound!.info,
    leaves: analysis.mode.leaves!,
    catalog: CATALOG,
    pane: FREQUENCY,
    period: PERIOD,
    scan: () => ({ rows: [], times: [] }),
  });
  if ("error" in plan) throw new Error(`${query}: ${plan.error}`);
  return plan;
}

function rowOf(table: string, record: Record<string, Value>): Value[] {
  const columns = CATALOG.get(table)!.columns;
  return columns.map((c) => record[c.name] ?? null);
}

/** One message of events of one table. */
interface Batch {
  readonly table: string;
  readonly rows: Value[][];
  readonly times: number[];
  readonly sequence: number;
}

/** A read at an instant: `final` at its scheduled time, early before it. */
type Step = { batch: Batch } | { read: { windowStart: number; windowEnd: number; final: boolean } };

function makeSteps(random: SeededRandom): Step[] {
  const events: { table: string; time: number; arrives: number; row: Value[] }[] = [];
  const count = 60 + random.int(80);
  for (let i = 0; i < count; i++) {
    let time = T0 + 1 + random.int(60 * MIN);
    const edge = random.int(6);
    // Ties in event time, and times on pane edges (where inclusive and exclusive bounds differ).
    if (edge === 0) time = T0 + random.int(12) * FREQUENCY;
    else if (edge === 1) time = T0 + 7 * MIN;
    const late = random.int(8) === 0 ? random.int(30 * MIN) : random.int(MIN);
    const user = `corp-${random.int(3)}-user${random.int(4)}`;
    if (random.int(4) === 0) {
      events.push({
        table: "SigninLogs",
        time,
        arrives: time + late,
        row: rowOf("SigninLogs", {
          TimeGenerated: time,
          UserPrincipalName: user,
          ResultType: random.pick(["0", "50126", "50053"]),
          Location: random.pick(["FR", "US"]),
        }),
      });
    } else {
      events.push({
        table: "SecurityEvent",
        time,
        arrives: time + late,
        row: rowOf("SecurityEvent", {
          TimeGenerated: time,
          EventID: random.pick([4624, 4625, 4625, 4688]),
          TargetAccount: user,
          Computer: `host${random.int(4)}`,
          LogonType: random.int(6),
        }),
      });
    }
  }
  events.sort((a, b) => a.arrives - b.arrives);
  const steps: Step[] = [];
  let next = T0 + FREQUENCY;
  let sequence = 1;
  let i = 0;
  const end = T0 + 95 * MIN;
  while (next <= end) {
    // The events that arrive before the instant, in messages of one table.
    const due: typeof events = [];
    while (i < events.length && events[i].arrives <= next) due.push(events[i++]);
    while (due.length > 0) {
      const size = 1 + random.int(6);
      const table = due[0].table;
      const taken = [];
      while (taken.length < size && due.length > 0 && due[0].table === table) taken.push(due.shift()!);
      steps.push({
        batch: {
          table,
          rows: taken.map((e) => e.row),
          times: taken.map((e) => e.time),
          sequence: sequence++,
        },
      });
      if (random.int(4) === 0) {
        steps.push({ read: { windowStart: next - PERIOD, windowEnd: next, final: false } });
      }
    }
    steps.push({ read: { windowStart: next - PERIOD, windowEnd: next, final: true } });
    next += FREQUENCY;
  }
  return steps;
}

type Split = "modulo" | "chunks";

/** A batch cut into parts: by place modulo the number of parts, or in random contiguous chunks. */
function splitBatch(batch: Batch, parts: number, split: Split, random: SeededRandom): number[][] {
  const out: number[][] = Array.from({ length: parts }, () => []);
  if (split === "modulo") {
    batch.rows.forEach((_, r) => out[(batch.sequence * ROWS_PER_SEQUENCE + r) % parts].push(r));
    return out;
  }
  let part = 0;
  for (let r = 0; r < batch.rows.length; r++) {
    if (r > 0 && random.int(2) === 0) part = random.int(parts);
    out[part].push(r);
  }
  return out;
}

function shuffle<T>(items: T[], random: SeededRandom): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** Compare by JSON text too: deepStrictEqual tells -0 from 0 but JSON is what alerts carry. */
function assertSame(actual: QueryResult, expected: QueryResult, message: string): void {
  assert.deepStrictEqual(actual.rows, expected.rows, message);
  assert.deepStrictEqual(actual.columns, expected.columns, message);
}

function runCase(
  shape: (typeof SHAPES)[number],
  options: { seed: number; parts: number; split: Split },
): number {
  const random = new SeededRandom(options.seed);
  const steps = makeSteps(random);
  const direct = makePlan(shape.query);
  const owner = makePlan(shape.query);
  // A worker's plan: it only contributes, so its state must stay empty.
  const worker = makePlan(shape.query);
  const fresh = makePlan(shape.query);
  let pending: PlanPartial[] = [];
  let reads = 0;
  for (const step of steps) {
    if ("batch" in step) {
      const { table, rows, times, sequence } = step.batch;
      direct.add(table, rows, times);
      for (const part of splitBatch(step.batch, options.parts, options.split, random)) {
        const partial = worker.contribute(
          table,
          part.map((r) => rows[r]),
          part.map((r) => times[r]),
          part.map((r) => sequence * ROWS_PER_SEQUENCE + r),
        );
        pending.push(JSON.parse(JSON.stringify(partial)));
      }
      continue;
    }
    for (const partial of shuffle(pending, random)) owner.absorb(partial);
    pending = [];
    const message = `${shape.name}, seed ${options.seed}, ${options.parts} ${options.split} parts, ` +
      `read ${JSON.stringify(step.read)}`;
    assertSame(owner.result(step.read), direct.result(step.read), message);
    assertSame(
      worker.result(step.read),
      fresh.result(step.read),
      `the worker's plan stays empty: ${message}`,
    );
    reads++;
  }
  return reads;
}

Deno.test("plan contributions merged in any order equal feeding every event to the plan", () => {
  let cases = 0;
  let reads = 0;
  for (const shape of SHAPES) {
    for (const seed of [1, 2, 3]) {
      for (let parts = 1; parts <= 5; parts++) {
        for (const split of ["modulo", "chunks"] as const) {
          reads += runCase(shape, { seed: seed * 1_000 + parts, parts, split });
          cases++;
        }
      }
    }
  }
  assert.ok(cases >= 300 && reads > cases * 10, `${cases} cases, ${reads} reads`);
});

/**
 * The batch definition the plans must equal: the query over the window's events, in the event store's order
 * (event time, then arrival).
 */
function batchResult(
  query: string,
  arrived: readonly Batch[],
  read: { windowStart: number; windowEnd: number },
) {
  const events: { table: string; time: number; row: Value[] }[] = [];
  for (const b of arrived) {
    b.rows.forEach((row, i) => {
      if (b.times[i] > read.windowStart && b.times[i] <= read.windowEnd) {
        events.push({ table: b.table, time: b.times[i], row });
      }
    });
  }
  events.sort((a, b) => a.time - b.time);
  const tables = new Map<string, { columns: readonly ColumnSchema[]; rows: Value[][] }>();
  for (const table of ["SecurityEvent", "SigninLogs"]) {
    tables.set(table, {
      columns: CATALOG.get(table)!.columns,
      rows: events.filter((e) => e.table === table).map((e) => e.row),
    });
  }
  return runQuery(query, { tables, now: read.windowEnd, catalog: CATALOG });
}

Deno.test("order-dependent aggregates fed out of order and merged by place equal the batch definition", () => {
  let reads = 0;
  for (const shape of SHAPES.filter((s) => /make_|arg_|take_any/.test(s.query))) {
    for (const seed of [11, 12, 13, 14]) {
      const random = new SeededRandom(seed);
      const plan = makePlan(shape.query);
      const owner = makePlan(shape.query);
      const arrived: Batch[] = [];
      for (const step of makeSteps(random)) {
        if ("batch" in step) {
          const { table, rows, times, sequence } = step.batch;
          arrived.push(step.batch);
          plan.add(table, rows, times);
          // Each event apart, so the owner merges single-event states in arrival order.
          rows.forEach((row, r) => {
            const partial = plan.contribute(table, [row], [times[r]], [sequence * ROWS_PER_SEQUENCE + r]);
            owner.absorb(JSON.parse(JSON.stringify(partial)));
          });
          continue;
        }
        const expected = batchResult(shape.query, arrived, step.read);
        assert.deepEqual(expected.diagnostics, []);
        const message = `${shape.name}, seed ${seed}, read ${JSON.stringify(step.read)}`;
        assertSame(plan.result(step.read), expected, message);
        assertSame(owner.result(step.read), expected, `sharded: ${message}`);
        reads++;
      }
    }
  }
  assert.ok(reads > 100, `${reads} reads`);
});

Deno.test("contribute leaves the plan as it was", () => {
  const shape = SHAPES[1];
  const fed = makePlan(shape.query);
  const reference = makePlan(shape.query);
  const rows = [
    rowOf("SecurityEvent", { TimeGenerated: T0 + MIN, TargetAccount: "a", Computer: "h", EventID: 4625 }),
    rowOf("SecurityEvent", { TimeGenerated: T0 + 2 * MIN, TargetAccount: "b", Computer: "h", EventID: 4624 }),
  ];
  const times = [T0 + MIN, T0 + 2 * MIN];
  fed.add("SecurityEvent", rows, times);
  reference.add("SecurityEvent", rows, times);
  const partial = fed.contribute("SecurityEvent", rows, times, [7, 8]);
  assert.equal(partial.maxTime, T0 + 2 * MIN);
  assert.equal(partial.leaves.length, 1);
  const window = { windowStart: T0 - PERIOD + FREQUENCY, windowEnd: T0 + FREQUENCY, final: false };
  assertSame(fed.result(window), reference.result(window), "after contribute");
  assert.equal(fed.contribute("SecurityEvent", [], [], []).maxTime, null);
});

Deno.test("clear forgets every event; absorbing the partials again gives the same result", () => {
  const shape = SHAPES.find((s) => s.name === "union of two tables with summarize")!;
  const plan = makePlan(shape.query);
  const rows = [
    rowOf("SigninLogs", { TimeGenerated: T0 + MIN, UserPrincipalName: "u", ResultType: "50126" }),
    rowOf("SigninLogs", { TimeGenerated: T0 + MIN, UserPrincipalName: "v", ResultType: "50126" }),
  ];
  const partial = plan.contribute("SigninLogs", rows, [T0 + MIN, T0 + MIN], [2, 1]);
  const window = { windowStart: T0 + FREQUENCY - PERIOD, windowEnd: T0 + FREQUENCY, final: false };
  plan.absorb(partial);
  const before = plan.result(window);
  // Groups listed by their first row: the later place in the input comes first in the event order.
  assert.deepStrictEqual(before.rows.map((r) => r[0]), ["v", "u"]);
  plan.clear();
  assert.deepStrictEqual(plan.result(window).rows, []);
  plan.absorb(JSON.parse(JSON.stringify(partial)));
  assertSame(plan.result(window), before, "after clear and absorb");
});

Deno.test("a group's key values come from its earliest event, whatever the order of the rows given", () => {
  const shape = SHAPES.find((s) => s.name.startsWith("equal keys"))!;
  const time = T0 + MIN;
  const zero = rowOf("SecurityEvent", { TimeGenerated: time, EventID: 4625, Computer: "h" });
  const negative = rowOf("SecurityEvent", { TimeGenerated: time, EventID: 4624, Computer: "h" });
  const direct = makePlan(shape.query);
  direct.add("SecurityEvent", [negative, zero], [time, time]);
  const owner = makePlan(shape.query);
  owner.absorb(owner.contribute("SecurityEvent", [zero, negative], [time, time], [9, 3]));
  const window = { windowStart: T0 + FREQUENCY - PERIOD, windowEnd: T0 + FREQUENCY, final: true };
  const expected = direct.result(window);
  assert.ok(Object.is(expected.rows[0][0], -0));
  assertSame(owner.result(window), expected, "keys of the earliest event");
});

Deno.test("a partial from another plan shape is refused with a clear error", () => {
  const rowsPlan = makePlan(SHAPES[0].query);
  const groupsPlan = makePlan(SHAPES.find((s) => s.name === "summarize then where")!.query);
  const partial = groupsPlan.contribute("SecurityEvent", [], [], []);
  assert.throws(() => rowsPlan.absorb(partial), /Cannot absorb a plan partial: leaf 0 has 'groups'/);
  assert.throws(
    () => rowsPlan.absorb({ leaves: [], maxTime: null }),
    /Cannot absorb a plan partial: it has 0 leaves, the plan 1/,
  );
});
