/**
 * Values of `declare query_parameters(...)` given with the request (Kusto REST `properties.Parameters`, the Log
 * Analytics API): clients send each value as text in KQL literal syntax (`datetime(2024-01-01)`, `long(5)`,
 * `'abc'`, `5`), or as a JSON value; both engines convert them with the declared type here.
 */
import type { ScalarType } from "../symbols/types.ts";
import { parseDatetime, parseTimespan, toDynamic, type Value } from "../values/mod.ts";

const WRAPPED = /^\s*([a-z]+)\s*\(([\s\S]*)\)\s*$/i;

function unquote(text: string): string {
  const t = text.trim();
  if (t.length >= 2 && (t[0] === "'" || t[0] === '"') && t[t.length - 1] === t[0]) {
    return t.slice(1, -1).replace(/\\(.)/g, "$1");
  }
  return text;
}

/**
 * Convert one request value to the declared type.
 *
 * @param raw the value as received (text in KQL literal syntax, or a JSON value)
 * @param type the declared type
 * @returns the value, or undefined when it is not a valid value of that type
 * @example
 * ```ts
 * import { queryParameterValue } from "./query_parameters.ts";
 * queryParameterValue("datetime(2024-01-01)", "datetime"); // 1704067200000000
 * queryParameterValue("5", "long"); // 5
 * ```
 */
export function queryParameterValue(raw: unknown, type: ScalarType): Value | undefined {
  if (raw === null) return null;
  if (typeof raw !== "string") {
    if (type === "dynamic") return raw as Value;
    if (typeof raw === "number" && ["int", "long", "real", "decimal"].includes(type)) return raw;
    if (typeof raw === "boolean" && type === "bool") return raw;
    return undefined;
  }
  if (type === "string" || type === "guid") return unquote(raw);
  let text = raw.trim();
  const wrapped = WRAPPED.exec(text);
  if (wrapped !== null && type !== "dynamic") {
    if (wrapped[2].trim().toLowerCase() === "null") return null;
    text = unquote(wrapped[2].trim()).trim();
  }
  switch (type) {
    case "bool":
      return /^(true|1)$/i.test(text) ? true : /^(false|0)$/i.test(text) ? false : undefined;
    case "int":
    case "long": {
      const n = Number(text);
      return text !== "" && Number.isSafeInteger(n) ? n : undefined;
    }
    case "real":
    case "decimal": {
      const n = Number(text);
      return text !== "" && !Number.isNaN(n) ? n : undefined;
    }
    case "datetime":
      return parseDatetime(text) ?? undefined;
    case "timespan":
      return parseTimespan(text) ?? undefined;
    case "dynamic": {
      const inner = wrapped !== null && wrapped[1].toLowerCase() === "dynamic" ? wrapped[2] : text;
      try {
        return toDynamic(JSON.parse(inner) as Value);
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
