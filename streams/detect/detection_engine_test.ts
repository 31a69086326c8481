import assert from "node:assert/strict";
import { Catalog } from "../../query/symbols/mod.ts";
import { runQuery } from "../../query/eval/run_query.ts";
import { rowDecoder } from "../../query/values/mod.ts";
import type { SecurityAlert } from "../alerts/mod.ts";
import { buildAlerts } from "../alerts/mod.ts";
import { validateRule } from "../rules/mod.ts";
import { DetectionEngine } from "./detection_engine.ts";

const MIN = 60_000_000;
const T0 = Date.UTC(2026, 10, 27, 10, 0) * 1000; // an instant for every frequency used here

function rule(yaml: string) {
  const v = validateRule(yaml);
  assert.ok(v.rule, JSON.stringify(v.problems));
  return v.rule;
}

const BRUTE_YAML = `id: brute
name: Brute force
description: d
severity: Medium
kind: Scheduled
queryFrequency: 5m
queryPeriod: 1h
triggerOperator: gt
triggerThreshold: 0
query: |
  SecurityEvent
  | where EventID == 4625
  | summarize Failures = count() by TargetAccount
  | where Failures >= 3
version: 1
`;
const BRUTE = rule(BRUTE_YAML);

function failure(account: string, micros: number) {
  return { TimeGenerated: new Date(micros / 1000).toISOString(), EventID: 4625, TargetAccount: account };
}

function engineWith(published: SecurityAlert[], errors: string[] = []) {
  return new DetectionEngine({
    catalog: () => Catalog.builtin(),
    publish: (alerts) => {
      published.push(...alerts);
      return Promise.resolve();
    },
    latenessMicros: 0,
    onRuleError: (id, message) => errors.push(`${id}: ${message}`),
  });
}

Deno.test("a scheduled rule fires at each instant whose window holds the condition, once per instant", async () => {
  const published: SecurityAlert[] = [];
  const engine = engineWith(published);
  engine.upsertRule({ id: "brute", rule: BRUTE, enabled: true }, T0);
  const rows = [1, 2, 3].map((i) => failure("bob", T0 + i * MIN));
  await engine.ingest("SecurityEvent", rows, { now: T0 + 4 * MIN });
  await engine.advance(T0 + 4 * MIN); // the window (T0-55m, T0+5m] has not closed, but its condition holds:
  assert.equal(published.length, 1); // raised early, with the id of the instant T0+5m
  await engine.advance(T0 + 5 * MIN);
  assert.equal(published.length, 1);
  assert.equal(published[0].EndTime, new Date((T0 + 5 * MIN) / 1000).toISOString().replace(".000", ""));
  assert.equal(await engine.advance(T0 + 5 * MIN), 0); // never twice
  assert.equal(await engine.advance(T0 + 10 * MIN), 1); // the next window still holds the three failures
  assert.equal(published.length, 2);
  assert.notEqual(published[0].SystemAlertId, published[1].SystemAlertId);
  // An hour later the failures have left the window.
  await engine.advance(T0 + 70 * MIN);
  const late = published.filter((a) => Date.parse(a.EndTime) > (T0 + 62 * MIN) / 1000);
  assert.equal(late.length, 0);
});

Deno.test("the engine's alerts equal the batch definition over random event streams (oracle)", async () => {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let round = 0; round < 5; round++) {
    const published: SecurityAlert[] = [];
    const engine = engineWith(published);
    engine.upsertRule({ id: "brute", rule: BRUTE, enabled: true }, T0);
    const events: Array<Record<string, unknown>> = [];
    for (let i = 0; i < 200; i++) {
      // Out of order within a few minutes: events arrive shuffled but never later than the lateness allows.
      events.push(
        failure(
          ["alice", "bob", "carol"][Math.floor(random() * 3)],
          T0 + Math.floor(random() * 120 * MIN) + 1,
        ),
      );
    }
    events.sort((a, b) => Date.parse(String(a.TimeGenerated)) - Date.parse(String(b.TimeGenerated)));
    let clock = T0;
    for (let i = 0; i < events.length; i += 10) {
      const batch = events.slice(i, i + 10).sort(() => random() - 0.5);
      const latest = Math.max(...batch.map((e) => Date.parse(String(e.TimeGenerated)) * 1000));
      await engine.ingest("SecurityEvent", batch, { now: clock });
      clock = Math.max(clock, latest);
      // Advance only to the earliest event still to come: nothing arrives behind the watermark.
      const next = events[i + 10] ? Date.parse(String(events[i + 10].TimeGenerated)) * 1000 - 1 : clock;
      await engine.advance(next);
    }
    await engine.advance(T0 + 200 * MIN);

    // The definition: at each instant t = kF, the query over (t-P, t] with now() = t.
    const columns = Catalog.builtin().get("SecurityEvent")!.columns;
    const decode = rowDecoder(columns);
    const decoded = events.map((e) => decode(e));
    const timeIndex = columns.findIndex((c) => c.name === "TimeGenerated");
    const expected: SecurityAlert[] = [];
    for (let t = T0 + 5 * MIN; t <= T0 + 200 * MIN; t += 5 * MIN) {
      const rows = decoded.filter((r) =>
        (r[timeIndex] as number) > t - 60 * MIN && (r[timeIndex] as number) <= t
      );
      const result = runQuery(BRUTE.query, {
        tables: new Map([["SecurityEvent", { columns, rows }]]),
        now: t,
      });
      expected.push(
        ...await buildAlerts(BRUTE, result, { windowStart: t - 60 * MIN, windowEnd: t, now: new Date() }),
      );
    }
    // Same alerts (identity: rule, version, window end, group). An alert raised early carries the rows seen so far.
    const key = (a: SecurityAlert) => a.SystemAlertId;
    assert.deepEqual(published.map(key), expected.map(key), `round ${round}`);
    assert.ok(expected.length > 0);
  }
});

