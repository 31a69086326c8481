import {
  daysFromCivil,
  daysInMonth,
  MAX_DATETIME,
  MIN_DATETIME,
  weekdayFromDays,
} from "../values/calendar.ts";
import {
  MICROS_PER_DAY,
  MICROS_PER_HOUR,
  MICROS_PER_MILLI,
  MICROS_PER_MINUTE,
  MICROS_PER_SECOND,
} from "../values/value.ts";
import type { Value } from "../values/value.ts";
import { formatDatetimeWith, formatTimespanWith } from "./datetime_format_functions.ts";
import {
  addMonths,
  binDatetime,
  datetimeFields,
  dayOfYear,
  FIXED_PERIODS,
  fromFields,
  isoWeekOfYear,
  startOfWeek,
} from "./datetime_parts.ts";
import { define, SAME_AS_FIRST, type ScalarFunctionTable } from "./scalar_function.ts";

function inRange(value: number): number | null {
  return Number.isFinite(value) && value >= MIN_DATETIME && value <= MAX_DATETIME ? Math.round(value) : null;
}

function num(value: Value): number | null {
  return typeof value === "number" ? value : null;
}

function datetimeAdd(period: string, amount: number, value: number): number | null {
  const n = Math.trunc(amount);
  switch (period) {
    case "year":
      return inRange(addMonths(value, 12 * n));
    case "quarter":
      return inRange(addMonths(value, 3 * n));
    case "month":
      return inRange(addMonths(value, n));
    default: {
      const unit = FIXED_PERIODS[period];
      return unit === undefined ? null : inRange(value + n * unit);
    }
  }
}

function datetimeDiff(period: string, a: number, b: number): number | null {
  const fa = datetimeFields(a);
  const fb = datetimeFields(b);
  switch (period) {
    case "year":
      return fa.year - fb.year;
    case "quarter":
      return fa.year * 4 + Math.floor((fa.month - 1) / 3) - (fb.year * 4 + Math.floor((fb.month - 1) / 3));
    case "month":
      return fa.year * 12 + fa.month - (fb.year * 12 + fb.month);
    case "week":
      return Math.round((startOfWeek(a) - startOfWeek(b)) / FIXED_PERIODS.week);
    case "nanosecond":
      return (a - b) * 1000;
    default: {
      const unit = FIXED_PERIODS[period];
      return unit === undefined ? null : Math.floor(a / unit) - Math.floor(b / unit);
    }
  }
}

function datetimePart(part: string, value: number): number | null {
  const f = datetimeFields(value);
  switch (part) {
    case "year":
      return f.year;
    case "quarter":
      return Math.floor((f.month - 1) / 3) + 1;
    case "month":
      return f.month;
    case "week_of_year":
    case "weekofyear":
    case "week":
      return isoWeekOfYear(value);
    case "day":
      return f.day;
    case "dayofyear":
      return dayOfYear(value);
    case "hour":
      return f.hour;
    case "minute":
      return f.minute;
    case "second":
      return f.second;
    case "millisecond":
      return Math.floor(f.micros / MICROS_PER_MILLI);
    case "microsecond":
      return f.micros;
    case "nanosecond":
      return f.micros * 1000;
    default:
      return null;
  }
}

function startOf(unit: "day" | "week" | "month" | "year", value: number, offset: number): number | null {
  const n = Math.trunc(offset);
  switch (unit) {
    case "day":
      return inRange((Math.floor(value / MICROS_PER_DAY) + n) * MICROS_PER_DAY);
    case "week":
      return inRange(startOfWeek(value) + n * 7 * MICROS_PER_DAY);
    case "month": {
      const f = datetimeFields(value);
      return inRange(addMonths(fromFields(f.year, f.month, 1), n));
    }
    case "year": {
      const f = datetimeFields(value);
      return f.year + n < 1 || f.year + n > 9999 ? null : fromFields(f.year + n, 1, 1);
    }
  }
}

/** `endof*`: one microsecond (the value model's resolution) before the start of the next period. */
function endOf(unit: "day" | "week" | "month" | "year", value: number, offset: number): number | null {
  const next = startOf(unit, value, offset + 1);
  return next === null ? (startOf(unit, value, offset) === null ? null : MAX_DATETIME) : next - 1;
}

function bin(value: number, size: number, isDatetime: boolean): number | null {
  if (!(size > 0)) return null;
  return isDatetime ? binDatetime(value, size) : Math.floor(value / size) * size;
}

/** Seconds to microseconds, dropping a 7th fraction digit (as ADR 0001 says) without binary-fraction slips. */
function secondsToMicros(seconds: number): number {
  return Math.floor(Math.round(seconds * 1e7) / 10);
}

function makeDatetime(args: readonly Value[]): number | null {
  const [year, month, day, hour = 0, minute = 0, second = 0] = args.map(num);
  if (
    year === null || month === null || day === null || hour === null || minute === null || second === null
  ) {
    return null;
  }
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return null;
  }
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second >= 60) return null;
  return daysFromCivil(year, month, day) * MICROS_PER_DAY + Math.trunc(hour) * MICROS_PER_HOUR +
    Math.trunc(minute) * MICROS_PER_MINUTE + secondsToMicros(second);
}

