import { toKqlString } from "../values/to_string.ts";
import { toBool, toDatetime, toDynamic, toGuid, toLong, toReal, toTimespan } from "../values/convert.ts";
import { toScalarType } from "../symbols/types.ts";
import type { Value } from "../values/value.ts";
import { cachedRegex } from "./regex.ts";
import { define, type ScalarFunctionTable, textOf } from "./scalar_function.ts";
import { has } from "./string_predicates.ts";

/** Largest number of repetitions `strrep` accepts, as in Kusto. */
const MAX_REPEAT = 1024;

function codePoints(text: string): string[] {
  return Array.from(text);
}

function substring(source: string, start: number, length?: number): string {
  const chars = codePoints(source);
  let from = Math.trunc(start);
  let count = length === undefined ? chars.length : Math.trunc(length);
  if (from < 0) {
    count += from;
    from = 0;
  }
  if (count <= 0 || from >= chars.length) return "";
  return chars.slice(from, from + count).join("");
}

/** Converts RE2 rewrite references (`\1`) into JavaScript's (`$1`), escaping literal `$`. */
function jsRewrite(rewrite: string): string {
  return rewrite.replace(/\$/g, "$$$$").replace(/\\(\d)/g, "$$$1");
}

function replaceRegex(source: string, pattern: string, rewrite: string): string | null {
  const regex = cachedRegex(pattern, "g");
  if (regex === null) return null;
  regex.lastIndex = 0;
  return source.replace(regex, jsRewrite(rewrite));
}

function trimRegex(pattern: string, source: string, start: boolean, end: boolean): string | null {
  let result = source;
  if (start) {
    const regex = cachedRegex(`^(?:${pattern})+`);
    if (regex === null) return null;
    result = result.replace(regex, "");
  }
  if (end) {
    const regex = cachedRegex(`(?:${pattern})+$`);
    if (regex === null) return null;
    result = result.replace(regex, "");
  }
  return result;
}

/** Converts extracted text to the type named by a type argument (`typeof(long)` arrives as "long"). */
export function convertTo(textValue: string, typeName: Value): Value {
  if (typeof typeName !== "string") return textValue;
  switch (toScalarType(typeName)) {
    case "int":
    case "long":
      return toLong(textValue, "string");
    case "real":
    case "decimal":
      return toReal(textValue, "string");
    case "bool":
      return toBool(textValue);
    case "datetime":
      return toDatetime(textValue, "string");
    case "timespan":
      return toTimespan(textValue, "string");
    case "guid":
      return toGuid(textValue);
    case "dynamic":
      return toDynamic(textValue);
    default:
      return textValue;
  }
}

function extract(pattern: string, group: number, source: string, typeName: Value): Value {
  const regex = cachedRegex(pattern);
  if (regex === null) return null;
  const match = regex.exec(source);
  if (match === null || group < 0 || group >= match.length || match[group] === undefined) {
    return typeName === null || typeName === "string" ? "" : null;
  }
  return convertTo(match[group], typeName);
}

function extractAll(pattern: string, groups: readonly Value[] | null, source: string): Value {
  const regex = cachedRegex(pattern, "g");
  if (regex === null) return null;
  regex.lastIndex = 0;
  const out: Value[] = [];
  for (const match of source.matchAll(regex)) {
    const wanted = groups ?? (match.length > 1 ? match.slice(1).map((_, i) => i + 1) : [0]);
    const picked = wanted.map((g) => {
      if (typeof g === "number") return match[g] ?? "";
      if (typeof g === "string") return match.groups?.[g] ?? "";
      return "";
    });
    out.push(
      picked.length === 1 && (groups === null || groups.length === 1) && match.length <= 2
        ? picked[0]
        : picked,
    );
    if (match[0].length === 0) regex.lastIndex++;
  }
  return out.length === 0 ? null : out;
}

function indexOf(source: string, lookup: string, start: number, length: number, occurrence: number): number {
  if (start < 0) start = Math.max(0, source.length + start);
  if (start > source.length) return -1;
  const end = length < 0 ? source.length : Math.min(source.length, start + length);
  let from = start;
  for (let n = 0; n < occurrence; n++) {
    // Bounded by the text, not by `occurrence` (which may be huge): an empty lookup matches at every position.
    if (from > end) return -1;
    const at = source.indexOf(lookup, from);
    if (at < 0 || at + lookup.length > end) return -1;
    if (n === occurrence - 1) return at;
    from = at + 1;
  }
  return -1;
}

