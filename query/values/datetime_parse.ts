import { daysFromCivil, daysInMonth, MAX_DATETIME, MIN_DATETIME } from "./calendar.ts";
import { MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MINUTE, MICROS_PER_SECOND } from "./value.ts";

/**
 * Parses text in any format Kusto accepts in `datetime()` and `todatetime()` into microseconds since the Unix
 * epoch (UTC): ISO 8601 (`2014-05-25T08:20:03.123456Z`, a space instead of `T`, without seconds or time, with a
 * `Z` or a `±hh:mm` offset), RFC 822/1123 (`Sat, 8 Nov 14 15:05:02 GMT`) and RFC 850
 * (`Saturday, 08-Nov-14 15:05:02 GMT`). Fractions keep six digits (the value model's microseconds); a seventh and
 * further digits are dropped.
 *
 * ISO 8601 text is read by a hand-written scanner, since decoding event timestamps is on the hot path.
 *
 * @param text The text to parse.
 * @returns Microseconds since 1970-01-01T00:00:00Z, or `null` when the text is not a valid datetime.
 * @example
 * ```ts
 * parseDatetime("2024-01-01T10:00:00Z"); // 1704103200000000
 * parseDatetime("Sat, 8 Nov 2014 15:05:02 GMT"); // 1415459102000000
 * ```
 */
export function parseDatetime(text: string): number | null {
  const iso = scanIso(text);
  if (iso !== undefined) return iso;
  return parseRfc(text.trim());
}

const DIGIT_0 = 48;

function digitAt(text: string, index: number): number {
  const code = text.charCodeAt(index) - DIGIT_0;
  return code >= 0 && code <= 9 ? code : -1;
}

function twoDigits(text: string, index: number): number {
  const a = digitAt(text, index);
  const b = digitAt(text, index + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

/** Reads ISO 8601; `undefined` means "not ISO-shaped" (try the other formats), `null` means invalid. */
function scanIso(raw: string): number | null | undefined {
  let start = 0;
  let end = raw.length;
  while (start < end && raw.charCodeAt(start) <= 32) start++;
  while (end > start && raw.charCodeAt(end - 1) <= 32) end--;
  const text = start === 0 && end === raw.length ? raw : raw.slice(start, end);
  const n = text.length;
  if (n < 10 || text[4] !== "-" || text[7] !== "-") return undefined;
  const y1 = twoDigits(text, 0);
  const y2 = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  if (y1 < 0 || y2 < 0 || month < 0 || day < 0) return null;
  const year = y1 * 100 + y2;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  let micros = daysFromCivil(year, month, day) * MICROS_PER_DAY;
  let i = 10;
  if (i < n && (text[i] === "T" || text[i] === " " || text[i] === "t")) {
    i++;
    const hour = twoDigits(text, i);
    if (hour < 0 || hour > 23 || text[i + 2] !== ":") return null;
    const minute = twoDigits(text, i + 3);
    if (minute < 0 || minute > 59) return null;
    micros += hour * MICROS_PER_HOUR + minute * MICROS_PER_MINUTE;
    i += 5;
    if (i < n && text[i] === ":") {
      const second = twoDigits(text, i + 1);
      if (second < 0 || second > 59) return null;
      micros += second * MICROS_PER_SECOND;
      i += 3;
      if (i < n && (text[i] === "." || text[i] === ",")) {
        i++;
        let scale = 100_000;
        const fractionStart = i;
        for (let d = digitAt(text, i); d >= 0; d = digitAt(text, ++i)) {
          micros += d * scale;
          scale = scale >= 10 ? scale / 10 : 0;
        }
        if (i === fractionStart) return null;
      }
    }
    while (i < n && text[i] === " ") i++;
    if (i < n) {
      const c = text[i];
      if ((c === "Z" || c === "z") && i + 1 === n) {
        i++;
      } else if (c === "+" || c === "-") {
        const offsetHours = twoDigits(text, i + 1);
        if (offsetHours < 0 || offsetHours > 14) return null;
        let j = i + 3;
        if (text[j] === ":") j++;
        let offsetMinutes = 0;
        if (j < n) {
          offsetMinutes = twoDigits(text, j);
          if (offsetMinutes < 0 || offsetMinutes > 59) return null;
          j += 2;
        }
        if (j !== n) return null;
        const offset = offsetHours * MICROS_PER_HOUR + offsetMinutes * MICROS_PER_MINUTE;
        micros += c === "+" ? -offset : offset;
        i = n;
      } else {
        return null;
      }
    }
  } else {
    while (i < n && text[i] === " ") i++;
  }
  if (i !== n) return null;
  return micros < MIN_DATETIME || micros > MAX_DATETIME ? null : micros;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** RFC 822 zone names and their offsets from UTC in hours (RFC 822 section 5.1). */
const ZONES: Record<string, number> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  est: -5,
  edt: -4,
  cst: -6,
  cdt: -5,
  mst: -7,
  mdt: -6,
  pst: -8,
  pdt: -7,
};

const RFC_PATTERN =
  /^(?:[A-Za-z]+,?\s+)?(\d{1,2})(?:\s+|-)([A-Za-z]{3})(?:\s+|-)(\d{4}|\d{2})\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:\s*([A-Za-z]+|[+-]\d{4}))?$/;

/** RFC 822/1123 (`Sat, 8 Nov 14 15:05:02 GMT`) and RFC 850 (`Saturday, 08-Nov-14 15:05:02 GMT`). */
function parseRfc(text: string): number | null {
  const m = RFC_PATTERN.exec(text);
  if (m === null) return null;
  const day = Number(m[1]);
  const month = MONTHS[m[2].toLowerCase()];
  let year = Number(m[3]);
  // Two-digit years follow .NET's default window (00-49 -> 2000s, 50-99 -> 1900s), which Kusto inherits.
  if (m[3].length === 2) year += year < 50 ? 2000 : 1900;
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month === undefined || year < 1 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  let micros = daysFromCivil(year, month, day) * MICROS_PER_DAY + hour * MICROS_PER_HOUR +
    minute * MICROS_PER_MINUTE + second * MICROS_PER_SECOND;
  if (m[7] !== undefined) micros += Math.floor(Number("0." + m[7].slice(0, 6)) * MICROS_PER_SECOND + 0.5);
  const zone = m[8];
  if (zone !== undefined) {
    const offset = zoneOffset(zone);
    if (offset === undefined) return null;
    micros -= offset;
  }
  return micros < MIN_DATETIME || micros > MAX_DATETIME ? null : micros;
}

function zoneOffset(zone: string): number | undefined {
  if (zone[0] === "+" || zone[0] === "-") {
    const hours = Number(zone.slice(1, 3));
    const minutes = Number(zone.slice(3, 5));
    if (minutes > 59) return undefined;
    const offset = hours * MICROS_PER_HOUR + minutes * MICROS_PER_MINUTE;
    return zone[0] === "+" ? offset : -offset;
  }
  const lower = zone.toLowerCase();
  if (lower in ZONES) return ZONES[lower] * MICROS_PER_HOUR;
  // Military single-letter zones: RFC 1123 notes that RFC 822 got their signs backwards and says to read them as
  // an unknown offset, i.e. zero.
  if (/^[a-ik-y]$/.test(lower)) return 0;
  return undefined;
}
