/**
 * Sentinel's parser YAML format (the `Parsers/` files of the Azure-Sentinel repository and the parsers of its
 * solutions): `ParserName` (or `FunctionName`, with `FunctionAlias` as the name rules call), `ParserParams`
 * (`Name`, `Type`, `Default`) and `ParserQuery` (the body). ASIM parsers also name the built-in function
 * they stand for (`EquivalentBuiltInParser`); it is installed under that name too, so rules calling the
 * `_Im_...`/`_ASim_...` spelling find it.
 */
import { parse } from "yaml";
import { isPlainName, type StoredFunction, type StoredParameter } from "../../query/mod.ts";

/** A KQL string literal already (`'*'`, `"x"`, `@'c:\'`, `h'secret'`)? */
const QUOTED = /^(?:[@hH]?'(?:[^'\\]|\\.)*'|[@hH]?"(?:[^"\\]|\\.)*")$/s;

/**
 * The KQL text of a YAML default. YAML has already removed its own quotes, so `Default: '*'` arrives as `*`:
 * a string parameter's default is quoted again unless it is already a KQL literal.
 */
function defaultText(type: string, value: unknown): string {
  const text = typeof value === "string" ? value.trim() : JSON.stringify(value);
  if (type.trim().toLowerCase() !== "string" || QUOTED.test(text)) return text;
  return `'${text.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
}

function field(doc: Record<string, unknown>, ...names: string[]): unknown {
  for (const name of names) if (doc[name] !== undefined && doc[name] !== null) return doc[name];
  return undefined;
}

/**
 * Read the functions a Sentinel parser YAML file installs.
 *
 * @param text the YAML text
 * @returns the function (and its `EquivalentBuiltInParser` alias when present), or a message
 * @example
 * ```ts
 * import { functionsFromParserYaml } from "./parser_yaml.ts";
 * const yaml = "ParserName: MyParser\nParserParams:\n  - Name: user\n    Type: string\n    Default: '*'\n" +
 *   "ParserQuery: |\n  SigninLogs | where user == '*' or UserPrincipalName == user\n";
 * const r = functionsFromParserYaml(yaml);
 * "functions" in r && r.functions[0].parameters; // [{ name: "user", type: "string", default: "'*'" }]
 * ```
 */
export function functionsFromParserYaml(text: string): { functions: StoredFunction[] } | { error: string } {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    return { error: `Invalid parser YAML: ${(error as Error).message.split("\n")[0].replace(/:$/, "")}` };
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    return { error: "Invalid parser YAML: expected a mapping with ParserName and ParserQuery" };
  }
  const d = doc as Record<string, unknown>;
  const name = field(d, "FunctionAlias", "ParserName", "FunctionName");
  const body = field(d, "ParserQuery", "FunctionQuery");
  if (typeof name !== "string" || !isPlainName(name.trim())) {
    return { error: "Invalid parser YAML: 'ParserName' (or 'FunctionName') must be a function name" };
  }
  if (typeof body !== "string" || body.trim() === "") {
    return { error: `Invalid parser '${name}': 'ParserQuery' must be the query text` };
  }
  const rawParams = field(d, "ParserParams", "FunctionParams") ?? [];
  if (!Array.isArray(rawParams)) return { error: `Invalid parser '${name}': 'ParserParams' must be a list` };
  const parameters: StoredParameter[] = [];
  for (const [i, p] of rawParams.entries()) {
    const item = (p ?? {}) as Record<string, unknown>;
    const pName = field(item, "Name", "name");
    const pType = field(item, "Type", "type");
    if (typeof pName !== "string" || typeof pType !== "string") {
      return { error: `Invalid parser '${name}': parameter ${i + 1} needs 'Name' and 'Type'` };
    }
    const def = field(item, "Default", "default");
    parameters.push({
      name: pName.trim(),
      type: pType.trim(),
      ...(def === undefined ? {} : { default: defaultText(pType, def) }),
    });
  }
  const description = field(d, "Description");
  const fn: StoredFunction = {
    name: name.trim(),
    parameters,
    body: body.replace(/\s+$/, ""),
    ...(typeof description === "string" ? { docString: description.trim() } : {}),
    folder: typeof field(d, "Category") === "string" ? String(d.Category) : "Parsers",
  };
  const functions = [fn];
  const builtin = field(d, "EquivalentBuiltInParser");
  if (typeof builtin === "string" && isPlainName(builtin.trim()) && builtin.trim() !== fn.name) {
    functions.push({ ...fn, name: builtin.trim() });
  }
  return { functions };
}
