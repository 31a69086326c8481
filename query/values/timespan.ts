import {
  MICROS_PER_DAY,
  MICROS_PER_HOUR,
  MICROS_PER_MILLI,
  MICROS_PER_MINUTE,
  MICROS_PER_SECOND,
} from "./value.ts";

/**
 * The units of KQL timespan literals (`2d`, `1.5h`, `30min`, `100ms`, `10microseconds`, `1tick`) in microseconds.
 * A tick is 100 ns, a tenth of a microsecond, which the value model cannot hold exactly (see ADR 0001).
 */
export const TIMESPAN_UNITS: Readonly<Record<string, number>> = {
  d: MICROS_PER_DAY,
  day: MICROS_PER_DAY,
  days: MICROS_PER_DAY,
  h: MICROS_PER_HOUR,
  hr: MICROS_PER_HOUR,
  hrs: MICROS_PER_HOUR,
  hour: MICROS_PER_HOUR,
  hours: MICROS_PER_HOUR,
  m: MICROS_PER_MINUTE,
  min: MICROS_PER_MINUTE,
  minute: MICROS_PER_MINUTE,
  minutes: MICROS_PER_MINUTE,
  s: MICROS_PER_SECOND,
  sec: MICROS_PER_SECOND,
  second: MICROS_PER_SECOND,
  seconds: MICROS_PER_SECOND,
  ms: MICROS_PER_MILLI,
  milli: MICROS_PER_MILLI,
  millis: MICROS_PER_MILLI,
  millisec: MICROS_PER_MILLI,
  millisecond: MICROS_PER_MILLI,
  milliseconds: MICROS_PER_MILLI,
  micro: 1,
  micros: 1,
  microsec: 1,
  microsecond: 1,
  microseconds: 1,
  tick: 0.1,
  ticks: 0.1,
};

const LITERAL_PATTERN = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)\s*([a-zA-Z]+)$/;
const CLOCK_PATTERN = /^([+-]?)(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d+))?)?$/;

/**
 * Parses a timespan: the clock form `[-][d.]hh:mm[:ss[.fffffff]]`, a literal with a unit (`2d`, `1.5h`, `30m`,
 * `100ms`, `1tick`, see {@link TIMESPAN_UNITS}), or a bare number of days (as .NET's `TimeSpan.Parse` reads
 * `"10"`). Results are rounded to whole microseconds.
 *
 * @param text The text to parse.
 * @returns Microseconds, or `null` when the text is not a timespan.
 * @example
 * ```ts
 * parseTimespan("1.02:03:04.5"); // 93784500000
 * parseTimespan("30m"); // 1800000000
 * ```
 */
export function parseTimespan(text: string): number | null {
  const trimmed = text.trim();
  const clock = CLOCK_PATTERN.exec(trimmed);
  if (clock !== null) {
    const hours = Number(clock[3]);
    const minutes = Number(clock[4]);
    const seconds = clock[5] === undefined ? 0 : Number(clock[5]);
    if (hours > 23 || minutes > 59 || seconds > 59) return null;
    let micros = Number(clock[2] ?? 0) * MICROS_PER_DAY + hours * MICROS_PER_HOUR +
      minutes * MICROS_PER_MINUTE + seconds * MICROS_PER_SECOND;
    if (clock[6] !== undefined) micros += Number(clock[6].slice(0, 6).padEnd(6, "0"));
    return clock[1] === "-" ? 0 - micros : micros; // `0 - 0` is 0, where `-0` would print as -00:00:00
  }
  const literal = LITERAL_PATTERN.exec(trimmed);
  if (literal !== null) {
    const unit = TIMESPAN_UNITS[literal[3].toLowerCase()];
    if (unit === undefined) return null;
    const micros = Math.round(Number(literal[2]) * unit);
    return literal[1] === "-" ? 0 - micros : micros;
  }
  if (/^[+-]?\d+$/.test(trimmed)) return Number(trimmed) * MICROS_PER_DAY;
  return null;
}

function pad2(n: number): string {
  return n < 10 ? "0" + n : String(n);
}

/**
 * Formats a timespan as Kusto does: `[-][d.]hh:mm:ss[.fffffff]`, the day part only when non-zero and the 7-digit
 * fraction only when non-zero.
 *
 * @param micros The timespan in microseconds.
 * @returns The text, e.g. `1.02:03:04.5000000`.
 * @example
 * ```ts
 * formatTimespan(93_784_500_000); // "1.02:03:04.5000000"
 * formatTimespan(-60_000_000); // "-00:01:00"
 * ```
 */
export function formatTimespan(micros: number): string {
  const negative = micros < 0;
  let rest = Math.abs(Math.round(micros));
  const fraction = rest % 1_000_000;
  rest = (rest - fraction) / 1_000_000;
  const seconds = rest % 60;
  rest = (rest - seconds) / 60;
  const minutes = rest % 60;
  rest = (rest - minutes) / 60;
  const hours = rest % 24;
  const days = (rest - hours) / 24;
  let text = (negative ? "-" : "") + (days > 0 ? days + "." : "") + pad2(hours) + ":" + pad2(minutes) + ":" +
    pad2(seconds);
  if (fraction !== 0) text += "." + String(fraction).padStart(6, "0") + "0";
  return text;
}