Deno.test("early firing raises a growing condition as soon as it holds, and only such conditions", async () => {
  const published: SecurityAlert[] = [];
  const engine = engineWith(published);
  engine.upsertRule({ id: "brute", rule: BRUTE, enabled: true }, T0);
  assert.equal(engine.firesEarly("brute"), true);
  await engine.ingest("SecurityEvent", [failure("bob", T0 + MIN), failure("bob", T0 + MIN)], {
    now: T0 + MIN,
  });
  await engine.advance(T0 + MIN);
  assert.equal(published.length, 0); // two failures: not yet
  await engine.ingest("SecurityEvent", [failure("bob", T0 + 2 * MIN)], { now: T0 + 2 * MIN });
  await engine.advance(T0 + 2 * MIN);
  assert.equal(published.length, 1); // the third one completes it: raised three minutes before the window closes
  assert.equal(Date.parse(published[0].EndTime) * 1000, T0 + 5 * MIN);
  await engine.advance(T0 + 5 * MIN);
  assert.equal(published.length, 1);

  const notEarly = (query: string, extra = "") =>
    rule(
      `id: n\nname: N\ndescription: d\nseverity: Low\nkind: Scheduled\nqueryFrequency: 5m\nqueryPeriod: 1h\n` +
        `triggerOperator: gt\ntriggerThreshold: 0\n${extra}query: ${query}\nversion: 1\n`,
    );
  const cases = [
    notEarly("SecurityEvent | summarize c = count() by Computer | where c < 3"),
    notEarly("SecurityEvent | summarize m = min(EventID) by Computer | where m > 3"),
    // One alert per group: the group must reach the result with its keys, to be known again at the instant.
    notEarly(
      "SecurityEvent | summarize c = count() by Computer | where c > 3 | project c",
      "eventGroupingSettings:\n  aggregationKind: AlertPerResult\n",
    ),
    notEarly(
      "SecurityEvent | summarize c = count() by Computer | extend Computer = tolower(Computer) | where c > 3",
      "eventGroupingSettings:\n  aggregationKind: AlertPerResult\n",
    ),
    notEarly("SecurityEvent | summarize Last = max(TimeGenerated) by Computer | where Last < ago(1h)"),
    notEarly("SecurityEvent | join kind=leftanti (SecurityEvent | where EventID == 4624) on Computer"),
    notEarly("SecurityEvent | summarize c = count() by Computer | extend r = c * -1 | where r > -3"),
  ];
  cases.forEach((r, i) => {
    engine.upsertRule({ id: `n${i}`, rule: r, enabled: true }, T0);
    assert.equal(engine.firesEarly(`n${i}`), false, r.query);
  });
  const yes = notEarly(
    "SecurityEvent | where EventID == 4625 | extend a = tolower(Account) | summarize dcount(a), n = count() by Computer | where dcount_a >= 5 and n > 10 and Computer != 'x'",
  );
  engine.upsertRule({ id: "yes", rule: yes, enabled: true }, T0);
  assert.equal(engine.firesEarly("yes"), true);
  // Through an ASIM parser: the planner puts the function in place, and that pipe is the shape looked for.
  const asim = notEarly(
    "imAuthentication(starttime=ago(1h)) | where EventResult == 'Failure' | summarize n = count() by TargetUsername | where n > 5",
  );
  engine.upsertRule({ id: "asim", rule: asim, enabled: true }, T0);
  assert.equal(engine.firesEarly("asim"), true);
});

