/**
 * Reading what can be read of a broken envelope (`{"records":[...]}`, `{"Records":[...]}`, `{"value":[...]}`): a
 * truncated Event Hub capture or CloudTrail file should lose only its broken tail, not every record before it.
 */

import type { RecordError } from "../connector.ts";
import { describePosition, positionAt } from "./position_at.ts";
import { scanJsonValue, skipSpace } from "./scan_json.ts";
import type { JsonRecord } from "./split_json_body.ts";

/** Records read before the break, and the error at the break. */
export interface SalvageResult {
  readonly records: JsonRecord[];
  readonly error: RecordError;
}

/**
 * Read the complete records of an envelope whose JSON is broken. Returns null when the text is not an object whose
 * envelope array could be found before the break (the caller then reports the body as unreadable).
 *
 * @param text The body.
 * @param envelopes The keys that hold the record array.
 * @returns The records before the break and the error describing the break, or null.
 * @example
 * ```ts
 * const result = salvageEnvelope('{"records":[{"a":1},{"a":2},{"a":', ["records"]);
 * result?.records.length; // 2
 * result?.error.index; // 2
 * ```
 */
export function salvageEnvelope(text: string, envelopes: readonly string[]): SalvageResult | null {
  let i = skipSpace(text, 0);
  if (text[i] !== "{") return null;
  i = skipSpace(text, i + 1);
  // Walk the top-level keys until the envelope's array.
  for (;;) {
    if (text[i] !== '"') return null;
    const key = scanJsonValue(text, i);
    if (!key.ok) return null;
    const name = JSON.parse(text.slice(i, key.end)) as string;
    i = skipSpace(text, key.end);
    if (text[i] !== ":") return null;
    i = skipSpace(text, i + 1);
    if (envelopes.includes(name) && text[i] === "[") return readElements(text, i + 1);
    const value = scanJsonValue(text, i);
    if (!value.ok) return null;
    i = skipSpace(text, value.end);
    if (text[i] !== ",") return null;
    i = skipSpace(text, i + 1);
  }
}

function readElements(text: string, start: number): SalvageResult | null {
  const records: JsonRecord[] = [];
  let i = skipSpace(text, start);
  for (let index = 0;; index++) {
    const value = scanJsonValue(text, i);
    if (!value.ok) return { records, error: breakAt(text, index, value.offset, value.message) };
    const raw = text.slice(i, value.end);
    records.push({ index, value: JSON.parse(raw), raw });
    i = skipSpace(text, value.end);
    if (text[i] === ",") {
      i = skipSpace(text, i + 1);
      continue;
    }
    if (text[i] !== "]") return { records, error: breakAt(text, index + 1, i, 'expected "," or "]"') };
    // The array is whole, so the break lies after it: find it in the document as a whole.
    const whole = scanJsonValue(text, 0);
    return whole.ok
      ? {
        records,
        error: breakAt(
          text,
          index + 1,
          skipSpace(text, whole.end),
          "unexpected content after the JSON value",
        ),
      }
      : { records, error: breakAt(text, index + 1, whole.offset, whole.message) };
  }
}

function breakAt(text: string, index: number, offset: number, reason: string): RecordError {
  const position = positionAt(text, offset);
  const message = `Cannot parse JSON body: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}${
    describePosition(position)
  }; ${index === 1 ? "1 record before it was read" : `${index} records before it were read`}`;
  return { index, message, raw: text.slice(offset, offset + 1024), position };
}
