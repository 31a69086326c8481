import { toKqlString } from "../values/to_string.ts";
import { getIndex } from "../values/dynamic_access.ts";
import type { Value } from "../values/value.ts";
import { define, type ScalarFunctionTable, textOf } from "./scalar_function.ts";
import { convertTo } from "./string_functions.ts";

/**
 * Reads the JSONPath subset Kusto's `extract_json` supports: `$` followed by `.name`, `['name']`, `["name"]` and
 * `[index]` steps. Returns the steps, or null when the path is malformed.
 */
export function parseJsonPath(path: string): (string | number)[] | null {
  const trimmed = path.trim();
  if (!trimmed.startsWith("$")) return null;
  const steps: (string | number)[] = [];
  const pattern = /\.([^.[\]]+)|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\]|\[(-?\d+)\]/y;
  let at = 1;
  while (at < trimmed.length) {
    pattern.lastIndex = at;
    const m = pattern.exec(trimmed);
    if (m === null) return null;
    steps.push(m[4] !== undefined ? Number(m[4]) : m[1] ?? m[2] ?? m[3]);
    at = pattern.lastIndex;
  }
  return steps;
}

function extractJson(path: string, source: string, typeName: Value): Value {
  const steps = parseJsonPath(path);
  if (steps === null) return null;
  let current: Value;
  try {
    current = JSON.parse(source) as Value;
  } catch {
    return typeName === null || typeName === "string" ? "" : null;
  }
  for (const step of steps) {
    if (current === null) break;
    current = getIndex(current, step);
  }
  if (current === null) return typeName === null || typeName === "string" ? "" : null;
  const text = typeof current === "string" ? current : toKqlString(current);
  if (typeName === "dynamic") return current;
  return typeName === null ? text : convertTo(text, typeName);
}

/** `extract_json(path, json [, type])` and its older spelling `extractjson`. */
export const JSON_PATH_FUNCTIONS: ScalarFunctionTable = {
  extract_json: define(
    [2, 3],
    (types) => types.length === 3 ? "dynamic" : "string",
    ([path, json, type], c) => extractJson(textOf(path, "string"), textOf(json, c.argTypes[1]), type ?? null),
    { strict: false },
  ),
  extractjson: define(
    [2, 3],
    (types) => types.length === 3 ? "dynamic" : "string",
    ([path, json, type], c) => extractJson(textOf(path, "string"), textOf(json, c.argTypes[1]), type ?? null),
    { strict: false },
  ),
};
