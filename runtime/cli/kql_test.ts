import assert from "node:assert/strict";
import type { CommandIo } from "./io.ts";
import { run } from "./kql.ts";

async function kql(args: string[], input: string): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = {
    stdin: new Blob([input]).stream(),
    stdout: (line) => out.push(line),
    stderr: (line) => err.push(line),
    env: {},
  };
  const code = await run(args, io);
  return { code, out, err };
}

Deno.test("kql check answers ok for a valid query", async () => {
  const { code, out } = await kql(
    ["check"],
    "SecurityEvent | where EventID == 4625 | summarize count() by Account",
  );
  assert.equal(code, 0);
  assert.deepEqual(out.map((l) => JSON.parse(l)), [{ ok: true }]);
});

Deno.test("kql check reports binding and syntax errors with line and column, exit 1", async () => {
  const bind = await kql(["check"], "SecurityEvent\n| where Acount == 'x'");
  assert.equal(bind.code, 1);
  assert.deepEqual(JSON.parse(bind.out[0]), {
    ok: false,
    errors: [{ message: "Unknown column 'Acount'; did you mean 'Account'", line: 2, column: 9 }],
  });
  const syntax = await kql(["check"], "SecurityEvent | where (");
  assert.equal(syntax.code, 1);
  assert.equal(JSON.parse(syntax.out[0]).ok, false);
  assert.equal(syntax.out.length, 1);
});

Deno.test("kql check --jsonl answers every line with its id, bad lines included, exit 0", async () => {
  const input = [
    JSON.stringify({ id: "a", query: "Syslog | take 1" }),
    "{not json",
    JSON.stringify({ id: 7, query: "Nope | take 1" }),
    JSON.stringify({ id: "q" }),
    "",
  ].join("\n");
  const { code, out } = await kql(["check", "--jsonl"], input);
  assert.equal(code, 0);
  const answers = out.map((l) => JSON.parse(l));
  assert.equal(answers.length, 4);
  assert.deepEqual(answers[0], { id: "a", ok: true });
  assert.equal(answers[1].id, null);
  assert.match(answers[1].errors[0].message, /Invalid JSON on input line 2/);
  assert.deepEqual(answers[2], {
    id: 7,
    ok: false,
    errors: [{ message: "Unknown table or function 'Nope'", line: 1, column: 1 }],
  });
  assert.equal(answers[3].id, "q");
  assert.equal(answers[3].ok, false);
});

Deno.test("kql explain gives schema, mode and reason", async () => {
  const incremental = await kql(
    ["explain"],
    "SigninLogs | where ResultType != '0' | summarize count() by UserPrincipalName",
  );
  assert.equal(incremental.code, 0);
  const plan = JSON.parse(incremental.out[0]);
  assert.equal(plan.mode, "incremental");
  assert.deepEqual(plan.schema, [{ name: "UserPrincipalName", type: "string" }, {
    name: "count_",
    type: "long",
  }]);
  assert.deepEqual(plan.sources, ["SigninLogs"]);
  assert.deepEqual(plan.steps.map((s: { op: string }) => s.op), ["source", "where", "summarize"]);
  assert.match(plan.sql, /FROM "SigninLogs"/);
  assert.match(plan.sql, /GROUP BY/);
  const batch = await kql(["explain"], "SigninLogs | join (AuditLogs) on CorrelationId");
  const batchPlan = JSON.parse(batch.out[0]);
  assert.equal(batchPlan.mode, "batch");
  assert.equal(batchPlan.reason, "operator 'join' needs the whole window");
  assert.equal(batchPlan.sql, null);
  assert.match(batchPlan.sqlFallback, /innerunique/);
});

Deno.test("kql eval is dispatched to the evaluator", async () => {
  const { code, out } = await kql(["eval"], "print x = 1 + 1");
  assert.equal(code, 0);
  assert.deepEqual(JSON.parse(out[0]), { columns: [{ name: "x", type: "long" }], rows: [[2]] });
});

Deno.test("kql rejects unknown subcommands and flags as usage errors", async () => {
  await assert.rejects(() => kql(["nope"], ""), /Unknown kql subcommand 'nope'/);
  await assert.rejects(() => kql(["check", "--fast"], ""), /Unknown argument/);
});
