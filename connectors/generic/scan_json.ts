/**
 * A JSON syntax scanner that finds where one value ends, or where and why it is malformed, without building it.
 * JSON.parse says only "invalid", with an engine-specific message; ingest must answer 400 with the position, and
 * Splunk HEC bodies are several JSON objects back to back, which JSON.parse cannot split. Iterative, so that deep
 * nesting cannot overflow the stack.
 */

/** The outcome of scanning one value. */
export type ScanResult =
  | { readonly ok: true; readonly end: number; readonly depth: number }
  | { readonly ok: false; readonly offset: number; readonly message: string };

const ARRAY = 0;
const OBJECT = 1;

/**
 * Scan the JSON value that starts at `start` (after optional whitespace).
 *
 * @param text The text.
 * @param start Where to begin.
 * @returns The end offset (exclusive) and the deepest nesting, or the offset and reason of the first error.
 * @example
 * ```ts
 * scanJsonValue('{"a":1}{"b":2}', 0); // { ok: true, end: 7, depth: 1 }
 * ```
 */
export function scanJsonValue(text: string, start: number): ScanResult {
  const stack: number[] = [];
  let depth = 0;
  let i = skipSpace(text, start);
  for (;;) {
    // A value is expected at i.
    if (i >= text.length) return fail(i, "Unexpected end of input: expected a value");
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      stack.push(c === 0x7b ? OBJECT : ARRAY);
      depth = Math.max(depth, stack.length);
      i = skipSpace(text, i + 1);
      const close = c === 0x7b ? 0x7d : 0x5d;
      if (text.charCodeAt(i) === close) {
        stack.pop();
        i++;
      } else if (c === 0x7b) {
        const key = scanKey(text, i);
        if (!key.ok) return key;
        i = key.end;
        continue;
      } else {
        continue;
      }
    } else {
      const scalar = scanScalar(text, i);
      if (!scalar.ok) return scalar;
      i = scalar.end;
    }
    // A value ended at i: close containers or move to the next element.
    for (;;) {
      if (stack.length === 0) return { ok: true, end: i, depth };
      i = skipSpace(text, i);
      const top = stack[stack.length - 1];
      const c2 = text.charCodeAt(i);
      if (c2 === 0x2c /* , */) {
        i = skipSpace(text, i + 1);
        if (top === OBJECT) {
          const key = scanKey(text, i);
          if (!key.ok) return key;
          i = key.end;
        }
        break;
      }
      if ((top === ARRAY && c2 === 0x5d) || (top === OBJECT && c2 === 0x7d)) {
        stack.pop();
        i++;
        continue;
      }
      if (i >= text.length) return fail(i, "Unexpected end of input: unclosed " + (top ? "object" : "array"));
      return fail(i, `Unexpected character ${quote(text, i)}: expected "," or "${top ? "}" : "]"}"`);
    }
  }
}

/**
 * Skip JSON whitespace.
 *
 * @param text The text.
 * @param i Where to begin.
 * @returns The offset of the first non-space character (or the end).
 * @example
 * ```ts
 * skipSpace("  x", 0); // 2
 * ```
 */
export function skipSpace(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    i++;
  }
  return i;
}

type Step = { ok: true; end: number } | { ok: false; offset: number; message: string };

function scanKey(text: string, i: number): Step {
  if (text.charCodeAt(i) !== 0x22) {
    if (i >= text.length) return fail(i, "Unexpected end of input: expected a property name");
    return fail(i, `Unexpected character ${quote(text, i)}: expected a double-quoted property name`);
  }
  const key = scanString(text, i);
  if (!key.ok) return key;
  const colon = skipSpace(text, key.end);
  if (text.charCodeAt(colon) !== 0x3a) {
    if (colon >= text.length) return fail(colon, 'Unexpected end of input: expected ":"');
    return fail(colon, `Unexpected character ${quote(text, colon)}: expected ":"`);
  }
  return { ok: true, end: skipSpace(text, colon + 1) };
}

function scanScalar(text: string, i: number): Step {
  const c = text[i];
  if (c === '"') return scanString(text, i);
  if (c === "-" || (c >= "0" && c <= "9")) {
    const match = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
    match.lastIndex = i;
    const found = match.exec(text);
    if (!found) return fail(i, `Invalid number at ${quote(text, i)}`);
    return { ok: true, end: i + found[0].length };
  }
  for (const literal of ["true", "false", "null"]) {
    if (text.startsWith(literal, i)) return { ok: true, end: i + literal.length };
  }
  return fail(i, `Unexpected character ${quote(text, i)}: expected a value`);
}

function scanString(text: string, start: number): Step {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return { ok: true, end: i + 1 };
    if (c < 0x20) {
      return fail(i, "Control character in string: escape it as \\u" + c.toString(16).padStart(4, "0"));
    }
    if (c === 0x5c) {
      const next = text[i + 1];
      if (next === "u") {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          return fail(i, "Invalid \\u escape in string");
        }
        i += 6;
        continue;
      }
      if (next === undefined || !'"\\/bfnrt'.includes(next)) return fail(i, "Invalid escape in string");
      i += 2;
      continue;
    }
    i++;
  }
  return fail(start, "Unterminated string");
}

function fail(offset: number, message: string): { ok: false; offset: number; message: string } {
  return { ok: false, offset, message };
}

function quote(text: string, i: number): string {
  return JSON.stringify(text[i] ?? "");
}
