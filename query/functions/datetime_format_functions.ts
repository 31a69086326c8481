import { MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MINUTE, MICROS_PER_SECOND } from "../values/value.ts";
import { datetimeFields } from "./datetime_parts.ts";

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** Splits a .NET-style format into runs of one repeated letter and literal text (quoted or not). */
function tokenize(format: string): { letter: string; count: number; literal?: string }[] {
  const tokens: { letter: string; count: number; literal?: string }[] = [];
  for (let i = 0; i < format.length;) {
    const c = format[i];
    if (c === "'" || c === '"') {
      const end = format.indexOf(c, i + 1);
      tokens.push({ letter: "", count: 0, literal: format.slice(i + 1, end < 0 ? format.length : end) });
      i = end < 0 ? format.length : end + 1;
    } else if (c === "\\" && i + 1 < format.length) {
      tokens.push({ letter: "", count: 0, literal: format[i + 1] });
      i += 2;
    } else if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (format[j] === c) j++;
      tokens.push({ letter: c, count: j - i });
      i = j;
    } else {
      tokens.push({ letter: "", count: 0, literal: c });
      i++;
    }
  }
  return tokens;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** `f…` (always `count` digits) and `F…` (trailing zeros dropped) of a fraction in microseconds. */
function fraction(micros: number, count: number, trim: boolean): string {
  const digits = (pad(micros, 6) + "0").slice(0, Math.min(count, 7));
  return trim ? digits.replace(/0+$/, "") : digits;
}

/**
 * `format_datetime(dt, format)` with Kusto's format specifiers: `d dd ddd dddd`, `M MM MMM MMMM`, `y yy yyyy`,
 * `h hh H HH`, `m mm`, `s ss`, `f…fffffff`, `F…FFFFFFF`, `tt`, and literal separators (`' '`, `/`, `-`, `:`, `,`,
 * `.`, `_`, `[`, `]`, spaces and quoted text).
 *
 * @param value Microseconds since the Unix epoch.
 * @param format The format.
 * @returns The text.
 */
export function formatDatetimeWith(value: number, format: string): string {
  const f = datetimeFields(value);
  let out = "";
  for (const t of tokenize(format)) {
    if (t.literal !== undefined) {
      out += t.literal;
      continue;
    }
    const n = t.count;
    switch (t.letter) {
      case "d":
        out += n === 1
          ? f.day
          : n === 2
          ? pad(f.day, 2)
          : n === 3
          ? DAY_NAMES[((f.days % 7) + 11) % 7].slice(0, 3)
          : DAY_NAMES[((f.days % 7) + 11) % 7];
        break;
      case "M":
        out += n === 1
          ? f.month
          : n === 2
          ? pad(f.month, 2)
          : n === 3
          ? MONTH_NAMES[f.month - 1].slice(0, 3)
          : MONTH_NAMES[f.month - 1];
        break;
      case "y":
        out += n === 1 ? f.year % 100 : n === 2 ? pad(f.year % 100, 2) : pad(f.year, n);
        break;
      case "h":
        out += pad(f.hour % 12 === 0 ? 12 : f.hour % 12, Math.min(n, 2));
        break;
      case "H":
        out += pad(f.hour, Math.min(n, 2));
        break;
      case "m":
        out += pad(f.minute, Math.min(n, 2));
        break;
      case "s":
        out += pad(f.second, Math.min(n, 2));
        break;
      case "f":
        out += fraction(f.micros, n, false);
        break;
      case "F":
        out += fraction(f.micros, n, true);
        break;
      case "t":
        out += (f.hour < 12 ? "AM" : "PM").slice(0, Math.min(n, 2));
        break;
      default:
        out += t.letter.repeat(n);
    }
  }
  return out;
}

/**
 * `format_timespan(ts, format)` with Kusto's specifiers: `d…` (days, zero-padded to the count), `h hh`/`H HH`
 * (hours of the day), `m mm`, `s ss`, `f…`/`F…` and literal separators. A negative timespan gets a leading `-`.
 *
 * @param value Microseconds.
 * @param format The format.
 * @returns The text.
 */
export function formatTimespanWith(value: number, format: string): string {
  const negative = value < 0;
  const abs = Math.abs(value);
  const days = Math.floor(abs / MICROS_PER_DAY);
  const hours = Math.floor(abs / MICROS_PER_HOUR) % 24;
  const minutes = Math.floor(abs / MICROS_PER_MINUTE) % 60;
  const seconds = Math.floor(abs / MICROS_PER_SECOND) % 60;
  const micros = abs % MICROS_PER_SECOND;
  let out = negative ? "-" : "";
  for (const t of tokenize(format)) {
    if (t.literal !== undefined) {
      out += t.literal;
      continue;
    }
    const n = t.count;
    switch (t.letter) {
      case "d":
        out += pad(days, n);
        break;
      case "h":
      case "H":
        out += pad(hours, Math.min(n, 2));
        break;
      case "m":
        out += pad(minutes, Math.min(n, 2));
        break;
      case "s":
        out += pad(seconds, Math.min(n, 2));
        break;
      case "f":
        out += fraction(micros, n, false);
        break;
      case "F":
        out += fraction(micros, n, true);
        break;
      default:
        out += t.letter.repeat(n);
    }
  }
  return out;
}
