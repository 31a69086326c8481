import assert from "node:assert/strict";
import { Catalog } from "../../../query/symbols/mod.ts";
import type { SecurityAlert } from "../../alerts/mod.ts";
import { DetectionEngine } from "../../detect/mod.ts";
import { type Rule, validateRule } from "../mod.ts";
import { BUILTIN_RULE_FILES, loadBuiltinRules } from "./mod.ts";
import { type Row, RULE_CASES, type RuleCase, T0 } from "./_rule_cases.ts";

const MIN = 60_000_000;
/** Long enough for every rule's window to pass over all the crafted events. */
const HORIZON = T0 + 4 * 60 * MIN;

const files = await loadBuiltinRules((url) => Deno.readTextFile(url));

function loadRule(file: string): Rule {
  const validation = validateRule(files.get(file) ?? "");
  assert.ok(validation.rule && validation.ok, `${file}: ${JSON.stringify(validation.problems)}`);
  return validation.rule;
}

/** Feed the rows to a fresh engine running only this rule and collect what it publishes. */
async function alertsOf(rule: Rule, table: string, rows: readonly Row[]): Promise<SecurityAlert[]> {
  const published: SecurityAlert[] = [];
  const errors: string[] = [];
  const engine = new DetectionEngine({
    catalog: () => Catalog.builtin(),
    publish: (alerts) => {
      published.push(...alerts);
      return Promise.resolve();
    },
    latenessMicros: 0,
    onRuleError: (id, message) => errors.push(`${id}: ${message}`),
  });
  engine.upsertRule({ id: rule.id, rule, enabled: true }, T0);
  await engine.ingest(table, rows, { sequence: 1, now: T0 + MIN });
  await engine.advance(HORIZON);
  assert.deepEqual(errors, []);
  return published.sort((a, b) => a.AlertName.localeCompare(b.AlertName));
}

Deno.test("the pack lists every rule file of the folder, and only those", async () => {
  const onDisk: string[] = [];
  for await (const entry of Deno.readDir(new URL(".", import.meta.url))) {
    if (entry.isFile && entry.name.endsWith(".yaml")) onDisk.push(entry.name);
  }
  assert.deepEqual([...BUILTIN_RULE_FILES].sort(), onDisk.sort());
  assert.deepEqual(RULE_CASES.map((c) => c.file).sort(), onDisk.sort());
});

Deno.test("loadBuiltinRules names the file it could not read", async () => {
  await assert.rejects(
    loadBuiltinRules((url) =>
      url.pathname.endsWith("cef_port_scan.yaml") ? Promise.reject(new Error("gone")) : Promise.resolve("")
    ),
    { message: "Could not read built-in rule file 'cef_port_scan.yaml': gone" },
  );
});

Deno.test("every built-in rule validates with no problem, a fresh id and MITRE tactics", () => {
  const ids = new Set<string>();
  for (const c of RULE_CASES) {
    const validation = validateRule(files.get(c.file)!);
    assert.deepEqual(validation.problems, [], c.file);
    assert.equal(validation.mode.mode, c.mode, `${c.file}: ${validation.mode.reason}`);
    const rule = validation.rule!;
    assert.match(rule.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, c.file);
    assert.ok(!ids.has(rule.id), `${c.file}: duplicate id`);
    ids.add(rule.id);
    assert.ok(rule.tactics.length > 0 && rule.relevantTechniques.length > 0, c.file);
    assert.ok(rule.entityMappings.length > 0, c.file);
    assert.deepEqual(validation.analysis?.bound?.info.sources ?? [], new Set([c.table]), c.file);
  }
});

/**
 * Feed the rows in shuffled chunks, advancing the engine between chunks only as far as the earliest event still to
 * come (so nothing arrives behind the watermark): a streaming evaluation must give the alerts of the whole input.
 */
async function alertsOfChunked(rule: Rule, table: string, rows: readonly Row[], seed: number) {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const micros = (r: Row) => Date.parse(String(r.TimeGenerated)) * 1000;
  const ordered = [...rows].sort((a, b) => micros(a) - micros(b));
  const published: SecurityAlert[] = [];
  const engine = new DetectionEngine({
    catalog: () => Catalog.builtin(),
    publish: (alerts) => {
      published.push(...alerts);
      return Promise.resolve();
    },
    latenessMicros: 0,
  });
  engine.upsertRule({ id: rule.id, rule, enabled: true }, T0);
  for (let i = 0; i < ordered.length;) {
    const size = 1 + Math.floor(random() * 7);
    const chunk = ordered.slice(i, i + size).sort(() => random() - 0.5);
    i += size;
    await engine.ingest(table, chunk, { now: T0 });
    await engine.advance(i < ordered.length ? micros(ordered[i]) - 1 : T0);
  }
  await engine.advance(HORIZON);
  return published.sort((a, b) => a.AlertName.localeCompare(b.AlertName));
}

Deno.test("scheduled built-in rules raise the same alerts when events arrive in shuffled chunks", async () => {
  // The same alerts: ids (rule, instant, group). Not their names: a rule that fires as soon as its condition holds
  // names the count it had then ("21 failed logons"), which depends on how the events came in.
  const key = (a: SecurityAlert) => `${a.SystemAlertId} ${a.EndTime}`;
  for (const c of RULE_CASES) {
    const rule = loadRule(c.file);
    if (rule.kind !== "Scheduled") continue;
    const mixed = [...c.benign, ...c.attack];
    const whole = (await alertsOf(rule, c.table, mixed)).map(key);
    assert.equal(whole.length, c.alerts.length, c.file);
    for (const seed of [1, 2, 3]) {
      assert.deepEqual(
        (await alertsOfChunked(rule, c.table, mixed, seed)).map(key),
        whole,
        `${c.file} seed ${seed}`,
      );
    }
  }
});

function checkCase(c: RuleCase) {
  Deno.test(`${c.file}: the attack raises the expected alerts with their entities`, async () => {
    const rule = loadRule(c.file);
    const alerts = await alertsOf(rule, c.table, c.attack);
    assert.deepEqual(
      alerts.map((a) => ({ name: a.AlertName, entities: a.Entities })),
      c.alerts,
    );
    for (const alert of alerts) {
      assert.equal(alert.RuleId, rule.id);
      assert.deepEqual(alert.Tactics, rule.tactics);
    }
  });
  Deno.test(`${c.file}: the benign events raise no alert`, async () => {
    const rule = loadRule(c.file);
    assert.deepEqual(await alertsOf(rule, c.table, c.benign), []);
  });
  Deno.test(`${c.file}: the attack among the benign events raises the same alerts`, async () => {
    const rule = loadRule(c.file);
    const mixed = [...c.benign, ...c.attack].sort((a, b) =>
      String(a.TimeGenerated).localeCompare(String(b.TimeGenerated))
    );
    const alerts = await alertsOf(rule, c.table, mixed);
    assert.deepEqual(alerts.map((a) => a.AlertName), c.alerts.map((a) => a.name));
  });
}

for (const c of RULE_CASES) checkCase(c);
