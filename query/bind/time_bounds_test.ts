import assert from "node:assert/strict";
import { analyzeQuery } from "./analyze_query.ts";
import { changesEventTime, conjunctsOf, describeTimeFilter, span, type TimeFilter } from "./time_bounds.ts";
import type { PipeNode } from "../syntax/mod.ts";

const H = 3_600_000_000;
const filtersOf = (text: string) => analyzeQuery(text).mode.leaves?.[0]?.timeFilters ?? [];
const boundsOf = (text: string) => filtersOf(text).flatMap((f) => f.bounds);

Deno.test("timeFilterOf reads ago, now and lets of constants in either operand order", () => {
  assert.deepEqual(boundsOf("Syslog | where TimeGenerated > ago(1h)"), [
    { side: "lower", offset: H, inclusive: false },
  ]);
  assert.deepEqual(boundsOf("Syslog | where ago(1h) <= TimeGenerated"), [
    { side: "lower", offset: H, inclusive: true },
  ]);
  assert.deepEqual(boundsOf("Syslog | where now(-2h) >= TimeGenerated"), [
    { side: "upper", offset: 2 * H, inclusive: true },
  ]);
  assert.deepEqual(boundsOf("let tf = 2h; Syslog | where TimeGenerated < now() - tf * 2 + 30m"), [
    { side: "upper", offset: 3.5 * H, inclusive: false },
  ]);
  assert.deepEqual(boundsOf("let start = ago(3h); Syslog | where TimeGenerated > start"), [
    { side: "lower", offset: 3 * H, inclusive: false },
  ]);
  assert.deepEqual(boundsOf("Syslog | where TimeGenerated between (ago(3h) .. 1h)"), [
    { side: "lower", offset: 3 * H, inclusive: true },
    { side: "upper", offset: 2 * H, inclusive: true },
  ]);
  // Not bounds: another column, a bound that is not constant, a negated between.
  assert.deepEqual(boundsOf("Syslog | where EventTime > ago(1h)"), []);
  assert.deepEqual(boundsOf("Syslog | where TimeGenerated > ago(totimespan(ProcessID))"), []);
  assert.deepEqual(boundsOf("Syslog | where TimeGenerated !between (ago(3h) .. ago(1h))"), []);
});

Deno.test("conjunctsOf and changesEventTime", () => {
  const q = analyzeQuery(
    "Syslog | where (A and B) and C | extend TimeGenerated = now() | project TimeGenerated",
  );
  const pipe = (q.query.statements[0] as { expression: PipeNode }).expression;
  const [where, extend, project] = pipe.operators;
  assert.equal(where.kind === "Where" && conjunctsOf(where.predicate).length, 3);
  const info = q.bound!.info;
  assert.deepEqual([where, extend, project].map((op) => changesEventTime(op, info)), [false, true, false]);
});

Deno.test("describeTimeFilter says what a bound does in the rule's window", () => {
  const f = (text: string): TimeFilter => filtersOf(`Syslog | where ${text}`)[0];
  assert.equal(
    describeTimeFilter(f("TimeGenerated > ago(1d)"), 24 * H),
    "where TimeGenerated > ago(1d): always true in the 1d window",
  );
  assert.equal(
    describeTimeFilter(f("TimeGenerated >= ago(1h)"), 24 * H),
    "where TimeGenerated >= ago(1h): events in [now-1h, now] of each window",
  );
  assert.equal(
    describeTimeFilter(f("TimeGenerated < ago(1d)"), 24 * H),
    "where TimeGenerated < ago(1d): always false in the 1d window",
  );
  assert.equal(span(90 * 60_000_000), "90m");
});
