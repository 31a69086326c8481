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
