/**
 * `siem rules validate PATH...` (CONTRACTS.md section 6): validate Sentinel rule YAML files, or every
 * `.yaml`/`.yml` file under the given folders, printing one JSON line per rule:
 * `{"path","id","ok","mode","errors":[{"message","line","column"}]}` with positions in the YAML file.
 * Exit 0 when every rule is valid, 1 otherwise.
 */
import { validateRule } from "../../streams/rules/mod.ts";
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

async function validate(paths: string[], io: CommandIo): Promise<number> {
  if (paths.length === 0) {
    throw new UsageError("Usage: siem rules validate PATH... (rule YAML files or folders)");
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
      const result = validateRule(text);
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
      ? "Usage: siem rules validate PATH..."
      : `Unknown rules subcommand '${sub}': expected 'validate'`,
  );
}
