import {
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  MIN_DATETIME,
  weekdayFromDays,
} from "../values/calendar.ts";
import { MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MINUTE, MICROS_PER_SECOND } from "../values/value.ts";

/** The calendar fields of a datetime (microseconds since the Unix epoch), in UTC. */
export interface DatetimeFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** Microseconds within the second. */
  readonly micros: number;
  /** Days since 1970-01-01. */
  readonly days: number;
}

/** Splits a datetime into its calendar fields. */
export function datetimeFields(value: number): DatetimeFields {
  const days = Math.floor(value / MICROS_PER_DAY);
  const { year, month, day } = civilFromDays(days);
  const inDay = value - days * MICROS_PER_DAY;
  const micros = inDay % MICROS_PER_SECOND;
  const seconds = (inDay - micros) / MICROS_PER_SECOND;
  return {
    year,
    month,
    day,
    hour: Math.floor(seconds / 3600),
    minute: Math.floor(seconds / 60) % 60,
    second: seconds % 60,
    micros,
    days,
  };
}

/** Builds a datetime from calendar fields (no validation). */
export function fromFields(year: number, month: number, day: number, timeOfDay = 0): number {
  return daysFromCivil(year, month, day) * MICROS_PER_DAY + timeOfDay;
}

/** Adds months the way .NET's `AddMonths` does: the day is clamped to the target month's length. */
export function addMonths(value: number, months: number): number {
  const f = datetimeFields(value);
  const total = f.year * 12 + (f.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const day = Math.min(f.day, daysInMonth(year, month));
  return fromFields(year, month, day, value - f.days * MICROS_PER_DAY);
}

/** Start of the week (Sunday 00:00) containing a datetime. */
export function startOfWeek(value: number): number {
  const days = Math.floor(value / MICROS_PER_DAY);
  return (days - weekdayFromDays(days)) * MICROS_PER_DAY;
}

/** ISO 8601 week number (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeekOfYear(value: number): number {
  const days = Math.floor(value / MICROS_PER_DAY);
  const isoWeekday = (weekdayFromDays(days) + 6) % 7; // Monday = 0
  const thursday = days - isoWeekday + 3;
  const { year } = civilFromDays(thursday);
  return Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1;
}

/** Day of the year, 1-based. */
export function dayOfYear(value: number): number {
  const f = datetimeFields(value);
  return f.days - daysFromCivil(f.year, 1, 1) + 1;
}

/**
 * Datetime bins are aligned on 0001-01-01 (Kusto counts ticks from there), not on the Unix epoch: the two differ
 * for bin sizes that do not divide a day evenly, e.g. `bin(t, 7d)` starts weeks on Mondays.
 */
export function binDatetime(value: number, size: number): number {
  return Math.floor((value - MIN_DATETIME) / size) * size + MIN_DATETIME;
}

/** Microseconds per unit of the fixed-length `datetime_add`/`datetime_diff` periods. */
export const FIXED_PERIODS: Readonly<Record<string, number>> = {
  week: 7 * MICROS_PER_DAY,
  day: MICROS_PER_DAY,
  hour: MICROS_PER_HOUR,
  minute: MICROS_PER_MINUTE,
  second: MICROS_PER_SECOND,
  millisecond: 1000,
  microsecond: 1,
  nanosecond: 0.001,
};
