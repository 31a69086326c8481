/**
 * `SIEM_FUNCTIONS_DIR`: stored functions loaded at start and kept in sync, the way a user installs vendor
 * parsers in Sentinel. Below the folder:
 * - `Name.kql`: the body of function `Name` (no parameters), or a `.create-or-alter function` command;
 * - `*.yaml` / `*.yml`: Sentinel's parser format (`ParserName`, `ParserParams`, `ParserQuery`).
 * The folder is checked as a set (functions may call one another in any file order); a function that does
 * not bind is logged with its file, line and column and left out, and never stops the others. A function
 * whose file disappears is deleted; functions created through the API or the Kusto commands are never
 * touched.
 */
import { basename, join, relative } from "node:path";
import type { Catalog, StoredFunction } from "../../query/mod.ts";
import type { Logger } from "../log.ts";
import type { FunctionStore } from "../nats/function_store.ts";
import { parseFunctionCommand } from "./function_command.ts";
import { functionsFromParserYaml } from "./parser_yaml.ts";
import { type FunctionProblem, functionProblems } from "./save_function.ts";

/** A function read from a file. */
export interface FileFunction {
  readonly fn: StoredFunction;
  /** Relative to the folder. */
  readonly path: string;
}

/** A file or function that was refused, with why. */
export interface FileProblem {
  readonly path: string;
  readonly message: string;
  readonly function?: string;
  readonly line?: number;
  readonly column?: number;
}

async function functionFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) out.push(...await functionFiles(path));
    else if (entry.isFile && /\.(kql|ya?ml)$/i.test(entry.name)) out.push(path);
  }
  return out.sort();
}

/**
 * Read the functions of one file's text.
 *
 * @param path the file's path (its name gives a plain `.kql` body its function name)
 * @param text the file's text
 * @returns the functions, or why the file is refused
 */
export function functionsOfFile(
  path: string,
  text: string,
): { functions: StoredFunction[] } | { error: string } {
  if (/\.ya?ml$/i.test(path)) return functionsFromParserYaml(text);
  const command = parseFunctionCommand(text);
  if (command !== undefined) {
    if ("error" in command) return command;
    if (!("fn" in command)) {
      return { error: "Expected a '.create-or-alter function' command or a function body" };
    }
    return { functions: [command.fn] };
  }
  const name = basename(path).replace(/\.kql$/i, "");
  if (text.trim() === "") return { error: "The file is empty" };
  return { functions: [{ name, parameters: [], body: text.replace(/\s+$/, "") }] };
}

/**
 * Read every function file of a folder and check them as a set against a catalog.
 *
 * @param dir the folder
 * @param catalog the tables and other functions the files may use
 * @returns the functions that bind, and the problems of the others
 */
export async function readFunctionsDir(
  dir: string,
  catalog: Catalog,
): Promise<{ functions: FileFunction[]; problems: FileProblem[] }> {
  const problems: FileProblem[] = [];
  let found: FileFunction[] = [];
  for (const full of await functionFiles(dir)) {
    const path = relative(dir, full);
    let text: string;
    try {
      text = await Deno.readTextFile(full);
    } catch (error) {
      problems.push({ path, message: `Cannot read file: ${(error as Error).message}` });
      continue;
    }
    const read = functionsOfFile(path, text);
    if ("error" in read) problems.push({ path, message: read.error });
    else found.push(...read.functions.map((fn) => ({ fn, path })));
  }
  // Refusing one function can break those that call it: check again until nothing more is refused.
  for (let round = 0; round <= found.length; round++) {
    const withAll = catalog.withFunctions(found.map((f) => f.fn));
    const refused = new Map<FileFunction, FunctionProblem[]>();
    for (const f of found) {
      const p = functionProblems(f.fn, withAll);
      if (p.length > 0) refused.set(f, p);
    }
    if (refused.size === 0) break;
    for (const [f, list] of refused) {
      for (const p of list) problems.push({ path: f.path, ...p });
    }
    found = found.filter((f) => !refused.has(f));
  }
  return { functions: found, problems };
}

function sameFunction(a: StoredFunction, b: StoredFunction): boolean {
  return a.body === b.body && JSON.stringify(a.parameters) === JSON.stringify(b.parameters) &&
    (a.folder ?? "") === (b.folder ?? "") && (a.docString ?? "") === (b.docString ?? "");
}

/**
 * Load the folder into the store once.
 *
 * @param dir the folder
 * @param options the store, the catalog functions are checked against, a logger
 * @returns counts
 */
export async function syncFunctionsDir(
  dir: string,
  options: { store: FunctionStore; catalog: () => Catalog; logger: Logger },
): Promise<{ loaded: number; unchanged: number; refused: number; removed: number }> {
  const { store, logger } = options;
  const counts = { loaded: 0, unchanged: 0, refused: 0, removed: 0 };
  const { functions, problems } = await readFunctionsDir(dir, options.catalog());
  for (const p of problems) {
    logger.warn("Function refused", {
      path: p.path,
      function: p.function,
      line: p.line,
      column: p.column,
      message: p.message,
    });
  }
  counts.refused = new Set(problems.map((p) => `${p.path}|${p.function ?? ""}`)).size;
  const seen = new Set<string>();
  for (const { fn, path } of functions) {
    const origin = `file:${path}`;
    const existing = store.get(fn.name);
    if (existing && !existing.origin.startsWith("file:")) {
      logger.warn("Function file skipped: a function of that name was created through the API", {
        path,
        function: fn.name,
      });
      continue;
    }
    seen.add(fn.name);
    if (existing && existing.origin === origin && sameFunction(existing, fn)) {
      counts.unchanged++;
      continue;
    }
    await store.put({ ...fn, origin, updatedAt: new Date().toISOString() });
    counts.loaded++;
  }
  for (const fn of store.list()) {
    if (fn.origin.startsWith("file:") && !seen.has(fn.name)) {
      await store.delete(fn.name);
      counts.removed++;
    }
  }
  logger.info("Functions folder synced", { dir, ...counts });
  return counts;
}

/**
 * Sync now, then again whenever something in the folder changes (debounced).
 *
 * @param dir the folder
 * @param options as for {@linkcode syncFunctionsDir}, plus the debounce delay
 * @returns the first sync's counts and a function that stops watching
 */
export async function watchFunctionsDir(
  dir: string,
  options: { store: FunctionStore; catalog: () => Catalog; logger: Logger; debounceMs?: number },
): Promise<{ stop(): void }> {
  await syncFunctionsDir(dir, options);
  const watcher = Deno.watchFs(dir, { recursive: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = Promise.resolve();
  (async () => {
    for await (const _event of watcher) {
      clearTimeout(timer);
      timer = setTimeout(() => {
        running = running.then(() => syncFunctionsDir(dir, options).then(() => {})).catch((error) =>
          options.logger.error("Functions folder sync failed", { dir, error })
        );
      }, options.debounceMs ?? 250);
    }
  })();
  return {
    stop() {
      clearTimeout(timer);
      watcher.close();
    },
  };
}