function countOf(source: string, search: string, kind: string): number | null {
  if (kind === "regex") {
    const regex = cachedRegex(search, "g");
    if (regex === null) return null;
    regex.lastIndex = 0;
    let count = 0;
    for (const m of source.matchAll(regex)) {
      count++;
      if (m[0].length === 0) regex.lastIndex++;
    }
    return count;
  }
  if (search.length === 0) return 0;
  // "normal" counts overlapping occurrences: countof("aaa", "aa") is 2.
  let count = 0;
  for (let at = source.indexOf(search); at >= 0; at = source.indexOf(search, at + 1)) count++;
  return count;
}

function translate(searchList: string, replacementList: string, source: string): string {
  const search = codePoints(searchList);
  const replacement = codePoints(replacementList);
  const map = new Map<string, string>();
  search.forEach((c, i) => {
    if (!map.has(c)) {
      map.set(c, replacement.length === 0 ? "" : replacement[Math.min(i, replacement.length - 1)]);
    }
  });
  return codePoints(source).map((c) => map.get(c) ?? c).join("");
}

function split(source: string, delimiter: string, index: Value): Value {
  const parts = delimiter.length === 0 ? [source] : source.split(delimiter);
  if (index === undefined || index === null) return parts;
  if (typeof index !== "number") return null;
  const i = Math.trunc(index);
  return i >= 0 && i < parts.length ? [parts[i]] : [];
}

/**
 * `replace_strings(text, lookups, rewrites)`: all lookups replaced in one left-to-right pass, so a rewrite is
 * never searched again; where several lookups match at one position the longest wins.
 */
function replaceStrings(source: string, lookups: readonly string[], rewrites: readonly string[]): string {
  let out = "";
  let i = 0;
  while (i < source.length) {
    let best = -1;
    for (let k = 0; k < lookups.length; k++) {
      const l = lookups[k];
      if (l.length > 0 && source.startsWith(l, i) && (best < 0 || l.length > lookups[best].length)) best = k;
    }
    if (best < 0) {
      out += source[i++];
    } else {
      out += rewrites[best] ?? "";
      i += lookups[best].length;
    }
  }
  return out;
}

