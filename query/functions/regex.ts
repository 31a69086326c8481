/**
 * Kusto regular expressions use RE2 syntax; this module translates an RE2 pattern into an equivalent JavaScript
 * `RegExp`. The translation:
 * - leading inline flags `(?i)`, `(?s)`, `(?m)` (and combinations such as `(?is)`) become the `i`, `s`, `m` flags;
 * - `(?P<name>…)` named groups become `(?<name>…)`;
 * - `\A` and `\z` (start and end of text) become `(?<![\s\S])` and `(?![\s\S])`, which hold even with `m`;
 * - `\Q…\E` literal text is escaped;
 * - POSIX classes inside brackets (`[[:alpha:]]`, `[[:digit:]]`, …) become their ASCII ranges;
 * - `\pN` / `\p{Greek}` Unicode classes compile with the `u` flag.
 * RE2 features with no JavaScript equivalent (`(?U)` ungreedy mode, `\C`) are reported as errors. JavaScript
 * accepts a few things RE2 rejects (backreferences, lookaround); those are passed through rather than refused.
 */

/** A compiled pattern, or the reason it does not compile. */
export type RegexResult = { readonly regex: RegExp } | { readonly error: string };

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: "0-9A-Za-z",
  alpha: "A-Za-z",
  ascii: "\\x00-\\x7F",
  blank: "\\t ",
  cntrl: "\\x00-\\x1F\\x7F",
  digit: "0-9",
  graph: "!-~",
  lower: "a-z",
  print: " -~",
  punct: "!-\\/:-@\\[-`{-~",
  space: "\\t\\n\\v\\f\\r ",
  upper: "A-Z",
  word: "0-9A-Za-z_",
  xdigit: "0-9A-Fa-f",
};

function escapeLiteral(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");
}

/** RE2 names scripts bare (`\p{Greek}`); JavaScript wants `\p{Script=Greek}` for all but general categories. */
function unicodeClass(letter: string, name: string): string {
  const category = /^[LMNPSZC][a-z&]?$/.test(name);
  return "\\" + letter + "{" + (category ? name : "Script=" + name) + "}";
}

/**
 * Translates an RE2 pattern into JavaScript source and flags.
 *
 * @param pattern The RE2 pattern.
 * @returns The JavaScript pattern source and flags, or an error message.
 */
export function translateRe2(pattern: string): { source: string; flags: string } | { error: string } {
  let flags = "";
  let rest = pattern;
  const leading = /^\(\?([imsU]+)\)/.exec(rest);
  if (leading !== null) {
    if (leading[1].includes("U")) return { error: `Ungreedy mode '(?U)' is not supported in '${pattern}'` };
    for (const f of new Set(leading[1])) flags += f;
    rest = rest.slice(leading[0].length);
  }
  let out = "";
  let inClass = false;
  let unicode = false;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (c === "\\") {
      const next = rest[i + 1];
      if (next === undefined) return { error: `Trailing backslash in '${pattern}'` };
      if (next === "Q") {
        const end = rest.indexOf("\\E", i + 2);
        const literal = rest.slice(i + 2, end < 0 ? rest.length : end);
        out += escapeLiteral(literal);
        i = end < 0 ? rest.length : end + 1;
        continue;
      }
      if (!inClass && next === "A") {
        out += "(?<![\\s\\S])";
      } else if (!inClass && next === "z") {
        out += "(?![\\s\\S])";
      } else if (next === "C") {
        return { error: `'\\C' is not supported in '${pattern}'` };
      } else if (next === "p" || next === "P") {
        unicode = true;
        if (rest[i + 2] === "{") {
          const close = rest.indexOf("}", i + 2);
          if (close < 0) return { error: `Unclosed '\\${next}{' in '${pattern}'` };
          out += unicodeClass(next, rest.slice(i + 3, close));
          i = close;
          continue;
        }
        out += unicodeClass(next, rest[i + 2]);
        i += 2;
        continue;
      } else {
        out += c + next;
      }
      i++;
      continue;
    }
    if (inClass) {
      if (c === "[" && rest[i + 1] === ":") {
        const close = rest.indexOf(":]", i + 2);
        const name = close < 0 ? "" : rest.slice(i + 2, close);
        const negated = name.startsWith("^");
        const range = POSIX_CLASSES[negated ? name.slice(1) : name];
        if (range === undefined || negated) {
          return { error: `Unknown POSIX class '[:${name}:]' in '${pattern}'` };
        }
        out += range;
        i = close + 1;
        continue;
      }
      if (c === "]") inClass = false;
      out += c;
      continue;
    }
    if (c === "[") {
      inClass = true;
      out += c;
      if (rest[i + 1] === "^") out += rest[++i];
      if (rest[i + 1] === "]") out += "\\" + rest[++i];
      continue;
    }
    if (c === "(" && rest.startsWith("(?P<", i)) {
      out += "(?<";
      i += 3;
      continue;
    }
    out += c;
  }
  if (unicode) flags += "u";
  return { source: out, flags };
}

/**
 * Compiles an RE2 pattern (see the module notes for the translation). Never throws.
 *
 * @param pattern The RE2 pattern.
 * @param extraFlags JavaScript flags to add (e.g. `g`).
 * @returns The RegExp or an error message.
 * @example
 * ```ts
 * const result = compileRegex("(?i)^abc\\z");
 * "regex" in result && result.regex.test("ABC"); // true
 * ```
 */
export function compileRegex(pattern: string, extraFlags = ""): RegexResult {
  const translated = translateRe2(pattern);
  if ("error" in translated) return translated;
  try {
    return { regex: new RegExp(translated.source, translated.flags + extraFlags) };
  } catch (error) {
    return { error: `Invalid regular expression '${pattern}': ${(error as Error).message}` };
  }
}

/**
 * Patterns are nearly always constants, so compiled expressions are cached. The cache is bounded and only ever
 * memoises a pure function, so sharing it across queries cannot change results.
 */
const CACHE = new Map<string, RegExp | null>();
const CACHE_LIMIT = 1000;

/**
 * A cached compiled RE2 pattern, or null when it does not compile (the functions then return null).
 *
 * @param pattern The RE2 pattern.
 * @param extraFlags JavaScript flags to add.
 * @returns The RegExp (shared: callers using `g` must reset `lastIndex`), or null.
 */
export function cachedRegex(pattern: string, extraFlags = ""): RegExp | null {
  const key = extraFlags + "\u0000" + pattern;
  let regex = CACHE.get(key);
  if (regex === undefined) {
    const result = compileRegex(pattern, extraFlags);
    regex = "regex" in result ? result.regex : null;
    if (CACHE.size >= CACHE_LIMIT) CACHE.delete(CACHE.keys().next().value!);
    CACHE.set(key, regex);
  }
  return regex;
}
