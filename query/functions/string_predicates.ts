import { equalsIgnoreCase, kqlEquals } from "../values/equality.ts";
import { compareValues } from "../values/compare.ts";
import { toKqlString } from "../values/to_string.ts";
import type { Value } from "../values/value.ts";
import { cachedRegex } from "./regex.ts";

/**
 * KQL's string operators as functions the evaluators call. Kusto strings are never null, so a null operand reads
 * as the empty string; non-string operands are compared through their `tostring` text.
 */

function text(value: Value): string {
  return typeof value === "string" ? value : toKqlString(value);
}

/** Whether a UTF-16 code unit is an ASCII letter or digit: Kusto's terms are maximal runs of these. */
function isTermChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * Whether `needle` occurs in `haystack` aligned with term boundaries: at the start when `start` is set, at the
 * end when `end` is set. A boundary is only required next to an alphanumeric character of the needle, so a needle
 * such as `"-foo"` may follow any character.
 */
function findAligned(haystack: string, needle: string, start: boolean, end: boolean): boolean {
  if (needle.length === 0) return true;
  const checkStart = start && isTermChar(needle.charCodeAt(0));
  const checkEnd = end && isTermChar(needle.charCodeAt(needle.length - 1));
  let from = 0;
  while (true) {
    const at = haystack.indexOf(needle, from);
    if (at < 0) return false;
    const after = at + needle.length;
    const startOk = !checkStart || at === 0 || !isTermChar(haystack.charCodeAt(at - 1));
    const endOk = !checkEnd || after === haystack.length || !isTermChar(haystack.charCodeAt(after));
    if (startOk && endOk) return true;
    from = at + 1;
  }
}

/**
 * `has`: `needle` is a whole term of `haystack`, case-insensitively (terms are maximal runs of ASCII
 * alphanumerics); a needle with non-alphanumeric characters must start and end at term boundaries.
 *
 * @example
 * ```ts
 * has("North America", "america"); // true
 * has("North America", "amer"); // false
 * ```
 */
export function has(haystack: Value, needle: Value): boolean {
  return findAligned(text(haystack).toLowerCase(), text(needle).toLowerCase(), true, true);
}

/** `has_cs`: case-sensitive {@link has}. */
export function hasCs(haystack: Value, needle: Value): boolean {
  return findAligned(text(haystack), text(needle), true, true);
}

/** `hasprefix`: a term of `haystack` starts with `needle` (case-insensitive). */
export function hasPrefix(haystack: Value, needle: Value): boolean {
  return findAligned(text(haystack).toLowerCase(), text(needle).toLowerCase(), true, false);
}

/** `hasprefix_cs`: case-sensitive {@link hasPrefix}. */
export function hasPrefixCs(haystack: Value, needle: Value): boolean {
  return findAligned(text(haystack), text(needle), true, false);
}

/** `hassuffix`: a term of `haystack` ends with `needle` (case-insensitive). */
export function hasSuffix(haystack: Value, needle: Value): boolean {
  return findAligned(text(haystack).toLowerCase(), text(needle).toLowerCase(), false, true);
}

/** `hassuffix_cs`: case-sensitive {@link hasSuffix}. */
export function hasSuffixCs(haystack: Value, needle: Value): boolean {
  return findAligned(text(haystack), text(needle), false, true);
}

/** `contains`: substring, case-insensitive. */
export function contains(haystack: Value, needle: Value): boolean {
  return text(haystack).toLowerCase().includes(text(needle).toLowerCase());
}

/** `contains_cs`: substring, case-sensitive. */
export function containsCs(haystack: Value, needle: Value): boolean {
  return text(haystack).includes(text(needle));
}

/** `startswith`: prefix, case-insensitive. */
export function startsWith(haystack: Value, needle: Value): boolean {
  return text(haystack).toLowerCase().startsWith(text(needle).toLowerCase());
}

/** `startswith_cs`: prefix, case-sensitive. */
export function startsWithCs(haystack: Value, needle: Value): boolean {
  return text(haystack).startsWith(text(needle));
}

/** `endswith`: suffix, case-insensitive. */
export function endsWith(haystack: Value, needle: Value): boolean {
  return text(haystack).toLowerCase().endsWith(text(needle).toLowerCase());
}

/** `endswith_cs`: suffix, case-sensitive. */
export function endsWithCs(haystack: Value, needle: Value): boolean {
  return text(haystack).endsWith(text(needle));
}

