/**
 * How an ASIM parser family is declared: one filtering function over the schema's ASim table, and the other
 * names rules call it by (`imX`, `_ASim_X`, `ASimX`, ...) as thin functions that pass every parameter on.
 * Also the pieces the schema files build their filters from, so that every parameter means the same thing in
 * every schema, as ASIM defines them.
 */
import type { StoredFunction, StoredParameter } from "../functions/stored_function.ts";

/** A parameter with its KQL default. */
export function param(name: string, type: string, defaultValue: string): StoredParameter {
  return { name, type, default: defaultValue };
}

/** A list parameter (`dynamic`, default empty: no filtering). */
export function list(name: string): StoredParameter {
  return param(name, "dynamic", "dynamic([])");
}

/** A single-value string parameter (default `'*'`: no filtering). */
export function text(name: string): StoredParameter {
  return param(name, "string", "'*'");
}

/**
 * The parameters every ASIM filtering parser takes: the time range, `disabled` (a parser switched off returns
 * nothing) and `pack` (ASIM's parameterless parsers take it; we never pack, so it is accepted and ignored).
 */
export const COMMON_PARAMETERS: readonly StoredParameter[] = [
  param("starttime", "datetime", "datetime(null)"),
  param("endtime", "datetime", "datetime(null)"),
  param("disabled", "bool", "false"),
  param("pack", "bool", "false"),
];

/** The filter of the common parameters. */
export const COMMON_FILTER = `where not(disabled)
| where isnull(starttime) or TimeGenerated >= starttime
| where isnull(endtime) or TimeGenerated <= endtime`;

/** Rows where one of the columns `has_any` of the list; every row when the list is empty. */
export function hasAny(parameter: string, columns: readonly string[]): string {
  const tests = columns.map((c) => `${c} has_any (${parameter})`).join(" or ");
  return `where array_length(${parameter}) == 0 or ${tests}`;
}

/** Rows where one of the IP columns starts with one of the listed prefixes; every row when the list is empty. */
export function ipPrefix(parameter: string, columns: readonly string[]): string {
  const tests = columns.map((c) => `has_any_ipv4_prefix(${c}, ${parameter})`).join(" or ");
  return `where array_length(${parameter}) == 0 or ${tests}`;
}

/** Rows whose column is in the list, case-insensitively; every row when the list is empty. */
export function inList(parameter: string, column: string): string {
  return `where array_length(${parameter}) == 0 or ${column} in~ (${parameter})`;
}

/** Rows whose column equals the value, case-insensitively; every row when the value is `'*'`. */
export function equals(parameter: string, column: string): string {
  return `where ${parameter} == '*' or ${column} =~ ${parameter}`;
}

/** Rows where one of the columns `has` the value; every row when the value is `'*'`. */
export function has(parameter: string, columns: readonly string[]): string {
  return `where ${parameter} == '*' or ${columns.map((c) => `${c} has ${parameter}`).join(" or ")}`;
}

/** The `Dvc` alias, and the other aliases every schema computes from an entity's identifiers. */
export function firstOf(...columns: string[]): string {
  return `coalesce(${columns.join(", ")})`;
}

/** What a family declares. */
export interface FamilySpec {
  /** The ASIM schema (`Authentication`, `Dns`, ...): the docstring and the folder say it. */
  readonly schema: string;
  /** The function the others call: ASIM's unifying filtering parser (`_Im_Authentication`). */
  readonly canonical: string;
  /** The other names of the same parser. */
  readonly aliases: readonly string[];
  /** Its parameters beyond {@linkcode COMMON_PARAMETERS}, in ASIM's order. */
  readonly parameters: readonly StoredParameter[];
  /** The query: the ASim table, {@linkcode COMMON_FILTER}, the schema's filters and its aliases. */
  readonly body: string;
}

/**
 * The functions of a parser family: the canonical one and one thin function per alias.
 *
 * @param spec The family.
 * @returns Its stored functions, canonical first.
 * @example
 * ```ts
 * import { family, COMMON_FILTER } from "./asim_family.ts";
 * const fns = family({ schema: "Demo", canonical: "_Im_Demo", aliases: ["imDemo"], parameters: [],
 *   body: `ASimAuditEventLogs | ${COMMON_FILTER}` });
 * fns[1].body; // "_Im_Demo(starttime, endtime, disabled, pack)"
 * ```
 */
export function family(spec: FamilySpec): StoredFunction[] {
  const parameters = [...COMMON_PARAMETERS, ...spec.parameters];
  const folder = `ASIM/${spec.schema}`;
  const canonical: StoredFunction = {
    name: spec.canonical,
    parameters,
    body: spec.body,
    folder,
    docString: `ASIM ${spec.schema} parser over the normalized table (built in)`,
    source: "builtin",
  };
  const call = `${spec.canonical}(${parameters.map((p) => p.name).join(", ")})`;
  return [
    canonical,
    ...spec.aliases.map((name) => ({
      name,
      parameters,
      body: call,
      folder,
      docString: `ASIM ${spec.schema} parser: same as ${spec.canonical} (built in)`,
      source: "builtin",
    })),
  ];
}
