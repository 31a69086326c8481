/**
 * `siem rules validate PATH...` (CONTRACTS.md section 6): validate Sentinel rule YAML files, or every
 * `.yaml`/`.yml` file under the given folders, printing one JSON line per rule:
 * `{"path","id","ok","mode","errors":[{"message","line","column"}]}` with positions in the YAML file.
 * Exit 0 when every rule is valid, 1 otherwise. `--functions DIR` (repeatable) first loads stored functions
 * from a folder in the `SIEM_FUNCTIONS_DIR` format (`.kql` files, Sentinel parser YAML), so rules that call
 * parsers bind; a function that does not bind is reported on stderr and left out.
 */
import { Catalog } from "../../query/mod.ts";
import { validateRule } from "../../streams/rules/mod.ts";
import { readFunctionsDir } from "../functions/functions_dir.ts";
import { type CommandIo, UsageError } from "./io.ts";

/** Every rule file at a path: the file itself, or the `.yaml`/`.yml` files under a folder, sorted. */
async function ruleFiles(path: string): Promise<string[]> {
  const info = await Deno.stat(path);
  if (info.isFile) return [path];
  const out: string[] = [];
  const walk = async (dir: string) => {
    const entries: Deno.DirEntry[] = [];
    for await (const entry of Deno.readDir(dir)) entries.push(entry);
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = `${dir.replace(/\/$/, "")}/${entry.name}`;
      if (entry.isDirectory) await walk(full);
      else if (entry.isFile && /\.ya?ml$/i.test(entry.name)) out.push(full);
    }
  };
  await walk(path);
  return out;
}

/** The catalog with the functions of the `--functions` folders; the other arguments are the rule paths. */
async function withFunctions(args: string[], io: CommandIo): Promise<{ paths: string[]; catalog: Catalog }> {
  const paths: string[] = [];
  const dirs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--functions") {
      if (args[i + 1] === undefined) throw new UsageError("Missing folder after '--functions'");
      dirs.push(args[++i]);
    } else if (arg.startsWith("--functions=")) dirs.push(arg.slice("--functions=".length));
    else if (arg.startsWith("--")) throw new UsageError(`Unknown flag '${arg}': expected '--functions DIR'`);
    else paths.push(arg);
  }
  let catalog = Catalog.builtin();
  for (const dir of dirs) {
    let read;
    try {
      read = await readFunctionsDir(dir, catalog);
    } catch (error) {
      throw new UsageError(`Cannot read functions folder '${dir}': ${(error as Error).message}`);
    }
    // The messages of functions that do not bind already say where ("In function 'F' (line 2, column 9)").
    for (const p of read.problems) io.stderr(`Function refused: ${dir}/${p.path}: ${p.message}`);
    catalog = catalog.withFunctions(read.functions.map((f) => f.fn));
  }
  return { paths, catalog };
}

async function validate(args: string[], io: CommandIo): Promise<number> {
  const { paths, catalog } = await withFunctions(args, io);
  if (paths.length === 0) {
    throw new UsageError("Usage: siem rules validate [--functions DIR] PATH... (rule YAML files or folders)");
  }
  let allOk = true;
  for (const path of paths) {
    let files: string[];
    try {
      files = await ruleFiles(path);
    } catch (error) {
      allOk = false;
      const message = `Cannot read '${path}': ${error instanceof Error ? error.message : String(error)}`;
      io.stdout(
        JSON.stringify({ path, id: null, ok: false, mode: null, errors: [{ message, line: 1, column: 1 }] }),
      );
      continue;
    }
    for (const file of files) {
      let text: string;
      try {
        text = await Deno.readTextFile(file);
      } catch (error) {
        allOk = false;
        const message = `Cannot read '${file}': ${error instanceof Error ? error.message : String(error)}`;
        io.stdout(
          JSON.stringify({
            path: file,
            id: null,
            ok: false,
            mode: null,
            errors: [{ message, line: 1, column: 1 }],
          }),
        );
        continue;
      }
      const result = validateRule(text, { catalog });
      allOk &&= result.ok;
      const errors = result.problems
        .filter((p) => p.severity === "error")
        .map((p) => ({ message: p.message, line: p.line, column: p.column }));
      io.stdout(JSON.stringify({
        path: file,
        id: result.id ?? null,
        ok: result.ok,
        mode: result.mode.mode,
        reason: result.mode.reason,
        errors,
      }));
    }
  }
  return allOk ? 0 : 1;
}

/**
 * Run `siem rules <subcommand>`.
 *
 * @param args the arguments after `rules`
 * @param io the command's streams
 * @returns the exit code
 */
export async function run(args: string[], io: CommandIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "validate") return await validate(rest, io);
  throw new UsageError(
    sub === undefined
      ? "Usage: siem rules validate [--functions DIR] PATH..."
      : `Unknown rules subcommand '${sub}': expected 'validate'`,
  );
}