function indexOfRegex(
  source: string,
  pattern: string,
  start: number,
  length: number,
  occurrence: number,
): number | null {
  const regex = cachedRegex(pattern, "g");
  if (regex === null) return null;
  const from = start < 0 ? Math.max(0, source.length + start) : start;
  if (from > source.length) return -1;
  const end = length < 0 ? source.length : Math.min(source.length, from + length);
  regex.lastIndex = from;
  let seen = 0;
  for (let m = regex.exec(source); m !== null; m = regex.exec(source)) {
    if (m.index + m[0].length > end) return -1;
    if (++seen === occurrence) return m.index;
    if (m[0].length === 0) regex.lastIndex++;
  }
  return -1;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/** String functions (the encoding and parsing ones live in string_parse_functions.ts). */
export const STRING_FUNCTIONS: ScalarFunctionTable = {
  tolower: define([1, 1], "string", ([s], c) => textOf(s, c.argTypes[0]).toLowerCase(), { strict: false }),
  toupper: define([1, 1], "string", ([s], c) => textOf(s, c.argTypes[0]).toUpperCase(), { strict: false }),
  strcat: define([0, 64], "string", (args, c) => args.map((a, i) => textOf(a, c.argTypes[i])).join(""), {
    strict: false,
  }),
  strcat_delim: define(
    [1, 65],
    "string",
    (args, c) =>
      args.slice(1).map((a, i) => textOf(a, c.argTypes[i + 1])).join(textOf(args[0], c.argTypes[0])),
    { strict: false },
  ),
  strlen: define([1, 1], "long", ([s], c) => codePoints(textOf(s, c.argTypes[0])).length, { strict: false }),
  string_size: define([1, 1], "long", ([s], c) => new TextEncoder().encode(textOf(s, c.argTypes[0])).length, {
    strict: false,
  }),
  substring: define(
    [2, 3],
    "string",
    ([s, start, length], c) =>
      typeof start !== "number" || (length !== undefined && length !== null && typeof length !== "number")
        ? ""
        : substring(textOf(s, c.argTypes[0]), start, (length ?? undefined) as number | undefined),
    { strict: false },
  ),
  split: define(
    [2, 3],
    "dynamic",
    ([s, d, i], c) => split(textOf(s, c.argTypes[0]), textOf(d, "string"), i),
    {
      strict: false,
    },
  ),
  replace_string: define(
    [3, 3],
    "string",
    ([s, lookup, rewrite], c) => {
      const needle = textOf(lookup, "string");
      const source = textOf(s, c.argTypes[0]);
      return needle.length === 0 ? source : source.split(needle).join(textOf(rewrite, "string"));
    },
    { strict: false },
  ),
  replace_regex: define(
    [3, 3],
    "string",
    ([s, re, rewrite], c) =>
      replaceRegex(textOf(s, c.argTypes[0]), textOf(re, "string"), textOf(rewrite, "string")),
    { strict: false },
  ),
  // The deprecated `replace(regex, rewrite, text)` takes its arguments in another order.
  replace: define(
    [3, 3],
    "string",
    ([re, rewrite, s], c) =>
      replaceRegex(textOf(s, c.argTypes[2]), textOf(re, "string"), textOf(rewrite, "string")),
    { strict: false },
  ),
  trim: define(
    [2, 2],
    "string",
    ([re, s], c) => trimRegex(textOf(re, "string"), textOf(s, c.argTypes[1]), true, true),
    {
      strict: false,
    },
  ),
  trim_start: define(
    [2, 2],
    "string",
    ([re, s], c) => trimRegex(textOf(re, "string"), textOf(s, c.argTypes[1]), true, false),
    { strict: false },
  ),
  trim_end: define(
    [2, 2],
    "string",
    ([re, s], c) => trimRegex(textOf(re, "string"), textOf(s, c.argTypes[1]), false, true),
    { strict: false },
  ),
  extract: define(
    [3, 4],
    (types) => types.length === 4 ? "dynamic" : "string",
    ([re, group, s, type], c) =>
      typeof group !== "number"
        ? null
        : extract(textOf(re, "string"), Math.trunc(group), textOf(s, c.argTypes[2]), type ?? null),
    { strict: false },
  ),
  extract_all: define(
    [2, 3],
    "dynamic",
    (args, c) => {
      if (args.length === 2) {
        return extractAll(textOf(args[0], "string"), null, textOf(args[1], c.argTypes[1]));
      }
      const groups = args[1];
      if (!Array.isArray(groups)) return null;
      return extractAll(textOf(args[0], "string"), groups, textOf(args[2], c.argTypes[2]));
    },
    { strict: false },
  ),
  indexof: define([2, 5], "long", ([s, lookup, start, length, occurrence], c) => {
    const at = typeof start === "number" ? Math.trunc(start) : 0;
    const len = typeof length === "number" ? Math.trunc(length) : -1;
    const occ = typeof occurrence === "number" ? Math.trunc(occurrence) : 1;
    if (occ < 1) return null;
    return indexOf(textOf(s, c.argTypes[0]), textOf(lookup, c.argTypes[1]), at, len, occ);
  }),
  countof: define(
    [2, 3],
    "long",
    ([s, search, kind], c) =>
      countOf(textOf(s, c.argTypes[0]), textOf(search, "string"), typeof kind === "string" ? kind : "normal"),
    { strict: false },
  ),
  reverse: define([1, 1], "string", ([s], c) => codePoints(textOf(s, c.argTypes[0])).reverse().join(""), {
    strict: false,
  }),
  has_any_index: define([2, 2], "long", ([s, values], c) => {
    if (!Array.isArray(values)) return null;
    const source = textOf(s, c.argTypes[0]);
    return values.findIndex((v) => has(source, typeof v === "string" ? v : toKqlString(v)));
  }, { strict: false }),
  strrep: define([2, 3], "string", ([value, times, delimiter], c) => {
    if (typeof times !== "number") return null;
    const n = Math.min(MAX_REPEAT, Math.trunc(times));
    if (!(n > 0)) return "";
    return Array(n).fill(textOf(value, c.argTypes[0])).join(textOf(delimiter ?? "", "string"));
  }, { strict: false }),
  translate: define(
    [3, 3],
    "string",
    ([searchList, replacementList, source], c) =>
      translate(
        textOf(searchList, "string"),
        textOf(replacementList, "string"),
        textOf(source, c.argTypes[2]),
      ),
    { strict: false },
  ),
  replace_strings: define([3, 3], "string", ([s, lookups, rewrites], c) => {
    if (!Array.isArray(lookups) || !Array.isArray(rewrites)) return null;
    return replaceStrings(
      textOf(s, c.argTypes[0]),
      lookups.map((l) => textOf(l, "string")),
      rewrites.map((r) => textOf(r, "string")),
    );
  }, { strict: false }),
  indexof_regex: define([2, 5], "long", ([s, re, start, length, occurrence], c) => {
    const occ = typeof occurrence === "number" ? Math.trunc(occurrence) : 1;
    if (occ < 1) return null;
    return indexOfRegex(
      textOf(s, c.argTypes[0]),
      textOf(re, "string"),
      typeof start === "number" ? Math.trunc(start) : 0,
      typeof length === "number" ? Math.trunc(length) : -1,
      occ,
    );
  }),
  isascii: define([1, 1], "bool", ([s], c) => isAscii(textOf(s, c.argTypes[0])), { strict: false }),
};
