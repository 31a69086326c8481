import { toKqlString } from "../values/to_string.ts";
import type { Value } from "../values/value.ts";
import { cachedRegex } from "./regex.ts";
import { flattenOperands, STRING_OPERATORS } from "./string_predicates.ts";

/** A string predicate with its right operand fixed: `(left) → boolean`, or null for null input where KQL says so. */
export type StringMatcher = (left: Value) => boolean | null;

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");
}

function isTermChar(c: string): boolean {
  return /[A-Za-z0-9]/.test(c);
}

/**
 * The regex source of a term-aligned search: a boundary (no ASCII alphanumeric next to it) is required beside
 * each end of the needle that is itself alphanumeric, exactly as `has`/`hasprefix`/`hassuffix` define.
 */
function termSource(needle: string, start: boolean, end: boolean): string {
  const before = start && isTermChar(needle[0]) ? "(?<![A-Za-z0-9])" : "";
  const after = end && isTermChar(needle[needle.length - 1]) ? "(?![A-Za-z0-9])" : "";
  return before + escapeRegex(needle) + after;
}

const TERM_OPERATORS: Readonly<Record<string, readonly [boolean, boolean, boolean]>> = {
  // operator: [term start, term end, case-sensitive]
  has: [true, true, false],
  has_cs: [true, true, true],
  hasprefix: [true, false, false],
  hasprefix_cs: [true, false, true],
  hassuffix: [false, true, false],
  hassuffix_cs: [false, true, true],
};

function text(value: Value): string {
  return typeof value === "string" ? value : value === null ? "" : toKqlString(value);
}

function regexMatcher(source: string, flags: string): StringMatcher | undefined {
  const regex = cachedRegex(source === "" ? "(?:)" : source, flags);
  if (regex === null) return undefined;
  return (left) => regex.test(text(left));
}

/**
 * `in`/`in~` against constant scalars as a hash lookup: numbers by value (so `4624` matches `4624.0`), strings
 * exactly or lower-cased; a null left side gives null and a null list item never matches, as with `==`.
 */
function membership(items: readonly Value[], ignoreCase: boolean): StringMatcher | undefined {
  const strings = new Set<string>();
  const numbers = new Set<number>();
  const booleans = new Set<boolean>();
  for (const item of items) {
    if (typeof item === "string") strings.add(ignoreCase ? item.toLowerCase() : item);
    else if (typeof item === "number") {
      if (item === item) numbers.add(item); // NaN never equals anything, itself included
    } else if (typeof item === "boolean") booleans.add(item);
    else if (item !== null) return undefined; // dynamic items compare deeply: leave them to STRING_OPERATORS
  }
  return (left) => {
    switch (typeof left) {
      case "string":
        return strings.has(ignoreCase ? left.toLowerCase() : left);
      case "number":
        return numbers.has(left);
      case "boolean":
        return booleans.has(left);
      default:
        return left === null ? null : STRING_OPERATORS[ignoreCase ? "in~" : "in"](left, items as Value[]);
    }
  };
}

/**
 * Compiles a string operator whose right operand is a constant (the usual case in rules: `Account has "admin"`)
 * into a matcher that does the per-row work only: the needle is escaped and compiled once into a sticky-free
 * regular expression, so no row allocates a lower-cased copy of its text. Gives exactly the results of
 * {@link STRING_OPERATORS}; operators without a faster form fall back to it.
 *
 * @param operator The KQL operator (`has`, `!contains_cs`, `in~`, `has_any`, …).
 * @param right The constant right operand (an array for list operators).
 * @returns The matcher, or `undefined` for an unknown operator.
 * @example
 * ```ts
 * const isAdmin = compileStringMatcher("has", "admin")!;
 * isAdmin("user=Admin;"); // true
 * ```
 */
export function compileStringMatcher(operator: string, right: Value): StringMatcher | undefined {
  const negated = operator.startsWith("!") && operator !== "!=" && operator !== "!~";
  const base = negated ? operator.slice(1) : operator;
  const positive = compilePositive(base, right);
  if (positive === undefined) {
    const op = STRING_OPERATORS[operator];
    return op === undefined ? undefined : (left) => op(left, right);
  }
  if (!negated) return positive;
  return (left) => {
    const result = positive(left);
    return result === null ? null : !result;
  };
}

function compilePositive(operator: string, right: Value): StringMatcher | undefined {
  const term = TERM_OPERATORS[operator];
  if (term !== undefined) {
    const needle = text(right);
    if (needle === "") return () => true;
    return regexMatcher(termSource(needle, term[0], term[1]), term[2] ? "" : "i");
  }
  switch (operator) {
    case "contains":
      return regexMatcher(escapeRegex(text(right)), "i");
    case "contains_cs": {
      const needle = text(right);
      return (left) => text(left).includes(needle);
    }
    case "startswith":
      return regexMatcher("^" + escapeRegex(text(right)), "i");
    case "startswith_cs": {
      const needle = text(right);
      return (left) => text(left).startsWith(needle);
    }
    case "endswith":
      return regexMatcher(escapeRegex(text(right)) + "$", "i");
    case "endswith_cs": {
      const needle = text(right);
      return (left) => text(left).endsWith(needle);
    }
    case "in":
    case "in~":
      return membership(flattenOperands(Array.isArray(right) ? right : [right]), operator === "in~");
    case "has_any": {
      const needles = flattenOperands(Array.isArray(right) ? right : [right]).map(text);
      if (needles.includes("")) return () => true;
      if (needles.length === 0) return () => false;
      return regexMatcher(needles.map((n) => termSource(n, true, true)).join("|"), "i");
    }
    default:
      return undefined;
  }
}
