import type { FunctionSymbol } from "./function_symbol.ts";
import { AGGREGATE_FUNCTIONS } from "./aggregate_functions.ts";
import { SCALAR_FUNCTIONS } from "./scalar_functions.ts";

/**
 * Deprecated spellings Kusto still accepts, mapped to the function they stand for. They resolve to that
 * function's symbol (whose `name` is the current spelling), so back ends implement each function once.
 */
export const FUNCTION_ALIASES: Readonly<Record<string, string>> = {
  arraylength: "array_length",
};

/**
 * The built-in functions by name. Kusto function names are case-sensitive (`tolower`, not `ToLower`);
 * `suggest` finds the right spelling for error hints.
 *
 * @example
 * ```ts
 * import { FunctionRegistry } from "./function_registry.ts";
 * const registry = FunctionRegistry.builtin();
 * registry.get("dcount")?.kind; // "aggregate"
 * registry.get("tolower")?.signatures[0].returns; // "string"
 * ```
 */
export class FunctionRegistry {
  readonly #functions: ReadonlyMap<string, FunctionSymbol>;

  /** A registry of exactly these functions. */
  constructor(functions: Iterable<FunctionSymbol>) {
    const map = new Map<string, FunctionSymbol>();
    for (const fn of functions) {
      if (map.has(fn.name)) throw new Error(`Duplicate function '${fn.name}'`);
      map.set(fn.name, fn);
    }
    this.#functions = map;
  }

  /** The registry of every built-in scalar and aggregate function. */
  static builtin(): FunctionRegistry {
    return new FunctionRegistry([...SCALAR_FUNCTIONS, ...AGGREGATE_FUNCTIONS]);
  }

  /** The function of exactly that name (or deprecated alias, see {@linkcode FUNCTION_ALIASES}), or `undefined`. */
  get(name: string): FunctionSymbol | undefined {
    const found = this.#functions.get(name);
    if (found !== undefined || !Object.hasOwn(FUNCTION_ALIASES, name)) return found;
    return this.#functions.get(FUNCTION_ALIASES[name]);
  }

  /** Every function, in registry order (aliases not repeated). */
  all(): FunctionSymbol[] {
    return [...this.#functions.values()];
  }

  /** A function whose name differs only in case, for "did you mean" hints. */
  suggest(name: string): string | undefined {
    const lower = name.toLowerCase();
    for (const key of this.#functions.keys()) if (key.toLowerCase() === lower) return key;
    return undefined;
  }
}