function makeTimespan(args: readonly Value[]): number | null {
  const values = args.map(num);
  if (values.some((v) => v === null)) return null;
  const [d, h, m, s] = values.length === 4
    ? values as number[]
    : values.length === 3
    ? [0, ...values as number[]]
    : [0, ...values as number[], 0];
  return Math.round(d * MICROS_PER_DAY + h * MICROS_PER_HOUR + m * MICROS_PER_MINUTE + s * MICROS_PER_SECOND);
}

const lowerPart = (value: Value): string => typeof value === "string" ? value.toLowerCase() : "";

/** Datetime and timespan functions. `now` and `ago` read the query's `now` from the call context. */
export const DATETIME_FUNCTIONS: ScalarFunctionTable = {
  now: define([0, 1], "datetime", ([offset], c) => c.now + (typeof offset === "number" ? offset : 0)),
  ago: define([1, 1], "datetime", ([span], c) => c.now - (span as number)),
  datetime_add: define(
    [3, 3],
    "datetime",
    ([p, amount, dt]) => datetimeAdd(lowerPart(p), amount as number, dt as number),
  ),
  datetime_diff: define([3, 3], "long", ([p, a, b]) => datetimeDiff(lowerPart(p), a as number, b as number)),
  datetime_part: define([2, 2], "int", ([p, dt]) => datetimePart(lowerPart(p), dt as number)),
  bin: define(
    [2, 2],
    SAME_AS_FIRST,
    ([v, size], c) =>
      typeof v !== "number" || typeof size !== "number" ? null : bin(v, size, c.argTypes[0] === "datetime"),
  ),
  floor: define(
    [2, 2],
    SAME_AS_FIRST,
    ([v, size], c) =>
      typeof v !== "number" || typeof size !== "number" ? null : bin(v, size, c.argTypes[0] === "datetime"),
  ),
  bin_at: define([3, 3], SAME_AS_FIRST, ([v, size, fixed]) => {
    if (typeof v !== "number" || typeof size !== "number" || typeof fixed !== "number" || !(size > 0)) {
      return null;
    }
    return Math.floor((v - fixed) / size) * size + fixed;
  }),
  startofday: define([1, 2], "datetime", ([dt, o]) => startOf("day", dt as number, num(o ?? 0) ?? 0)),
  startofweek: define([1, 2], "datetime", ([dt, o]) => startOf("week", dt as number, num(o ?? 0) ?? 0)),
  startofmonth: define([1, 2], "datetime", ([dt, o]) => startOf("month", dt as number, num(o ?? 0) ?? 0)),
  startofyear: define([1, 2], "datetime", ([dt, o]) => startOf("year", dt as number, num(o ?? 0) ?? 0)),
  endofday: define([1, 2], "datetime", ([dt, o]) => endOf("day", dt as number, num(o ?? 0) ?? 0)),
  endofweek: define([1, 2], "datetime", ([dt, o]) => endOf("week", dt as number, num(o ?? 0) ?? 0)),
  endofmonth: define([1, 2], "datetime", ([dt, o]) => endOf("month", dt as number, num(o ?? 0) ?? 0)),
  endofyear: define([1, 2], "datetime", ([dt, o]) => endOf("year", dt as number, num(o ?? 0) ?? 0)),
  dayofweek: define(
    [1, 1],
    "timespan",
    ([dt]) => weekdayFromDays(Math.floor((dt as number) / MICROS_PER_DAY)) * MICROS_PER_DAY,
  ),
  dayofmonth: define([1, 1], "int", ([dt]) => datetimeFields(dt as number).day),
  dayofyear: define([1, 1], "int", ([dt]) => dayOfYear(dt as number)),
  hourofday: define([1, 1], "int", ([dt]) => datetimeFields(dt as number).hour),
  getyear: define([1, 1], "int", ([dt]) => datetimeFields(dt as number).year),
  getmonth: define([1, 1], "int", ([dt]) => datetimeFields(dt as number).month),
  monthofyear: define([1, 1], "int", ([dt]) => datetimeFields(dt as number).month),
  weekofyear: define([1, 1], "int", ([dt]) => isoWeekOfYear(dt as number)),
  week_of_year: define([1, 1], "int", ([dt]) => isoWeekOfYear(dt as number)),
  unixtime_seconds_todatetime: define(
    [1, 1],
    "datetime",
    ([n]) => inRange((n as number) * MICROS_PER_SECOND),
  ),
  unixtime_milliseconds_todatetime: define(
    [1, 1],
    "datetime",
    ([n]) => inRange((n as number) * MICROS_PER_MILLI),
  ),
  unixtime_microseconds_todatetime: define([1, 1], "datetime", ([n]) => inRange(n as number)),
  // Truncated like Kusto's conversion to ticks (rounding 1546300800123456789 ns would give ...457 µs).
  unixtime_nanoseconds_todatetime: define(
    [1, 1],
    "datetime",
    ([n]) => inRange(Math.floor((n as number) / 1000)),
  ),
  make_datetime: define([3, 6], "datetime", makeDatetime),
  make_timespan: define([2, 4], "timespan", makeTimespan),
  format_datetime: define([2, 2], "string", ([dt, f]) => formatDatetimeWith(dt as number, String(f))),
  format_timespan: define([2, 2], "string", ([ts, f]) => formatTimespanWith(ts as number, String(f))),
};
