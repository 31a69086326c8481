import assert from "node:assert/strict";
import type { CommandIo } from "./io.ts";
import { run } from "./rules.ts";

const TESTDATA = new URL("../../streams/rules/testdata/", import.meta.url).pathname;

async function rules(args: string[]): Promise<{ code: number; out: Record<string, unknown>[] }> {
  const out: string[] = [];
  const io: CommandIo = {
    stdin: new Blob([]).stream(),
    stdout: (l) => out.push(l),
    stderr: () => {},
    env: {},
  };
  const code = await run(args, io);
  return { code, out: out.map((l) => JSON.parse(l)) };
}

Deno.test("rules validate prints one line per rule file of a folder, exit 1 when one is invalid", async () => {
  const { code, out } = await rules(["validate", TESTDATA]);
  assert.equal(code, 1);
  assert.deepEqual(out.map((r) => [String(r.path).split("/").pop(), r.ok, r.mode]), [
    ["bad_query.yaml", false, "incremental"],
    ["broken_fields.yaml", false, "incremental"],
    ["failed_logons.yaml", true, "incremental"],
  ]);
  const bad = out[0] as { id: string; errors: { message: string; line: number; column: number }[] };
  assert.equal(bad.id, "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f");
  assert.equal(bad.errors[0].line, 8);
});

Deno.test("rules validate exits 0 when every rule is valid", async () => {
  const { code, out } = await rules(["validate", `${TESTDATA}failed_logons.yaml`]);
  assert.equal(code, 0);
  assert.deepEqual(out[0].errors, []);
});

Deno.test("rules validate reports a missing path as a result line", async () => {
  const { code, out } = await rules(["validate", "/nonexistent/rules"]);
  assert.equal(code, 1);
  assert.equal(out[0].ok, false);
  assert.match((out[0].errors as { message: string }[])[0].message, /Cannot read '\/nonexistent\/rules'/);
});

Deno.test("rules without a subcommand is a usage error", async () => {
  await assert.rejects(() => rules([]), /Usage: siem rules validate/);
  await assert.rejects(() => rules(["validate"]), /Usage: siem rules validate/);
});

Deno.test("rules validate --functions loads a functions folder first; a refused function goes to stderr", async () => {
  const dir = await Deno.makeTempDir({ prefix: "siem-cli-functions-" });
  try {
    await Deno.mkdir(`${dir}/functions`);
    await Deno.writeTextFile(`${dir}/functions/FailedLogons.kql`, "SecurityEvent | where EventID == 4625");
    await Deno.writeTextFile(`${dir}/functions/Broken.kql`, "SecurityEvent\n| where Nope == 1");
    await Deno.mkdir(`${dir}/rules`);
    await Deno.writeTextFile(
      `${dir}/rules/rule.yaml`,
      `id: 5d9f0a10-0000-4000-8000-000000000001
name: Uses a function
description: d
severity: Low
kind: Scheduled
queryFrequency: 5m
queryPeriod: 1h
triggerOperator: gt
triggerThreshold: 0
query: FailedLogons | summarize count() by TargetAccount
version: 1
`,
    );
    const without = await rules(["validate", `${dir}/rules`]);
    assert.equal(without.code, 1);
    const errors: string[] = [];
    const out: string[] = [];
    const io: CommandIo = {
      stdin: new Blob([]).stream(),
      stdout: (l) => out.push(l),
      stderr: (l) => errors.push(l),
      env: {},
    };
    assert.equal(await run(["validate", "--functions", `${dir}/functions`, `${dir}/rules`], io), 0);
    assert.equal(JSON.parse(out[0]).ok, true);
    assert.deepEqual(errors, [
      `Function refused: ${dir}/functions/Broken.kql: In function 'Broken' (line 2, column 9): Unknown column 'Nope'`,
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
