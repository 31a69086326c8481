import type { Value } from "./value.ts";

/**
 * `d.name` / `d["name"]` on a dynamic value: the property of a bag, or null when the value is not a bag or has
 * no such property (Kusto never fails on a missing path).
 *
 * @param value The dynamic value.
 * @param name The property name.
 * @returns The property value or null.
 * @example
 * ```ts
 * getProperty({ a: { b: 1 } }, "a"); // { b: 1 }
 * getProperty([1], "a"); // null
 * ```
 */
export function getProperty(value: Value, name: string): Value {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const bag = value as { readonly [key: string]: Value };
  return Object.hasOwn(bag, name) ? bag[name] : null;
}

/**
 * `d[i]` on a dynamic value: an array element (a negative index counts from the end, as in Kusto), a bag property
 * when the index is a string, otherwise null.
 *
 * @param value The dynamic value.
 * @param index A number (array index) or a string (property name).
 * @returns The element or null.
 * @example
 * ```ts
 * getIndex([1, 2, 3], -1); // 3
 * getIndex({ a: 1 }, "a"); // 1
 * ```
 */
export function getIndex(value: Value, index: Value): Value {
  if (typeof index === "string") return getProperty(value, index);
  if (typeof index !== "number" || !Array.isArray(value)) return null;
  const i = Math.trunc(index) < 0 ? value.length + Math.trunc(index) : Math.trunc(index);
  return i >= 0 && i < value.length ? value[i] : null;
}

/**
 * Follows a path of property names and indexes (`d.a[0].b`), null as soon as a step is missing.
 *
 * @param value The dynamic value.
 * @param path Property names (strings) and array indexes (numbers).
 * @returns The value at the path or null.
 * @example
 * ```ts
 * getPath({ a: [{ b: 5 }] }, ["a", 0, "b"]); // 5
 * ```
 */
export function getPath(value: Value, path: readonly (string | number)[]): Value {
  let current = value;
  for (const step of path) {
    if (current === null) return null;
    current = getIndex(current, step);
  }
  return current;
}
