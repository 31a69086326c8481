import { ASIM_FUNCTIONS } from "../asim/mod.ts";
import type { StoredFunction } from "../functions/stored_function.ts";
import type { ColumnSchema, ScalarType, TableSchema } from "../types.ts";
import { ASIM_TABLES } from "./asim.ts";
import { AZURE_FIREWALL_TABLES } from "./azure_firewall.ts";
import { CLOUD_TABLES } from "./cloud.ts";
import { DEFENDER_TABLES } from "./defender.ts";
import { ENTRA_TABLES } from "./entra.ts";
import { MONITORING_TABLES } from "./monitoring.ts";
import { NETWORK_TABLES } from "./network.ts";
import { SENTINEL_TABLES } from "./sentinel.ts";
import { STANDARD_COLUMNS } from "./table_spec.ts";
import { WINDOWS_TABLES } from "./windows.ts";

/** Every built-in table schema, in catalog order. */
export const BUILTIN_TABLES: readonly TableSchema[] = [
  ...WINDOWS_TABLES,
  ...ENTRA_TABLES,
  ...CLOUD_TABLES,
  ...NETWORK_TABLES,
  ...DEFENDER_TABLES,
  ...SENTINEL_TABLES,
  ...MONITORING_TABLES,
  ...AZURE_FIREWALL_TABLES,
  ...ASIM_TABLES,
];

/**
 * Tables whose schema is open: besides the declared columns, any column named with a Log Analytics type
 * suffix exists (AzureDiagnostics mixes every resource type's fields into one table that way).
 */
const OPEN_TABLES: ReadonlySet<string> = new Set(["AzureDiagnostics"]);

const SUFFIX_TYPES: Readonly<Record<string, ScalarType>> = {
  s: "string",
  d: "real",
  b: "bool",
  g: "string",
  t: "datetime",
  // `_d` doubles as dynamic on a few tables (AzureActivity.Properties_d); those are declared explicitly.
};

/** A custom table name as Log Analytics allows it: letters, digits and `_`, ending in `_CL`. */
const CUSTOM_TABLE_NAME = /^[A-Za-z][A-Za-z0-9_]*_CL$/;

/** What {@linkcode Catalog.withTables} returns: the new catalog and the tables it refused, with why. */
export interface CatalogUpdate {
  readonly catalog: Catalog;
  readonly errors: readonly string[];
}

let BUILTIN: Catalog | undefined;

/**
 * The tables a query can read: the built-in Sentinel tables plus custom `*_CL` tables declared at run time.
 * Lookups are case-sensitive, as in Kusto. Instances are immutable: adding tables returns a new catalog, so
 * a query bound against one catalog never sees it change underneath.
 *
 * @example
 * ```ts
 * import { Catalog } from "./catalog.ts";
 * const { catalog } = Catalog.builtin().withTables([
 *   { name: "Okta_CL", columns: [{ name: "TimeGenerated", type: "datetime" }] },
 * ]);
 * catalog.get("Okta_CL")?.columns[0].name; // "TimeGenerated"
 * catalog.get("securityevent"); // undefined: names are case-sensitive
 * ```
 */
export class Catalog {
  readonly #tables: ReadonlyMap<string, TableSchema>;
  readonly #functions: ReadonlyMap<string, StoredFunction>;
  readonly #columns = new Map<string, ReadonlyMap<string, ColumnSchema>>();

  /**
   * A catalog of exactly these tables and stored functions; later duplicates replace earlier ones.
   */
  constructor(tables: Iterable<TableSchema>, functions: Iterable<StoredFunction> = []) {
    const map = new Map<string, TableSchema>();
    for (const table of tables) map.set(table.name, table);
    this.#tables = map;
    const fns = new Map<string, StoredFunction>();
    for (const fn of functions) fns.set(fn.name, fn);
    this.#functions = fns;
  }

  /** The catalog of built-in tables and built-in functions (the ASIM parsers). */
  static builtin(): Catalog {
    // Immutable, so one instance serves every caller (and keeps its column lookups warm).
    return BUILTIN ??= new Catalog(BUILTIN_TABLES, ASIM_FUNCTIONS);
  }

