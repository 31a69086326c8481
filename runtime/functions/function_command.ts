/**
 * Kusto's function management commands, as text: `.create function`, `.create-or-alter function`,
 * `.alter function`, `.show functions`, `.show function F`, `.drop function F`. Parsing only; the Kusto
 * REST door and the functions folder act on the result.
 */
import { parseQuery, type StoredFunction, type StoredParameter } from "../../query/mod.ts";

/** A parsed function command. */
export type FunctionCommand =
  | {
    readonly kind: "create" | "create-or-alter" | "alter";
    readonly fn: StoredFunction;
    readonly ifNotExists: boolean;
    readonly skipValidation: boolean;
  }
  | { readonly kind: "show"; readonly name?: string }
  | { readonly kind: "drop"; readonly name: string; readonly ifExists: boolean };

const NAME = String.raw`(?:[A-Za-z_][A-Za-z0-9_]*|\[\s*'[^']+'\s*\]|\[\s*"[^"]+"\s*\])`;

function unquoteName(raw: string): string {
  const m = /^\[\s*['"](.+)['"]\s*\]$/.exec(raw.trim());
  return m ? m[1] : raw.trim();
}

/** The index just past the bracket that closes the one at `open`, skipping strings and comments. */
function closing(text: string, open: number): number {
  const pairs: Record<string, string> = { "(": ")", "{": "}", "[": "]" };
  const stack: string[] = [];
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"') {
      const verbatim = text[i - 1] === "@";
      for (i++; i < text.length && text[i] !== c; i++) if (!verbatim && text[i] === "\\") i++;
      continue;
    }
    if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
      continue;
    }
    if (c in pairs) stack.push(pairs[c]);
    else if (c === ")" || c === "}" || c === "]") {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i + 1;
    }
  }
  return -1;
}

/** `with (folder = "x", docstring = "y", skipvalidation = "true")`: names lowercased, values unquoted. */
function properties(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const item = /([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^,\s)]+))/g;
  for (const m of text.matchAll(item)) out.set(m[1].toLowerCase(), m[2] ?? m[3] ?? m[4]);
  return out;
}

/**
 * Read `Name(params) { body }` into a stored function: the parameter list is parsed by the KQL parser, so
 * types and defaults are exactly what a `let` function accepts.
 *
 * @param text the declaration
 * @returns the function, or a message saying what is wrong
 * @example
 * ```ts
 * import { parseFunctionDeclaration } from "./function_command.ts";
 * const r = parseFunctionDeclaration("Fails(n:long = 5) { SigninLogs | take n }");
 * "fn" in r && r.fn.parameters; // [{ name: "n", type: "long", default: "5" }]
 * ```
 */
export function parseFunctionDeclaration(text: string): { fn: StoredFunction } | { error: string } {
  const head = new RegExp(`^\\s*(${NAME})\\s*\\(`).exec(text);
  if (!head) return { error: "Invalid function declaration: expected 'Name(parameters) { body }'" };
  const name = unquoteName(head[1]);
  const open = head[0].length - 1;
  const close = closing(text, open);
  if (close < 0) return { error: `Invalid function '${name}': the parameter list is not closed` };
  const braceAt = text.slice(close).search(/\S/) + close;
  if (text[braceAt] !== "{") {
    return { error: `Invalid function '${name}': expected '{' after the parameters` };
  }
  const end = closing(text, braceAt);
  if (end < 0) return { error: `Invalid function '${name}': the body is not closed with '}'` };
  if (text.slice(end).trim() !== "") {
    return {
      error: `Invalid function '${name}': unexpected text after the body: '${
        text.slice(end).trim().slice(0, 40)
      }'`,
    };
  }
  const paramsText = text.slice(open + 1, close - 1);
  const parameters = parseParameters(paramsText);
  if ("error" in parameters) return { error: `Invalid function '${name}': ${parameters.error}` };
  const body = text.slice(braceAt + 1, end - 1).trim();
  return { fn: { name, parameters: parameters.list, body } };
}

/**
 * Parse a parameter list (`a:string, b:long = 5, T:(*)`) with the KQL parser.
 *
 * @param text the list, without the parentheses
 * @returns the parameters, or the first syntax error
 */
export function parseParameters(text: string): { list: StoredParameter[] } | { error: string } {
  if (text.trim() === "") return { list: [] };
  const prefix = "let f = (";
  const source = `${prefix}${text}) { print 1 };`;
  const parsed = parseQuery(source);
  const error = parsed.diagnostics.find((d) => d.severity === "error");
  const first = parsed.query.statements[0];
  if (error || first?.kind !== "LetStatement" || first.value.kind !== "FunctionDefinition") {
    return { error: `invalid parameter list: ${error?.message ?? "cannot read it"}` };
  }
  const slice = (span: { start: number; end: number }) => source.slice(span.start, span.end).trim();
  return {
    list: first.value.parameters.map((p) => ({
      name: p.name.name,
      type: slice(p.type.span),
      ...(p.defaultValue === undefined ? {} : { default: slice(p.defaultValue.span) }),
    })),
  };
}

/**
 * Recognize a function management command.
 *
 * @param text the command (`.create-or-alter function ...`)
 * @returns the command, `undefined` when it is not a function command, or a message saying what is wrong
 * @example
 * ```ts
 * import { parseFunctionCommand } from "./function_command.ts";
 * const c = parseFunctionCommand(".create-or-alter function with (folder='x') F() { SigninLogs }");
 * c !== undefined && "kind" in c && c.kind; // "create-or-alter"
 * ```
 */
export function parseFunctionCommand(text: string): FunctionCommand | { error: string } | undefined {
  const t = text.trim();
  if (/^\.show\s+functions\s*$/i.test(t)) return { kind: "show" };
  const show = new RegExp(`^\\.show\\s+function\\s+(${NAME})\\s*$`, "i").exec(t);
  if (show) return { kind: "show", name: unquoteName(show[1]) };
  const drop = new RegExp(`^\\.drop\\s+function\\s+(${NAME})(\\s+ifexists)?\\s*$`, "i").exec(t);
  if (drop) return { kind: "drop", name: unquoteName(drop[1]), ifExists: drop[2] !== undefined };
  const create = /^\.(create-or-alter|create|alter)\s+function\b(\s+ifnotexists\b)?\s*/i.exec(t);
  if (!create) return undefined;
  let rest = t.slice(create[0].length);
  let props = new Map<string, string>();
  const withAt = /^with\s*\(/i.exec(rest);
  if (withAt) {
    const end = closing(rest, withAt[0].length - 1);
    if (end < 0) return { error: "Invalid function command: the 'with (...)' properties are not closed" };
    props = properties(rest.slice(withAt[0].length, end - 1));
    rest = rest.slice(end);
  }
  const declared = parseFunctionDeclaration(rest);
  if ("error" in declared) return declared;
  const fn: StoredFunction = {
    ...declared.fn,
    ...(props.has("folder") ? { folder: props.get("folder") } : {}),
    ...(props.has("docstring") ? { docString: props.get("docstring") } : {}),
  };
  return {
    kind: create[1].toLowerCase() as "create" | "create-or-alter" | "alter",
    fn,
    ifNotExists: create[2] !== undefined,
    skipValidation: props.get("skipvalidation")?.toLowerCase() === "true",
  };
}
