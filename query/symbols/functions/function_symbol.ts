import { type ScalarType, toScalarType } from "../types.ts";

/**
 * What a parameter accepts. Scalar type names accept that type (with Kusto's implicit widening
 * int → long → real → decimal) and `dynamic` (checked at run time, as Kusto does); the groups are:
 * `number` (int, long, real, decimal), `summable` (numbers, datetime, timespan), `any` (every scalar).
 */
export type ParameterType = ScalarType | "number" | "summable" | "any";

/**
 * How the result type is found: a fixed scalar type, `$0`..`$9` (the type of that argument), `$num` (the
 * widest numeric type of the arguments), `$sum` (as `sum()`: int widens to long), `$last` (the type of the last
 * argument), `$common` (the type the arguments share; `dynamic` when they differ) or `$tail` (as `$common`,
 * without the first argument: `iff(condition, a, b)`).
 */
export type ReturnRule = ScalarType | `$${number}` | "$num" | "$sum" | "$last" | "$common" | "$tail";

/** One parameter of a signature. */
export interface ParameterSymbol {
  readonly name: string;
  readonly type: ParameterType;
  /** May be left out (then every later parameter may be too). */
  readonly optional: boolean;
  /** Repeats: takes every remaining argument. */
  readonly variadic: boolean;
}

/** One way to call a function. */
export interface SignatureSymbol {
  readonly parameters: readonly ParameterSymbol[];
  readonly returns: ReturnRule;
}

/** The two kinds of built-in functions. `aggregate` functions only appear where summarize allows them. */
export type FunctionKind = "scalar" | "aggregate";

/** A built-in function: name, kind and signatures. Implementations live with each back end, keyed by name. */
export interface FunctionSymbol {
  readonly name: string;
  readonly kind: FunctionKind;
  readonly signatures: readonly SignatureSymbol[];
  /** Same inputs always give the same output (false for `now()`, `rand()`, `new_guid()`, ...). */
  readonly deterministic: boolean;
  /** Needs a serialized (ordered) row set: `row_number()`, `prev()`, `next()`, ... */
  readonly needsSerialized: boolean;
  /** Prefix of the summarize output column, e.g. `dcount` for `dcount_X`, `count` for `count_`. */
  readonly resultPrefix: string;
}

const PARAMETER_GROUPS: ReadonlySet<string> = new Set(["number", "summable", "any"]);

/**
 * Parse one signature line of the registry, e.g. `substring(source:string, start:long, length?:long): string`
 * or `strcat(args:any...): string`. Flags after `|`: `nondeterministic`, `serialized`, `prefix=NAME`.
 *
 * The registry is built-in data: a malformed line is a programming error and throws at module load.
 *
 * @param line the signature text
 * @returns the function's name, one signature and its flags
 * @example
 * ```ts
 * import { parseSignature } from "./function_symbol.ts";
 * parseSignature("tolower(s:string): string").signature.returns; // "string"
 * ```
 */
export function parseSignature(line: string): {
  name: string;
  signature: SignatureSymbol;
  flags: readonly string[];
} {
  const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\((.*)\)\s*:\s*(\$?[A-Za-z0-9_]+)\s*(?:\|(.*))?$/.exec(line);
  if (match === null) throw new Error(`Invalid function signature: '${line}'`);
  const [, name, params, returns, flags] = match;
  const parameters = params.trim() === "" ? [] : params.split(",").map((p) => parseParameter(line, p.trim()));
  if (!isReturnRule(returns)) throw new Error(`Invalid return type in '${line}'`);
  return {
    name,
    signature: { parameters, returns },
    flags: flags === undefined ? [] : flags.trim().split(/\s+/),
  };
}

function parseParameter(line: string, text: string): ParameterSymbol {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)(\?)?:([a-z]+)(\.\.\.)?$/.exec(text);
  if (match === null) throw new Error(`Invalid parameter '${text}' in '${line}'`);
  const [, name, optional, typeName, variadic] = match;
  const type = PARAMETER_GROUPS.has(typeName) ? typeName as ParameterType : toScalarType(typeName);
  if (type === undefined) throw new Error(`Invalid parameter type '${typeName}' in '${line}'`);
  return {
    name,
    type,
    optional: optional !== undefined || variadic !== undefined,
    variadic: variadic !== undefined,
  };
}

function isReturnRule(text: string): text is ReturnRule {
  if (/^\$\d$/.test(text)) return true;
  if (["$num", "$sum", "$last", "$common", "$tail"].includes(text)) return true;
  return toScalarType(text) === text;
}

/**
 * Build function symbols from signature lines: lines naming the same function become its signatures.
 *
 * @param kind scalar or aggregate
 * @param lines one signature per line
 * @returns the symbols, in first-seen order
 */
export function defineFunctions(kind: FunctionKind, lines: readonly string[]): FunctionSymbol[] {
  const byName = new Map<string, { signatures: SignatureSymbol[]; flags: Set<string> }>();
  for (const line of lines) {
    const { name, signature, flags } = parseSignature(line);
    const entry = byName.get(name) ?? { signatures: [], flags: new Set<string>() };
    entry.signatures.push(signature);
    for (const flag of flags) entry.flags.add(flag);
    byName.set(name, entry);
  }
  return [...byName].map(([name, { signatures, flags }]) => {
    const prefix = [...flags].find((f) => f.startsWith("prefix="));
    for (const flag of flags) {
      if (flag !== "nondeterministic" && flag !== "serialized" && !flag.startsWith("prefix=")) {
        throw new Error(`Invalid flag '${flag}' for function '${name}'`);
      }
    }
    return {
      name,
      kind,
      signatures,
      deterministic: !flags.has("nondeterministic"),
      needsSerialized: flags.has("serialized"),
      resultPrefix: prefix === undefined ? name : prefix.slice("prefix=".length),
    };
  });
}
