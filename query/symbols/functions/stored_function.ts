/**
 * Stored (workspace) functions as data: what `.create-or-alter function`, the functions API, a `.kql` file
 * or a Sentinel parser YAML declares. The binder sees them through the {@linkcode Catalog}; the text is
 * parsed by the front end when a query calls the function.
 */

/** One parameter of a stored function. */
export interface StoredParameter {
  /** The parameter name. */
  readonly name: string;
  /**
   * The type as KQL writes it: a scalar type (`string`, `datetime`, `dynamic`, ...) or a tabular schema
   * (`(*)`, `(TimeGenerated:datetime, *)`).
   */
  readonly type: string;
  /** The default value as KQL text (`'*'`, `datetime(null)`, `dynamic([])`); absent = required. */
  readonly default?: string;
}

/** A stored function: the unit `.create-or-alter function` manages. */
export interface StoredFunction {
  /** The function name (case-sensitive, as in Kusto). */
  readonly name: string;
  readonly parameters: readonly StoredParameter[];
  /** The body: the KQL statements between the braces, the last one being the result. */
  readonly body: string;
  /** Kusto's `folder` property (free text, for display). */
  readonly folder?: string;
  /** Kusto's `docstring` property (free text, for display). */
  readonly docString?: string;
  /** Where it came from (a file path, `api`, `mgmt`), for messages. */
  readonly source?: string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whether a function or parameter name can be written without brackets. */
export function isPlainName(name: string): boolean {
  return IDENTIFIER.test(name);
}

/**
 * The parameter list as KQL writes it between the parentheses, on one line.
 *
 * @example
 * ```ts
 * import { parameterListText } from "./stored_function.ts";
 * parameterListText([{ name: "starttime", type: "datetime", default: "datetime(null)" }]);
 * // "starttime:datetime = datetime(null)"
 * ```
 */
export function parameterListText(parameters: readonly StoredParameter[]): string {
  return parameters.map((p) => {
    const name = isPlainName(p.name) ? p.name : `['${p.name.replaceAll("'", "\\'")}']`;
    const value = p.default === undefined ? "" : ` = ${p.default.replace(/[\r\n]+/g, " ")}`;
    return `${name}:${p.type.replace(/[\r\n]+/g, " ")}${value}`;
  }).join(", ");
}

/**
 * The `.create-or-alter function` text of a stored function, as `.show function` gives it back.
 *
 * @example
 * ```ts
 * import { functionDeclarationText } from "./stored_function.ts";
 * functionDeclarationText({ name: "F", parameters: [{ name: "n", type: "long", default: "5" }], body: "T | take n" });
 * // "F(n:long = 5) {\nT | take n\n}"
 * ```
 */
export function functionDeclarationText(fn: StoredFunction): string {
  return `${fn.name}(${parameterListText(fn.parameters)}) {\n${fn.body}\n}`;
}
