import type { Value } from "./value.ts";

/**
 * KQL `==`: null when either side is null (so `where a == b` drops the row), numbers compare by value across
 * `long` and `real` (`1 == 1.0`), strings case-sensitively, dynamic arrays and bags by deep equality.
 *
 * @param a Left operand.
 * @param b Right operand.
 * @returns Whether they are equal, or `null`.
 * @example
 * ```ts
 * kqlEquals(1, 1.0); // true
 * kqlEquals(null, null); // null
 * ```
 */
export function kqlEquals(a: Value, b: Value): boolean | null {
  if (a === null || b === null) return null;
  if (typeof a !== "object") return a === b;
  return sameValue(a, b);
}

/**
 * KQL `=~`: case-insensitive string equality (invariant lower-casing); other values compare as with `==`.
 *
 * @param a Left operand.
 * @param b Right operand.
 * @returns Whether they are equal ignoring case, or `null` when either is null.
 * @example
 * ```ts
 * equalsIgnoreCase("ABC", "abc"); // true
 * ```
 */
export function equalsIgnoreCase(a: Value, b: Value): boolean | null {
  if (a === null || b === null) return null;
  if (typeof a === "string" && typeof b === "string") {
    return a === b || (a.length === b.length && a.toLowerCase() === b.toLowerCase());
  }
  return sameValue(a, b);
}

/**
 * Equality used for grouping, `distinct`, `dcount` and set functions: like `==` but `null` equals `null` and NaN
 * equals NaN, so every value belongs to exactly one group.
 *
 * @param a First value.
 * @param b Second value.
 * @returns Whether both are the same value.
 * @example
 * ```ts
 * sameValue(null, null); // true
 * sameValue([1, { a: 2 }], [1, { a: 2 }]); // true
 * ```
 */
export function sameValue(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (typeof a === "number" && typeof b === "number") return a !== a && b !== b;
  if (typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const bag = b as { readonly [key: string]: Value };
  if (ka.length !== Object.keys(bag).length) return false;
  for (const key of ka) {
    if (!(key in bag) || !sameValue((a as { readonly [key: string]: Value })[key], bag[key])) return false;
  }
  return true;
}

/**
 * A string that identifies a value for hashing (group keys, sets, distinct counts): equal for values that
 * {@link sameValue} calls equal, and different across kinds (`1` and `"1"` differ). Bag keys are sorted so that
 * key order does not matter.
 *
 * @param value The value.
 * @returns Its key.
 * @example
 * ```ts
 * valueKey(1) === valueKey(1.0); // true
 * valueKey(1) === valueKey("1"); // false
 * ```
 */
export function valueKey(value: Value): string {
  switch (typeof value) {
    case "string":
      return "s" + value;
    case "number":
      return "n" + value;
    case "boolean":
      return value ? "t" : "f";
    default:
      return value === null ? "z" : "j" + canonicalJson(value);
  }
}

function canonicalJson(value: Value): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return "[" + value.map(canonicalJson).join(",") + "]";
  const bag = value as { readonly [key: string]: Value };
  const keys = Object.keys(bag).sort();
  return "{" + keys.map((k) => JSON.stringify(k) + ":" + canonicalJson(bag[k])).join(",") + "}";
}
