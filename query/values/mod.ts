/**
 * The KQL run-time value model shared by the streaming evaluator, the DuckDB back end and the function library:
 * parsing and formatting of datetimes and timespans, Kusto's `tostring`, conversions, equality, ordering, type
 * promotion and binary arithmetic, dynamic access, and decoding of JSON event rows into values once per row.
 *
 * Datetimes and timespans are numbers of microseconds (see docs/decisions/0001-value-model.md).
 *
 * @example
 * ```ts
 * import { formatDatetime, parseDatetime, toKqlString } from "./mod.ts";
 *
 * const t = parseDatetime("Sat, 8 Nov 2014 15:05:02 GMT")!;
 * formatDatetime(t); // "2014-11-08T15:05:02Z"
 * toKqlString(90_000_000, "timespan"); // "00:01:30"
 * ```
 *
 * @module
 */
export type { Bag, Value } from "./value.ts";
export {
  isArray,
  isBag,
  MICROS_PER_DAY,
  MICROS_PER_HOUR,
  MICROS_PER_MILLI,
  MICROS_PER_MINUTE,
  MICROS_PER_SECOND,
} from "./value.ts";
export type { CivilDate } from "./calendar.ts";
export {
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  isLeapYear,
  MAX_DATETIME,
  MIN_DATETIME,
  weekdayFromDays,
} from "./calendar.ts";
export { parseDatetime } from "./datetime_parse.ts";
export { formatDatetime } from "./datetime_format.ts";
export { formatTimespan, parseTimespan, TIMESPAN_UNITS } from "./timespan.ts";
export type { NullsOrder, SortOptions } from "./compare.ts";
export { compareValues, promoteTypes, sortComparator } from "./compare.ts";
export { equalsIgnoreCase, kqlEquals, sameValue, valueKey } from "./equality.ts";
export { formatReal, toKqlString } from "./to_string.ts";
export { toBool, toDatetime, toDynamic, toGuid, toInt, toLong, toReal, toTimespan } from "./convert.ts";
export { getIndex, getPath, getProperty } from "./dynamic_access.ts";
export type { BinaryOperator } from "./arithmetic.ts";
export { binaryOperation, binaryResultType } from "./arithmetic.ts";
export type { ValueDecoder } from "./decode.ts";
export { decodeValue, rowDecoder, valueDecoder } from "./decode.ts";
