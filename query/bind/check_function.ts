/**
 * `checkFunction`: does a stored function bind? What `.create-or-alter function`, the functions API and the
 * functions folder ask before they store one.
 */
import type { KqlDiagnostic } from "../diagnostics/diagnostic.ts";
import { type Catalog, isPlainName, type StoredFunction, toScalarType } from "../symbols/mod.ts";
import { analyzeQuery } from "./analyze_query.ts";

/** A value of the parameter's type that binding accepts in place of a required argument. */
function placeholder(type: string): string {
  const scalar = toScalarType(type.trim());
  if (scalar === undefined) return "dynamic(null)";
  return scalar === "string" ? '""' : `${scalar}(null)`;
}

/**
 * Bind a stored function as a call with its defaults (required scalar parameters get a typed null; a
 * tabular parameter without an argument absorbs the column checks on it).
 *
 * @param fn the function
 * @param catalog the tables and the other stored functions it may call (`fn` replaces one of its name)
 * @returns the errors, each reported against the function (`origin` and an "In function" message); empty
 *   when the function binds
 * @example
 * ```ts
 * import { Catalog } from "../symbols/mod.ts";
 * import { checkFunction } from "./check_function.ts";
 * const fn = { name: "F", parameters: [], body: "SigninLogs\n| where Nope == 1" };
 * checkFunction(fn, Catalog.builtin())[0].message;
 * // "In function 'F' (line 2, column 9): Unknown column 'Nope'"
 * ```
 */
export function checkFunction(fn: StoredFunction, catalog: Catalog): KqlDiagnostic[] {
  const args = fn.parameters
    .filter((p) => p.default === undefined && !p.type.trim().startsWith("("))
    .map((p) => `${isPlainName(p.name) ? p.name : `['${p.name}']`}=${placeholder(p.type)}`);
  const name = isPlainName(fn.name) ? fn.name : `['${fn.name.replaceAll("'", "\\'")}']`;
  const text = `${name}(${args.join(", ")})`;
  const analysis = analyzeQuery(text, { catalog: catalog.withFunctions([fn]) });
  // The call itself only leaves out tabular arguments on purpose: its own arity complaint is not the function's.
  return analysis.diagnostics.filter((d) =>
    d.severity === "error" && (d.origin !== undefined || d.code === "KQL2022")
  );
}