  /**
   * A new catalog with these custom tables added. A table is refused (and named in `errors`) when its
   * name does not end in `_CL`, when it would replace a built-in table, or when it repeats a column.
   * Standard columns (`TenantId`, `Type`, ...) are added when missing; `TimeGenerated` must be declared.
   */
  withTables(tables: readonly TableSchema[]): CatalogUpdate {
    const errors: string[] = [];
    const accepted: TableSchema[] = [];
    for (const table of tables) {
      const problem = checkCustomTable(table);
      if (problem !== undefined) {
        errors.push(problem);
        continue;
      }
      const names = new Set(table.columns.map((c) => c.name));
      accepted.push({
        name: table.name,
        columns: [...table.columns, ...STANDARD_COLUMNS.filter((c) => !names.has(c.name))],
      });
    }
    return {
      catalog: new Catalog([...this.#tables.values(), ...accepted], this.#functions.values()),
      errors,
    };
  }

  /**
   * A new catalog with these tables added or replaced, without the custom-table checks of
   * {@linkcode withTables} (for in-memory tables given to the evaluator). Stored functions are kept.
   */
  withSchemas(tables: Iterable<TableSchema>): Catalog {
    return new Catalog([...this.#tables.values(), ...tables], this.#functions.values());
  }

  /**
   * A new catalog with these stored functions added (a function of the same name is replaced). The
   * functions are not checked here: binding a query that calls one reports its problems.
   *
   * @example
   * ```ts
   * import { Catalog } from "./catalog.ts";
   * const catalog = Catalog.builtin().withFunctions([{ name: "Fails", parameters: [], body: "SigninLogs" }]);
   * catalog.function("Fails")?.body; // "SigninLogs"
   * ```
   */
  withFunctions(functions: Iterable<StoredFunction>): Catalog {
    return new Catalog(this.#tables.values(), [...this.#functions.values(), ...functions]);
  }

  /** A new catalog with exactly these stored functions (the previous ones are dropped). */
  replaceFunctions(functions: Iterable<StoredFunction>): Catalog {
    return new Catalog(this.#tables.values(), functions);
  }

  /** The stored function of exactly that name. */
  function(name: string): StoredFunction | undefined {
    return this.#functions.get(name);
  }

  /** Every stored function, in the order added. */
  functions(): StoredFunction[] {
    return [...this.#functions.values()];
  }

  /** The schema of a table, or `undefined` when the catalog has no table of exactly that name. */
  get(name: string): TableSchema | undefined {
    return this.#tables.get(name);
  }

  /** Whether the catalog has a table of exactly that name. */
  has(name: string): boolean {
    return this.#tables.has(name);
  }

  /** All table names, in catalog order. */
  names(): string[] {
    return [...this.#tables.keys()];
  }

  /** A table whose name differs only in case, for "did you mean" hints. */
  suggest(name: string): string | undefined {
    const lower = name.toLowerCase();
    for (const key of this.#tables.keys()) if (key.toLowerCase() === lower) return key;
    return undefined;
  }

  /** Whether any column name is valid on this table (by its type suffix), not only the declared ones. */
  isOpen(table: string): boolean {
    return OPEN_TABLES.has(table);
  }

  /**
   * The column of a table, case-sensitive. On an open table an undeclared column with a type suffix
   * (`requestUri_s`, `duration_d`) is typed by its suffix.
   */
  column(table: string, column: string): ColumnSchema | undefined {
    const schema = this.#tables.get(table);
    if (schema === undefined) return undefined;
    let byName = this.#columns.get(table);
    if (byName === undefined) {
      byName = new Map(schema.columns.map((c) => [c.name, c]));
      this.#columns.set(table, byName);
    }
    const found = byName.get(column);
    if (found !== undefined || !OPEN_TABLES.has(table)) return found;
    const match = /_([sdbgt])$/.exec(column);
    return match === null ? undefined : { name: column, type: SUFFIX_TYPES[match[1]] };
  }
}

/** Why a custom table cannot be declared, or `undefined` when it can. */
export function checkCustomTable(table: TableSchema): string | undefined {
  if (!CUSTOM_TABLE_NAME.test(table.name)) {
    return `Invalid custom table name '${table.name}': it must end in '_CL'`;
  }
  const seen = new Set<string>();
  for (const column of table.columns) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(column.name)) {
      return `Invalid column name '${column.name}' in table '${table.name}'`;
    }
    if (seen.has(column.name)) return `Duplicate column '${column.name}' in table '${table.name}'`;
    seen.add(column.name);
  }
  if (!seen.has("TimeGenerated")) return `Custom table '${table.name}' has no 'TimeGenerated' column`;
  return undefined;
}
