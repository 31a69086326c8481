import assert from "node:assert/strict";
import { runEval } from "./kql_eval.ts";

async function evalCli(
  args: string[],
  input: string,
): Promise<{ code: number; out: unknown[]; err: string[] }> {
  const out: unknown[] = [];
  const err: string[] = [];
  const code = await runEval(args, {
    stdin: new Blob([input]).stream(),
    stdout: (line) => out.push(JSON.parse(line)),
    stderr: (line) => err.push(line),
  });
  return { code, out, err };
}

async function withData(files: Record<string, string>, f: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir();
  try {
    for (const [name, text] of Object.entries(files)) await Deno.writeTextFile(`${dir}/${name}`, text);
    await f(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("kql eval: result in REST v2 conventions", async () => {
  const { code, out } = await evalCli(
    [],
    "print d = datetime(2024-01-01T10:00:00Z), t = 90m, n = real(nan), i = -1.0/0, j = dynamic({'a': [1]}), s = 'x'",
  );
  assert.equal(code, 0);
  assert.deepEqual(out, [{
    columns: [
      { name: "d", type: "datetime" },
      { name: "t", type: "timespan" },
      { name: "n", type: "real" },
      { name: "i", type: "real" },
      { name: "j", type: "dynamic" },
      { name: "s", type: "string" },
    ],
    rows: [["2024-01-01T10:00:00Z", "01:30:00", "NaN", "-Infinity", { a: [1] }, "x"]],
  }]);
});

Deno.test("kql eval: an invalid query gives the error shape and exit 1", async () => {
  const { code, out } = await evalCli([], "SecurityEvent\n| where Acount == 1");
  assert.equal(code, 1);
  assert.deepEqual(out, [{
    error: { message: "Unknown column 'Acount'; did you mean 'Account'", line: 2, column: 9 },
  }]);
});

Deno.test("kql eval --data: ndjson, json and csv files become tables", async () => {
  await withData({
    "SecurityEvent.ndjson": '{"TimeGenerated":"2024-01-01T00:00:00Z","EventID":4625,"Account":"a"}\n' +
      '{"TimeGenerated":"2024-01-01T01:00:00Z","EventID":4625,"Account":"a"}\n',
    "Feed_CL.csv": "IPAddress,Score\n1.2.3.4,5\n",
    "Extra.json": '[{"k": 1}]',
  }, async (dir) => {
    const { code, out } = await evalCli(
      ["--data", dir],
      "SecurityEvent | summarize n = count() by Account | extend f = toscalar(Feed_CL | count), e = toscalar(Extra | summarize sum(k))",
    );
    assert.equal(code, 0);
    assert.deepEqual((out[0] as { rows: unknown[] }).rows, [["a", 2, 1, 1]]);
  });
});

Deno.test("kql eval --data: an unreadable file is a clear error", async () => {
  await withData({ "Bad.csv": "a\n1\n", "Worse.json": "{nope" }, async (dir) => {
    const { code, out } = await evalCli([`--data=${dir}`], "print 1");
    assert.equal(code, 1);
    const error = (out[0] as { error: { message: string } }).error;
    assert.match(error.message, /^Cannot read '.*Worse\.json': invalid JSON/);
  });
});

Deno.test("kql eval --jsonl: one answer per line, failures do not stop the batch", async () => {
  const input = [
    JSON.stringify({ id: "a", query: "print x = 1" }),
    JSON.stringify({ id: "b", query: "print x = " }),
    "not json",
    JSON.stringify({ id: 7 }),
    JSON.stringify({ id: "c", query: "range i from 1 to 3 step 1 | count" }),
  ].join("\n");
  const { code, out } = await evalCli(["--jsonl"], input);
  assert.equal(code, 0);
  assert.equal(out.length, 5);
  assert.deepEqual(out[0], { id: "a", columns: [{ name: "x", type: "long" }], rows: [[1]] });
  assert.equal((out[1] as { id: string }).id, "b");
  assert.ok("error" in (out[1] as object));
  assert.equal((out[2] as { id: null }).id, null);
  assert.equal((out[3] as { id: number }).id, 7);
  assert.deepEqual(out[4], { id: "c", columns: [{ name: "Count", type: "long" }], rows: [[3]] });
});

Deno.test("kql eval --engine duckdb runs the query as SQL over the --data tables, same answer", async () => {
  await withData({
    "SecurityEvent.ndjson": [
      { TimeGenerated: "2026-11-27T10:00:00Z", Account: "CORP\\alice", EventID: 4625, Computer: "h1" },
      { TimeGenerated: "2026-11-27T10:05:00Z", Account: "CORP\\alice", EventID: 4625, Computer: "h2" },
      { TimeGenerated: "2026-11-27T10:06:00Z", Account: "O'Brien", EventID: 4624, Computer: "h1" },
    ].map((r) => JSON.stringify(r)).join("\n"),
  }, async (dir) => {
    const query = [
      "SecurityEvent | where EventID == 4625 | summarize n = count(), hosts = dcount(Computer) by Account",
      "SecurityEvent | where Account has 'brien' | project Account, TimeGenerated",
      "SecurityEvent | summarize make_set(Computer)",
    ].map((q, i) => JSON.stringify({ id: i, query: q })).join("\n");
    const duck = await evalCli(["--engine", "duckdb", "--data", dir, "--jsonl"], query);
    const memory = await evalCli(["--data", dir, "--jsonl"], query);
    assert.equal(duck.code, 0);
    assert.deepEqual(duck.out, memory.out);
    assert.deepEqual(duck.out[0], {
      id: 0,
      columns: [{ name: "Account", type: "string" }, { name: "n", type: "long" }, {
        name: "hosts",
        type: "long",
      }],
      rows: [["CORP\\alice", 2, 2]],
    });
  });
});

Deno.test("kql eval: a bad flag goes to stderr with exit 1", async () => {
  const { code, out, err } = await evalCli(["--nope"], "print 1");
  assert.equal(code, 1);
  assert.deepEqual(out, []);
  assert.deepEqual(err, ["Unknown argument for 'kql eval': '--nope'"]);
});
