import type { TextPosition } from "../connector.ts";

const ENCODER = new TextEncoder();

/**
 * The line, column and byte offset of a UTF-16 offset in a text, for error messages.
 *
 * @param text The decoded payload.
 * @param offset A UTF-16 offset in it (clamped to the text).
 * @returns The position, line and column 1-based.
 * @example
 * ```ts
 * positionAt("a\nbc", 3); // { offset: 3, byteOffset: 3, line: 2, column: 2 }
 * ```
 */
export function positionAt(text: string, offset: number): TextPosition {
  const at = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < at; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return {
    offset: at,
    byteOffset: ENCODER.encode(text.slice(0, at)).length,
    line,
    column: at - lineStart + 1,
  };
}

/**
 * The message suffix that names a position, e.g. ` at line 2, column 5 (byte 12)`.
 *
 * @param position The position.
 * @returns The suffix, starting with a space.
 * @example
 * ```ts
 * describePosition({ offset: 3, byteOffset: 3, line: 2, column: 2 }); // " at line 2, column 2 (byte 3)"
 * ```
 */
export function describePosition(position: TextPosition): string {
  return ` at line ${position.line}, column ${position.column} (byte ${position.byteOffset})`;
}