Deno.test("early firing per result row: each group fires once as soon as it holds, with the id the instant gives it", async () => {
  const perRow = rule(
    BRUTE_YAML.replace("id: brute", "id: rows").replace(
      "query: |",
      "eventGroupingSettings:\n  aggregationKind: AlertPerResult\nquery: |\n  let threshold = 3;",
    ).replace(
      "| summarize Failures = count() by TargetAccount\n  | where Failures >= 3",
      "| summarize Failures = count(), Last = max(TimeGenerated), Hosts = make_set(Computer) by TargetAccount\n" +
        "  | where Failures >= threshold and Last > ago(1h)",
    ),
  );
  const early: SecurityAlert[] = [];
  const engine = engineWith(early);
  engine.upsertRule({ id: "rows", rule: perRow, enabled: true }, T0);
  assert.equal(engine.firesEarly("rows"), true);
  const bob = [1, 1, 1, 2].map((m) => failure("bob", T0 + m * MIN));
  const alice = [2, 2, 3].map((m) => failure("alice", T0 + m * MIN));
  await engine.ingest("SecurityEvent", bob.slice(0, 3), { now: T0 + MIN });
  await engine.advance(T0 + MIN);
  assert.deepEqual(early.map((a) => a.ExtendedProperties.Results), [[{
    TargetAccount: "bob",
    Failures: 3,
    Last: "2026-11-27T10:01:00Z",
    Hosts: [""],
  }]]);
  await engine.ingest("SecurityEvent", [bob[3], ...alice.slice(0, 2)], { now: T0 + 2 * MIN });
  await engine.advance(T0 + 2 * MIN);
  assert.equal(early.length, 1); // bob has fired; alice has two
  await engine.ingest("SecurityEvent", [alice[2]], { now: T0 + 3 * MIN });
  await engine.advance(T0 + 3 * MIN);
  await engine.advance(T0 + 5 * MIN); // the instant raises nothing more
  assert.equal(early.length, 2);

  // The instant's own evaluation gives the same ids (a group is known by its keys, not its growing counts).
  const atInstant: SecurityAlert[] = [];
  const late = engineWith(atInstant);
  late.upsertRule({ id: "rows", rule: perRow, enabled: true }, T0);
  await late.ingest("SecurityEvent", [...bob, ...alice], { now: T0 - MIN });
  await late.advance(T0 + 5 * MIN);
  assert.deepEqual(early.map((a) => a.SystemAlertId).sort(), atInstant.map((a) => a.SystemAlertId).sort());
  assert.equal(
    atInstant.find((a) => a.SystemAlertId === early[0].SystemAlertId)?.ExtendedProperties.Results
      ?.toString(),
    early[0].ExtendedProperties.Results?.toString(),
  );
});

Deno.test("an NRT rule fires per batch and never twice for the same stream position", async () => {
  const published: SecurityAlert[] = [];
  const engine = engineWith(published);
  const nrt = rule(`id: root
name: Root login
description: d
severity: High
kind: NRT
query: |
  AWSCloudTrail
  | where EventName == "ConsoleLogin" and UserIdentityType == "Root"
version: 1
`);
  engine.upsertRule({ id: "root", rule: nrt, enabled: true }, T0);
  const batch = [
    { TimeGenerated: "2026-11-27T10:00:00Z", EventName: "ConsoleLogin", UserIdentityType: "Root" },
    { TimeGenerated: "2026-11-27T10:00:01Z", EventName: "ConsoleLogin", UserIdentityType: "IAMUser" },
  ];
  await engine.ingest("AWSCloudTrail", batch, { sequence: 5, now: T0 });
  assert.equal(published.length, 1);
  assert.equal(published[0].ProviderName, "ASI NRT Alerts");
  await engine.ingest("AWSCloudTrail", batch, { sequence: 5, now: T0 });
  assert.equal(published.length, 1);
});

Deno.test("suppression holds back alerts for the suppression duration", async () => {
  const published: SecurityAlert[] = [];
  const engine = engineWith(published);
  const suppressed = rule(`id: s
name: S
description: d
severity: Low
kind: Scheduled
queryFrequency: 5m
queryPeriod: 1h
triggerOperator: gt
triggerThreshold: 0
suppressionEnabled: true
suppressionDuration: 15m
query: SecurityEvent | where EventID == 4625
version: 1
`);
  engine.upsertRule({ id: "s", rule: suppressed, enabled: true }, T0);
  await engine.ingest("SecurityEvent", [failure("bob", T0 + MIN)], { now: T0 });
  await engine.advance(T0 + 40 * MIN);
  // Instants at +5, +10, ..., +40 all see the event; with 15m suppression only +5, +20, +35 publish.
  assert.deepEqual(published.map((a) => (Date.parse(a.EndTime) * 1000 - T0) / MIN), [5, 20, 35]);
});

