/**
 * Workbook parameters into a tile's query: each `{Name}` outside string literals and comments becomes a KQL
 * literal of the parameter's type, built from the value (never the raw text pasted in), so no value can change
 * the shape of the query. Pure and total: bad values come back as messages, not exceptions.
 */
import type { ParameterType, TimeRangeKey } from "../api/workbook_types.ts";

/** A parameter's current value, as typed in the workbook's inputs. */
export interface ParameterValue {
  readonly type: ParameterType;
  readonly value: string;
}

/** The literal for a value, or why there is none. */
export type LiteralResult = { readonly ok: true; readonly text: string } | {
  readonly ok: false;
  readonly message: string;
};

const TIMESPAN = /^(\d+(?:\.\d+)?)(d|h|m|s|ms|microsecond|tick)$/;

/**
 * The KQL literal of a typed value.
 *
 * @param type the parameter's type
 * @param value the value as text
 * @returns the literal text, or a message naming the bad value
 * @example
 * ```ts
 * kqlLiteral("string", 'say "hi"'); // { ok: true, text: '"say \\"hi\\""' }
 * ```
 */
export function kqlLiteral(type: ParameterType, value: string): LiteralResult {
  const v = value.trim();
  switch (type) {
    case "string":
      return { ok: true, text: stringLiteral(value) };
    case "long":
      return /^-?\d{1,18}$/.test(v)
        ? { ok: true, text: `long(${BigInt(v)})` }
        : { ok: false, message: `'${value}' is not a whole number` };
    case "real": {
      const n = Number(v);
      return v !== "" && Number.isFinite(n)
        ? { ok: true, text: `real(${n})` }
        : { ok: false, message: `'${value}' is not a number` };
    }
    case "bool":
      return /^(true|false)$/i.test(v)
        ? { ok: true, text: v.toLowerCase() }
        : { ok: false, message: `'${value}' is not true or false` };
    case "datetime": {
      const t = Date.parse(v);
      return Number.isNaN(t)
        ? { ok: false, message: `'${value}' is not a date and time` }
        : { ok: true, text: `datetime(${new Date(t).toISOString()})` };
    }
    case "timespan":
      return TIMESPAN.test(v)
        ? { ok: true, text: `timespan(${v})` }
        : { ok: false, message: `'${value}' is not a timespan such as '5m', '1h' or '7d'` };
  }
}

/** A double-quoted KQL string: backslash, quote and every control character escaped. */
function stringLiteral(value: string): string {
  const escaped = value.replace(/[\\"]/g, (c) => `\\${c}`).replace(
    // deno-lint-ignore no-control-regex -- control characters are exactly what must be escaped
    /[\u0000-\u001f\u007f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return `"${escaped}"`;
}

/** The time range's own literal and a bin size that gives a readable number of points. */
const RANGES: Record<TimeRangeKey, { span: string; grain: string }> = {
  PT15M: { span: "15m", grain: "1m" },
  PT1H: { span: "1h", grain: "2m" },
  PT4H: { span: "4h", grain: "10m" },
  PT12H: { span: "12h", grain: "30m" },
  P1D: { span: "1d", grain: "1h" },
  P2D: { span: "2d", grain: "2h" },
  P7D: { span: "7d", grain: "6h" },
};

/**
 * The built-in parameters of a time range: `{TimeRange}` and `{TimeGrain}`.
 *
 * @param range the picker's range
 * @returns their values
 */
export function timeParameters(range: TimeRangeKey): Record<string, ParameterValue> {
  const r = RANGES[range] ?? RANGES.P1D;
  return {
    TimeRange: { type: "timespan", value: r.span },
    TimeGrain: { type: "timespan", value: r.grain },
  };
}

/**
 * Replace `{Name}` placeholders with literals.
 *
 * @param query the tile's query
 * @param values the parameters' values by name
 * @returns the query to run and any problems (a query with problems should not run)
 * @example
 * ```ts
 * substituteParameters("T | where User == {User}", { User: { type: "string", value: 'x" or 1==1' } });
 * // { query: 'T | where User == "x\\" or 1==1"', errors: [] }
 * ```
 */
export function substituteParameters(
  query: string,
  values: Readonly<Record<string, ParameterValue>>,
): { query: string; errors: string[] } {
  const errors: string[] = [];
  let out = "";
  let i = 0;
  while (i < query.length) {
    const skip = literalOrCommentEnd(query, i);
    if (skip > i) {
      out += query.slice(i, skip);
      i = skip;
      continue;
    }
    const m = query[i] === "{" ? /^\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(query.slice(i, i + 70)) : null;
    if (!m) {
      out += query[i++];
      continue;
    }
    const value = Object.hasOwn(values, m[1]) ? values[m[1]] : undefined;
    if (!value) {
      errors.push(`Unknown parameter '{${m[1]}}'`);
      out += m[0];
    } else {
      const literal = kqlLiteral(value.type, value.value);
      if (literal.ok) out += literal.text;
      else {
        errors.push(`Parameter '${m[1]}': ${literal.message}`);
        out += m[0];
      }
    }
    i += m[0].length;
  }
  return { query: out, errors };
}

/** Where a string literal or comment starting at `i` ends (`i` itself when none starts there). */
function literalOrCommentEnd(text: string, i: number): number {
  const c = text[i];
  if (c === "/" && text[i + 1] === "/") {
    const nl = text.indexOf("\n", i);
    return nl < 0 ? text.length : nl;
  }
  if (text.startsWith("```", i)) {
    const close = text.indexOf("```", i + 3);
    return close < 0 ? text.length : close + 3;
  }
  if ((c === "@" || c === "h" || c === "H") && (text[i + 1] === '"' || text[i + 1] === "'")) {
    // Identifiers ending in h/H are not literals: only a standalone prefix counts.
    if (c !== "@" && i > 0 && /[A-Za-z0-9_]/.test(text[i - 1])) return i;
    return c === "@" ? verbatimEnd(text, i + 1) : quotedEnd(text, i + 1);
  }
  if (c === "@" && (text[i + 1] === "h" || text[i + 1] === "H") && /["']/.test(text[i + 2] ?? "")) {
    return verbatimEnd(text, i + 2);
  }
  if (c === '"' || c === "'") return quotedEnd(text, i);
  return i;
}

function quotedEnd(text: string, start: number): number {
  const quote = text[start];
  for (let k = start + 1; k < text.length; k++) {
    if (text[k] === "\\") k++;
    else if (text[k] === quote || text[k] === "\n") return k + 1;
  }
  return text.length;
}

function verbatimEnd(text: string, start: number): number {
  const quote = text[start];
  for (let k = start + 1; k < text.length; k++) {
    if (text[k] !== quote) continue;
    if (text[k + 1] === quote) k++;
    else return k + 1;
  }
  return text.length;
}
