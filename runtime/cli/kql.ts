/**
 * `siem kql check [--jsonl]`, `siem kql explain` and `siem kql eval` (CONTRACTS.md section 6): read a query on
 * stdin, print contract JSON on stdout, exit 0 on success and 1 on an invalid query or input. `eval` is
 * implemented in kql_eval.ts and loaded only when asked for, so `check` does not pay for the evaluator.
 */
import { analyzeQuery, Catalog, explainPlan, type KqlDiagnostic, toPublicError } from "../../query/mod.ts";
import { compileToSql } from "../../query/sql/mod.ts";
import { type CommandIo, readAllText, UsageError } from "./io.ts";

/** The check answer for one query. */
function checkAnswer(text: string): { ok: boolean; errors?: ReturnType<typeof toPublicError>[] } {
  const errors = analyzeQuery(text).diagnostics.filter((d: KqlDiagnostic) => d.severity === "error");
  if (errors.length === 0) return { ok: true };
  return { ok: false, errors: errors.map((d) => toPublicError(text, d)) };
}

async function check(args: string[], io: CommandIo): Promise<number> {
  const jsonl = args.includes("--jsonl");
  const unknown = args.filter((a) => a !== "--jsonl");
  if (unknown.length > 0) throw new UsageError(`Unknown argument for 'kql check': '${unknown[0]}'`);
  const input = await readAllText(io.stdin);
  if (!jsonl) {
    const answer = checkAnswer(input);
    io.stdout(JSON.stringify(answer));
    return answer.ok ? 0 : 1;
  }
  const lines = input.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.trim() === "") return;
    let item: unknown;
    try {
      item = JSON.parse(line);
    } catch (error) {
      const message = `Invalid JSON on input line ${index + 1}: ${(error as Error).message}`;
      io.stdout(JSON.stringify({ id: null, ok: false, errors: [{ message, line: index + 1, column: 1 }] }));
      return;
    }
    const record = item as { id?: unknown; query?: unknown };
    const id = record !== null && typeof record === "object" && "id" in record ? record.id : null;
    if (record === null || typeof record !== "object" || typeof record.query !== "string") {
      const message = `Invalid input line ${index + 1}: expected an object with a string 'query'`;
      io.stdout(JSON.stringify({ id, ok: false, errors: [{ message, line: index + 1, column: 1 }] }));
      return;
    }
    io.stdout(JSON.stringify({ id, ...checkAnswer(record.query) }));
  });
  return 0;
}

async function explain(args: string[], io: CommandIo): Promise<number> {
  if (args.length > 0) throw new UsageError(`Unknown argument for 'kql explain': '${args[0]}'`);
  const text = await readAllText(io.stdin);
  const analysis = analyzeQuery(text);
  const errors = analysis.diagnostics.filter((d) => d.severity === "error").map((d) =>
    toPublicError(text, d)
  );
  const plan = explainPlan(analysis);
  // The DuckDB SQL of the query (hunting, batch rules), or why it runs in memory instead.
  const compiled = errors.length > 0
    ? undefined
    : compileToSql(text, { catalog: Catalog.builtin(), now: Date.now() * 1000 });
  const sql = compiled === undefined
    ? {}
    : compiled.ok
    ? { sql: compiled.sql }
    : { sql: null, sqlFallback: compiled.kind === "fallback" ? compiled.reason : "invalid query" };
  io.stdout(
    JSON.stringify({ ok: errors.length === 0, ...(errors.length > 0 ? { errors } : {}), ...plan, ...sql }),
  );
  return errors.length === 0 ? 0 : 1;
}

/**
 * Run `siem kql <subcommand>`.
 *
 * @param args the arguments after `kql`
 * @param io the command's streams
 * @returns the exit code
 */
export async function run(args: string[], io: CommandIo): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case "check":
      return await check(rest, io);
    case "explain":
      return await explain(rest, io);
    case "eval":
      return await (await import("./kql_eval.ts")).runEval(rest, io);
    default:
      throw new UsageError(
        sub === undefined
          ? "Usage: siem kql check [--jsonl] | siem kql explain | siem kql eval [...] (query on stdin)"
          : `Unknown kql subcommand '${sub}': expected 'check', 'explain' or 'eval'`,
      );
  }
}
