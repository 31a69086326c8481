/**
 * Splitting an ingest body into JSON records: one object, an array of objects, NDJSON (one value per line) or, for
 * Splunk HEC, values back to back. Each record is parsed on its own so that one bad record does not sink the others;
 * a body whose structure cannot be read gives one error at index 0 with the position of the syntax error.
 */

import type { RecordError } from "../connector.ts";
import { describePosition, positionAt } from "./position_at.ts";
import { scanJsonValue, skipSpace } from "./scan_json.ts";

/** One parsed record of a body. */
export interface JsonRecord {
  /** Array index, NDJSON line number (0-based) or position in a concatenated stream. */
  readonly index: number;
  readonly value: unknown;
  /** The record's text (for dead letters). */
  readonly raw: string;
}

/** Records and errors of a body. */
export interface SplitJsonResult {
  readonly records: JsonRecord[];
  readonly errors: RecordError[];
}

/** How the body is laid out: `auto` tells object, array and NDJSON apart; `concatenated` is HEC's. */
export type JsonBodyShape = "auto" | "ndjson" | "concatenated";

/** Options of splitJsonBody. */
export interface SplitJsonOptions {
  readonly shape?: JsonBodyShape;
  /** Deepest nesting accepted in a record (default 64): deeper ones are rejected to protect later stages. */
  readonly maxDepth?: number;
}

/** Default nesting limit: far beyond real logs, well below what would strain a recursive consumer. */
export const MAX_JSON_DEPTH = 64;

/**
 * Split and parse a JSON body.
 *
 * @param text The decoded body.
 * @param options Layout and nesting limit.
 * @returns Parsed records and per-record errors.
 * @example
 * ```ts
 * splitJsonBody('{"a":1}\n{"a":2}').records.length; // 2
 * ```
 */
export function splitJsonBody(text: string, options: SplitJsonOptions = {}): SplitJsonResult {
  const shape = options.shape ?? "auto";
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  if (shape === "ndjson") return splitLines(text, maxDepth);
  if (shape === "concatenated") return splitConcatenated(text, maxDepth);
  const first = skipSpace(text, 0);
  if (first >= text.length) return { records: [], errors: [] };
  const whole = tryParse(text);
  if (whole.ok) {
    if (Array.isArray(whole.value)) {
      const records: JsonRecord[] = [];
      const errors: RecordError[] = [];
      // The array itself is one level; when the whole text has too few brackets, no element can be too deep.
      const mayBeDeep = countBrackets(text, maxDepth + 1) > maxDepth + 1;
      whole.value.forEach((value, index) => {
        if (mayBeDeep && deeperThan(value, maxDepth)) {
          errors.push(depthError(index, JSON.stringify(value) ?? "", maxDepth));
        } else records.push(lazyRaw(index, value));
      });
      return { records, errors };
    }
    if (tooDeep(whole.value, text, maxDepth)) return { records: [], errors: [depthError(0, text, maxDepth)] };
    return { records: [{ index: 0, value: whole.value, raw: text }], errors: [] };
  }
  // Not one JSON value: NDJSON when its first line is a complete value on its own, else a broken document.
  const firstLineEnd = text.indexOf("\n", first);
  if (firstLineEnd !== -1 && text[first] !== "[" && tryParse(text.slice(first, firstLineEnd)).ok) {
    return splitLines(text, maxDepth);
  }
  return { records: [], errors: [syntaxError(0, text, 0, "Cannot parse JSON body")] };
}

function splitLines(text: string, maxDepth: number): SplitJsonResult {
  const records: JsonRecord[] = [];
  const errors: RecordError[] = [];
  let lineStart = 0;
  for (let index = 0; lineStart <= text.length; index++) {
    const newline = text.indexOf("\n", lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const line = text.slice(lineStart, text.charCodeAt(lineEnd - 1) === 0x0d ? lineEnd - 1 : lineEnd);
    if (line.trim() !== "") {
      const parsed = tryParse(line);
      if (!parsed.ok) {
        errors.push(syntaxError(index, line, lineStart, `Cannot parse JSON on line ${index + 1}`, text));
      } else if (tooDeep(parsed.value, line, maxDepth)) errors.push(depthError(index, line, maxDepth));
      else records.push({ index, value: parsed.value, raw: line });
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return { records, errors };
}

function splitConcatenated(text: string, maxDepth: number): SplitJsonResult {
  const records: JsonRecord[] = [];
  const errors: RecordError[] = [];
  let at = skipSpace(text, 0);
  for (let index = 0; at < text.length; index++) {
    const scan = scanJsonValue(text, at);
    if (!scan.ok) {
      // Without a valid end there is no safe place to resume: the rest of the body is one bad record.
      errors.push(syntaxError(index, text.slice(at), at, `Cannot parse JSON event ${index}`, text));
      break;
    }
    const raw = text.slice(at, scan.end);
    if (scan.depth > maxDepth) errors.push(depthError(index, raw, maxDepth));
    else records.push({ index, value: JSON.parse(raw), raw });
    at = skipSpace(text, scan.end);
  }
  return { records, errors };
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * Build the error of a text that is not JSON, with the position of the first problem. `base` is where `raw` starts
 * in `whole`, so that positions are relative to the body the client sent.
 */
function syntaxError(index: number, raw: string, base: number, action: string, whole = raw): RecordError {
  let offset = 0;
  let reason = "trailing characters after the value";
  const scan = scanJsonValue(raw, 0);
  if (!scan.ok) {
    offset = scan.offset;
    reason = lowerFirst(scan.message);
  } else {
    offset = skipSpace(raw, scan.end);
  }
  const position = positionAt(whole, base + offset);
  return { index, message: `${action}: ${reason}${describePosition(position)}`, raw, position };
}

function depthError(index: number, raw: string, maxDepth: number): RecordError {
  return { index, message: `Cannot accept record: JSON nested deeper than ${maxDepth} levels`, raw };
}

/** A record whose raw text is only built when asked for (dead letters), not for every element of an array. */
function lazyRaw(index: number, value: unknown): JsonRecord {
  return {
    index,
    value,
    get raw() {
      return JSON.stringify(value) ?? "";
    },
  };
}

/** Nesting check that only walks values whose text has enough brackets to possibly exceed the limit. */
function tooDeep(value: unknown, raw: string, maxDepth: number): boolean {
  return countBrackets(raw, maxDepth) > maxDepth && deeperThan(value, maxDepth);
}

/** Opening brackets in a text, counted up to just past `limit` (native search: most records have few). */
function countBrackets(text: string, limit: number): number {
  let brackets = 0;
  for (let i = text.indexOf("{"); i !== -1 && brackets <= limit; i = text.indexOf("{", i + 1)) brackets++;
  for (let i = text.indexOf("["); i !== -1 && brackets <= limit; i = text.indexOf("[", i + 1)) brackets++;
  return brackets;
}

/** Whether a parsed value nests deeper than `maxDepth`, walked with an explicit stack. */
function deeperThan(value: unknown, maxDepth: number): boolean {
  if (value === null || typeof value !== "object") return false;
  const objects: object[] = [value];
  const depths: number[] = [1];
  while (objects.length > 0) {
    const current = objects.pop()!;
    const depth = depths.pop()!;
    if (depth > maxDepth) return true;
    for (const key in current) {
      const child = (current as Record<string, unknown>)[key];
      // Only containers can deepen the nesting; scalars are not queued.
      if (child !== null && typeof child === "object") {
        objects.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
