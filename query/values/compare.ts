import type { ScalarType } from "../symbols/types.ts";
import type { Value } from "./value.ts";

/** Where nulls go in a sort. */
export type NullsOrder = "first" | "last";

const KIND_RANK = { boolean: 0, number: 1, string: 2, array: 3, object: 4 } as const;

function kindRank(value: Exclude<Value, null>): number {
  if (typeof value === "object") return Array.isArray(value) ? KIND_RANK.array : KIND_RANK.object;
  return KIND_RANK[typeof value as "boolean" | "number" | "string"];
}

/**
 * Orders two non-null values the way KQL's `sort` and `min`/`max` do: numbers numerically (`int`, `long`, `real`,
 * datetime and timespan are all numbers, so `1 < 1.5` holds across long and real), strings by ordinal (UTF-16
 * code unit) order, `false < true`. NaN sorts before every other number so that sorting stays total. Values of
 * different kinds (only possible inside `dynamic`) order by kind: bool, number, string, array, bag; arrays and bags
 * of the same kind by their JSON text.
 *
 * @param a First value (not null).
 * @param b Second value (not null).
 * @returns A negative number, zero or a positive number.
 * @example
 * ```ts
 * compareValues(1, 1.5); // < 0
 * compareValues("B", "a"); // < 0 (ordinal)
 * ```
 */
export function compareValues(a: Exclude<Value, null>, b: Exclude<Value, null>): number {
  if (typeof a === "number" && typeof b === "number") {
    if (a < b) return -1;
    if (a > b) return 1;
    if (a === b) return 0;
    const aNaN = a !== a;
    const bNaN = b !== b;
    return aNaN === bNaN ? 0 : aNaN ? -1 : 1;
  }
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "boolean" && typeof b === "boolean") return a === b ? 0 : a ? 1 : -1;
  const ka = kindRank(a);
  const kb = kindRank(b);
  if (ka !== kb) return ka - kb;
  const ja = JSON.stringify(a);
  const jb = JSON.stringify(b);
  return ja < jb ? -1 : ja > jb ? 1 : 0;
}

/** Options of {@link sortComparator}. */
export interface SortOptions {
  /** Sort descending (KQL's `sort by` default is `desc`). */
  readonly descending: boolean;
  /** Where nulls go; by default first when ascending and last when descending, as in Kusto. */
  readonly nulls?: NullsOrder;
}

/**
 * A comparator for KQL `sort by`/`top`/`order by` on one key, with Kusto's null placement.
 *
 * @param options Direction and null placement.
 * @returns A comparator for `Array.prototype.sort`.
 * @example
 * ```ts
 * [3, null, 1].sort(sortComparator({ descending: false })); // [null, 1, 3]
 * ```
 */
export function sortComparator(options: SortOptions): (a: Value, b: Value) => number {
  const sign = options.descending ? -1 : 1;
  const nullsFirst = (options.nulls ?? (options.descending ? "last" : "first")) === "first";
  return (a, b) => {
    if (a === null || b === null) {
      if (a === b) return 0;
      return (a === null) === nullsFirst ? -1 : 1;
    }
    return sign * compareValues(a, b);
  };
}

const NUMERIC_RANK: Partial<Record<ScalarType, number>> = { int: 0, long: 1, decimal: 2, real: 3 };

/**
 * The type two operands promote to in arithmetic and comparison: `int` and `long` give `long`, anything with
 * `real` gives `real`, `decimal` with an integer gives `decimal`; equal types stay as they are.
 *
 * @param a Left operand type.
 * @param b Right operand type.
 * @returns The common type, or `undefined` when the two types do not mix.
 * @example
 * ```ts
 * promoteTypes("long", "real"); // "real"
 * ```
 */
export function promoteTypes(a: ScalarType, b: ScalarType): ScalarType | undefined {
  if (a === b) return a;
  const ra = NUMERIC_RANK[a];
  const rb = NUMERIC_RANK[b];
  if (ra !== undefined && rb !== undefined) {
    const top = Math.max(ra, rb, 1);
    return top === 1 ? "long" : top === 2 ? "decimal" : "real";
  }
  if (a === "dynamic" || b === "dynamic") return "dynamic";
  return undefined;
}