/** Flattens operands that may be dynamic arrays (`has_any(dynamic(["a","b"]))`) into one list. */
export function flattenOperands(values: readonly Value[]): Value[] {
  const out: Value[] = [];
  for (const v of values) {
    if (Array.isArray(v)) out.push(...v);
    else out.push(v);
  }
  return out;
}

/** `has_any`: {@link has} for at least one of the needles (dynamic arrays are flattened). */
export function hasAny(haystack: Value, needles: readonly Value[]): boolean {
  const lower = text(haystack).toLowerCase();
  for (const needle of flattenOperands(needles)) {
    if (findAligned(lower, text(needle).toLowerCase(), true, true)) return true;
  }
  return false;
}

/** `has_all`: {@link has} for every needle (dynamic arrays are flattened). */
export function hasAll(haystack: Value, needles: readonly Value[]): boolean {
  const lower = text(haystack).toLowerCase();
  for (const needle of flattenOperands(needles)) {
    if (!findAligned(lower, text(needle).toLowerCase(), true, true)) return false;
  }
  return true;
}

/** `in`: equality with one of the values (dynamic arrays are flattened); null never matches. */
export function inList(value: Value, list: readonly Value[]): boolean {
  for (const item of flattenOperands(list)) if (kqlEquals(value, item) === true) return true;
  return false;
}

/** `in~`: case-insensitive {@link inList}. */
export function inListIgnoreCase(value: Value, list: readonly Value[]): boolean {
  for (const item of flattenOperands(list)) if (equalsIgnoreCase(value, item) === true) return true;
  return false;
}

/**
 * `matches regex`: the RE2 pattern matches somewhere in the text.
 *
 * @returns Whether it matches, or null when the pattern does not compile.
 */
export function matchesRegex(haystack: Value, pattern: Value): boolean | null {
  const regex = cachedRegex(text(pattern));
  return regex === null ? null : regex.test(text(haystack));
}

/**
 * `between`: `low <= value <= high` (for datetimes and timespans too, as all are numbers); null when any operand
 * is null.
 */
export function between(value: Value, low: Value, high: Value): boolean | null {
  if (value === null || low === null || high === null) return null;
  return compareValues(value, low) >= 0 && compareValues(value, high) <= 0;
}

/** A binary string or membership operator: left operand, right operand (an array of values for list operators). */
export type StringOperator = (left: Value, right: Value) => boolean | null;

function list(right: Value): readonly Value[] {
  return Array.isArray(right) ? right : [right];
}

function negate(op: StringOperator): StringOperator {
  return (left, right) => {
    const result = op(left, right);
    return result === null ? null : !result;
  };
}

const POSITIVE_OPERATORS: Readonly<Record<string, StringOperator>> = {
  has,
  has_cs: hasCs,
  hasprefix: hasPrefix,
  hasprefix_cs: hasPrefixCs,
  hassuffix: hasSuffix,
  hassuffix_cs: hasSuffixCs,
  contains,
  contains_cs: containsCs,
  startswith: startsWith,
  startswith_cs: startsWithCs,
  endswith: endsWith,
  endswith_cs: endsWithCs,
  has_any: (left, right) => hasAny(left, list(right)),
  has_all: (left, right) => hasAll(left, list(right)),
  in: (left, right) => left === null ? null : inList(left, list(right)),
  "in~": (left, right) => left === null ? null : inListIgnoreCase(left, list(right)),
  "matches regex": matchesRegex,
  "==": kqlEquals,
  "=~": equalsIgnoreCase,
};

/**
 * KQL's string and membership operators by their KQL spelling, negated forms (`!has`, `!contains_cs`, `!in~`,
 * `!=`, `!~`) included, for evaluators that dispatch on the operator name. List operators (`in`, `has_any`, …)
 * take their right-hand values as one array.
 */
export const STRING_OPERATORS: Readonly<Record<string, StringOperator>> = Object.freeze({
  ...POSITIVE_OPERATORS,
  ...Object.fromEntries(
    Object.entries(POSITIVE_OPERATORS)
      .filter(([name]) =>
        name !== "==" && name !== "=~" && name !== "has_any" && name !== "has_all" &&
        name !== "matches regex"
      )
      .map(([name, op]) => ["!" + name, negate(op)]),
  ),
  "!=": negate(kqlEquals),
  "!~": negate(equalsIgnoreCase),
});
