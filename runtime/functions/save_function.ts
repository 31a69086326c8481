/**
 * Check and store one function: what the functions API, `.create-or-alter function` and the functions folder
 * share. A function that does not bind is refused with its problems, each at its own line and column.
 */
import { type Catalog, checkFunction, type StoredFunction } from "../../query/mod.ts";
import { FUNCTION_NAME, type FunctionEntry, type FunctionStore } from "../nats/function_store.ts";

/** One problem of a refused function, at its place in the function's own text (line 0 = parameters). */
export interface FunctionProblem {
  readonly message: string;
  readonly function: string;
  readonly line: number;
  readonly column: number;
}

/** Names the watchlists own. */
const RESERVED = new Set(["_GetWatchlist", "_GetWatchlistAlias"]);

/**
 * Problems of a function against a catalog (its tables and the other functions); empty when it binds.
 *
 * @param fn the function
 * @param catalog tables and functions it may use
 * @returns the problems
 */
export function functionProblems(fn: StoredFunction, catalog: Catalog): FunctionProblem[] {
  if (!FUNCTION_NAME.test(fn.name)) {
    return [{
      message: `Invalid function name '${fn.name}': use letters, digits and '_', not starting with a digit`,
      function: fn.name,
      line: 0,
      column: 0,
    }];
  }
  if (RESERVED.has(fn.name)) {
    return [{
      message: `Function '${fn.name}' is built in: it reads the watchlists`,
      function: fn.name,
      line: 0,
      column: 0,
    }];
  }
  if (catalog.has(fn.name)) {
    return [{ message: `A table is named '${fn.name}'`, function: fn.name, line: 0, column: 0 }];
  }
  return checkFunction(fn, catalog).map((d) => ({
    message: d.message,
    function: d.origin?.function ?? fn.name,
    line: d.origin?.line ?? 0,
    column: d.origin?.column ?? 0,
  }));
}

/**
 * Validate (unless asked not to) and store a function.
 *
 * @param store the function store
 * @param fn the function
 * @param options the catalog it is checked against, its origin, and `skipValidation` (Kusto's property)
 * @returns the stored entry, or the problems that refused it
 */
export async function saveFunction(
  store: FunctionStore,
  fn: StoredFunction,
  options: { catalog: Catalog; origin: string; skipValidation?: boolean; now?: string },
): Promise<{ entry: FunctionEntry } | { problems: FunctionProblem[] }> {
  const problems = functionProblems(fn, options.catalog);
  const fatal = options.skipValidation ? problems.filter((p) => p.line === 0 && p.column === 0) : problems;
  if (fatal.length > 0) return { problems: fatal };
  const entry: FunctionEntry = {
    name: fn.name,
    parameters: fn.parameters,
    body: fn.body,
    ...(fn.folder === undefined ? {} : { folder: fn.folder }),
    ...(fn.docString === undefined ? {} : { docString: fn.docString }),
    origin: options.origin,
    updatedAt: options.now ?? new Date().toISOString(),
  };
  await store.put(entry);
  return { entry };
}