Deno.test("a failing rule is reported and does not stop the others", async () => {
  const published: SecurityAlert[] = [];
  const errors: string[] = [];
  const engine = engineWith(published, errors);
  const broken = rule(`id: broken
name: Broken
description: d
severity: Low
kind: Scheduled
queryFrequency: 5m
queryPeriod: 1h
triggerOperator: gt
triggerThreshold: 0
query: SecurityEvent | take 1 | join kind=inner (range x from 1 to 2000000 step 1) on $left.EventID == $right.x
version: 1
`);
  engine.upsertRule({ id: "broken", rule: broken, enabled: true }, T0);
  engine.upsertRule({ id: "brute", rule: BRUTE, enabled: true }, T0);
  await engine.ingest("SecurityEvent", [1, 2, 3].map((i) => failure("bob", T0 + i * MIN)), { now: T0 });
  await engine.advance(T0 + 5 * MIN);
  assert.equal(published.filter((a) => a.RuleId === "brute").length, 1);
  assert.equal(errors.length, 1, JSON.stringify(errors));
  assert.match(errors[0], /^broken: /);
});

Deno.test("rules the planner accepts run on incremental plans; the engine reports each rule's mode", () => {
  const published: SecurityAlert[] = [];
  const engine = engineWith(published);
  engine.upsertRule({ id: "brute", rule: BRUTE, enabled: true }, T0);
  assert.equal(engine.modeOf("brute")?.mode, "incremental");
  const recent = rule(BRUTE_YAML.replace("| where EventID == 4625", "| where TimeGenerated > ago(10m)"));
  engine.upsertRule({ id: "recent", rule: recent, enabled: true }, T0);
  assert.equal(engine.modeOf("recent")?.mode, "incremental");
  assert.match(
    engine.modeOf("recent")!.reason,
    /where TimeGenerated > ago\(10m\): events in \(now-10m, now\]/,
  );
  const aged = rule(BRUTE_YAML.replace("| where EventID == 4625", "| where now() - TimeGenerated < 10m"));
  engine.upsertRule({ id: "aged", rule: aged, enabled: true }, T0);
  assert.equal(engine.modeOf("aged")?.mode, "batch");
  assert.match(engine.modeOf("aged")!.reason, /^'now\(\)' depends on the evaluation instant/);
  // A bound off the schedule's grid would need far finer panes: batch, and why.
  const fine = rule(BRUTE_YAML.replace("| where EventID == 4625", "| where TimeGenerated > ago(30m) - 1ms"));
  engine.upsertRule({ id: "fine", rule: fine, enabled: true }, T0);
  assert.deepEqual(engine.modeOf("fine"), {
    mode: "batch",
    reason:
      "the plan failed: the event-time bounds need panes of 1ms, 300000 times finer than the schedule's",
  });
  const batch = new DetectionEngine({
    catalog: () => Catalog.builtin(),
    publish: () => Promise.resolve(),
    incremental: false,
  });
  batch.upsertRule({ id: "brute", rule: BRUTE, enabled: true }, T0);
  assert.deepEqual(batch.modeOf("brute"), { mode: "batch", reason: "incremental plans are turned off" });
  assert.equal(engine.modeOf("unknown"), undefined);
});

Deno.test("a custom table that grows a column gets its plans compiled again, with the same alerts as batch", async () => {
  let columns = [{ name: "TimeGenerated", type: "datetime" as const }, {
    name: "User",
    type: "string" as const,
  }];
  const catalog = () => Catalog.builtin().withSchemas([{ name: "Logins_CL", columns }]);
  const custom = rule(BRUTE_YAML.replace(
    /query: \|[\s\S]*version/,
    "query: Logins_CL | summarize n = count(), Users = dcount(User) by User | where n >= 2\nversion",
  ));
  const runs: SecurityAlert[][] = [];
  for (const incremental of [true, false]) {
    const published: SecurityAlert[] = [];
    const engine = new DetectionEngine({
      catalog,
      publish: (alerts) => {
        published.push(...alerts);
        return Promise.resolve();
      },
      latenessMicros: 0,
      incremental,
    });
    columns = columns.slice(0, 2);
    engine.upsertRule({ id: "custom", rule: custom, enabled: true }, T0);
    assert.equal(engine.modeOf("custom")?.mode, incremental ? "incremental" : "batch");
    const at = (i: number) => new Date((T0 + i * MIN) / 1000).toISOString();
    await engine.ingest("Logins_CL", [{ TimeGenerated: at(1), User: "a" }, {
      TimeGenerated: at(2),
      User: "a",
    }], {
      now: T0 + 2 * MIN,
    });
    await engine.advance(T0 + 6 * MIN);
    columns = [...columns, { name: "Country", type: "string" as const }];
    await engine.ingest("Logins_CL", [{ TimeGenerated: at(7), User: "a", Country: "FR" }], {
      now: T0 + 7 * MIN,
    });
    await engine.advance(T0 + 30 * MIN);
    runs.push(published);
  }
  assert.ok(runs[1].length >= 2);
  assert.deepEqual(runs[0], runs[1]);
});
