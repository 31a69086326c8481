/**
 * `siem kql eval [--engine stream|duckdb] [--data PATH] [--jsonl]` (CONTRACTS.md section 6): run a query from
 * stdin over the tables of `--data` with the in-memory evaluator (`stream`, the default) or compiled to SQL on an
 * in-process DuckDB-WASM database holding the same tables (`duckdb`), and print the result as
 * `{"columns":[{"name","type"}],"rows":[[...]]}` (values in Kusto REST v2 conventions) or
 * `{"error":{"message","line","column"}}`. With `--jsonl`, one `{"id","query"}` per input line, one answer per
 * line with its `id`; a failing query never stops the batch.
 */
import { catalogFor, type QueryResult, runQuery, type Table, toRestValue } from "../../query/eval/mod.ts";
import { Catalog, toPublicError } from "../../query/mod.ts";
import { readAllText } from "./io.ts";
import { DataLoadError, loadDataFolder } from "./load_data.ts";

/** What `runEval` writes to and reads from. */
export interface EvalIo {
  readonly stdin: ReadableStream<Uint8Array>;
  stdout(line: string): void;
  stderr(line: string): void;
}

type Answer = { columns: { name: string; type: string }[]; rows: unknown[][] } | {
  error: { message: string; line: number; column: number };
};

/** The contract JSON of a query result. */
export function answerOf(text: string, result: QueryResult): Answer {
  if (result.diagnostics.length > 0) return { error: toPublicError(text, result.diagnostics[0]) };
  const types = result.columns.map((c) => c.type);
  return {
    columns: result.columns.map((c) => ({ name: c.name, type: c.type })),
    rows: result.rows.map((row) => row.map((v, i) => toRestValue(v, types[i]))),
  };
}

function inputError(message: string): Answer {
  return { error: { message, line: 1, column: 1 } };
}

interface Flags {
  engine: string;
  data: string | undefined;
  jsonl: boolean;
}

function parseFlags(args: readonly string[]): Flags | string {
  const flags: Flags = { engine: "stream", data: undefined, jsonl: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [name, inline] = arg.includes("=")
      ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
      : [arg, undefined];
    if (name === "--jsonl" && inline === undefined) flags.jsonl = true;
    else if (name === "--engine" || name === "--data") {
      const value = inline ?? args[++i];
      if (value === undefined) return `Missing value for '${name}'`;
      if (name === "--engine") flags.engine = value;
      else flags.data = value;
    } else return `Unknown argument for 'kql eval': '${arg}'`;
  }
  if (flags.engine !== "stream" && flags.engine !== "duckdb") {
    return `Unknown engine '${flags.engine}': expected 'stream' or 'duckdb'`;
  }
  return flags;
}

/**
 * Run `siem kql eval`.
 *
 * @param args the arguments after `kql eval`
 * @param io stdin and the line writers
 * @returns the exit code: 0 on success (with `--jsonl`: once every line was answered), 1 otherwise
 */
export async function runEval(args: string[], io: EvalIo): Promise<number> {
  const flags = parseFlags(args);
  if (typeof flags === "string") {
    io.stderr(flags);
    return 1;
  }
  let tables = new Map<string, Table>();
  let setupError: string | undefined;
  if (flags.data !== undefined) {
    try {
      tables = await loadDataFolder(flags.data, Catalog.builtin());
    } catch (error) {
      if (!(error instanceof DataLoadError)) throw error;
      setupError = error.message;
    }
  }
  const duck = flags.engine === "duckdb" && setupError === undefined ? await duckDbRunner(tables) : undefined;
  const input = await readAllText(io.stdin);
  const answer = (text: string): Answer =>
    setupError !== undefined
      ? inputError(setupError)
      : answerOf(text, duck !== undefined ? duck.run(text) : runQuery(text, { tables }));
  try {
    return runInput(input, flags.jsonl, answer, io);
  } finally {
    duck?.close();
  }
}

/** The `--data` tables loaded into an in-process DuckDB-WASM database, and a query runner over them. */
async function duckDbRunner(tables: ReadonlyMap<string, Table>) {
  const { openDuckDb } = await import("../duckdb/open_duckdb.ts");
  const { insertRows } = await import("../duckdb/insert_rows.ts");
  const { runKqlOnDuckDb } = await import("../duckdb/run_kql.ts");
  const db = await openDuckDb();
  const conn = db.connect();
  for (const [name, table] of tables) insertRows(conn, { name, columns: table.columns }, table.rows);
  const catalog = catalogFor(tables);
  return {
    run: (text: string) => runKqlOnDuckDb(conn, text, { catalog }),
    close: () => {
      conn.close();
      db.close();
    },
  };
}

function runInput(input: string, jsonl: boolean, answer: (text: string) => Answer, io: EvalIo): number {
  if (!jsonl) {
    const result = answer(input);
    io.stdout(JSON.stringify(result));
    return "error" in result ? 1 : 0;
  }
  input.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === "") return;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      const message = `Invalid JSON on input line ${index + 1}: ${(error as Error).message}`;
      io.stdout(JSON.stringify({ id: null, ...inputError(message) }));
      return;
    }
    const item = record as { id?: unknown; query?: unknown } | null;
    const id = item !== null && typeof item === "object" && "id" in item ? item.id : null;
    if (item === null || typeof item !== "object" || typeof item.query !== "string") {
      const message = `Invalid input line ${index + 1}: expected an object with a string 'query'`;
      io.stdout(JSON.stringify({ id, ...inputError(message) }));
      return;
    }
    let result: Answer;
    try {
      result = answer(item.query);
    } catch (error) {
      // A bug in the evaluator must not stop the batch: answer this line and go on.
      result = inputError(`Internal error: ${(error as Error).message}`);
    }
    io.stdout(JSON.stringify({ id, ...result }));
  });
  return 0;
}
