/**
 * The run-time value of a KQL expression (see query/symbols/types.ts and docs/decisions/0001-value-model.md):
 * datetime and timespan are numbers of microseconds, dynamic is a JSON value, null is `null`.
 */
export type Value = null | boolean | number | string | readonly Value[] | { readonly [key: string]: Value };

/** A dynamic property bag (a JSON object). */
export type Bag = { readonly [key: string]: Value };

/** Microseconds in one millisecond. */
export const MICROS_PER_MILLI = 1_000;
/** Microseconds in one second. */
export const MICROS_PER_SECOND = 1_000_000;
/** Microseconds in one minute. */
export const MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
/** Microseconds in one hour. */
export const MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
/** Microseconds in one day. */
export const MICROS_PER_DAY = 24 * MICROS_PER_HOUR;

/** Whether a value is a property bag (an object that is not an array). */
export function isBag(value: Value | undefined): value is Bag {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Whether a value is a dynamic array. */
export function isArray(value: Value | undefined): value is readonly Value[] {
  return Array.isArray(value);
}
