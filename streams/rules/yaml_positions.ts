/**
 * Positions inside a YAML document: of a field (by path), and of an offset inside a string value, so
 * that a KQL error in a rule's `query` points at the right line and column of the rule file.
 */
import { type Document, isScalar, type LineCounter, type Node } from "yaml";

/** A 1-based line and column in the YAML file. */
export interface FilePosition {
  readonly line: number;
  readonly column: number;
}

/** Where the node at `path` starts (or its nearest existing parent; the file start when none). */
export function positionOfPath(
  doc: Document,
  lines: LineCounter,
  path: readonly (string | number)[],
): FilePosition {
  for (let n = path.length; n >= 0; n--) {
    const node = (n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true)) as Node | null | undefined;
    if (node && typeof node === "object" && "range" in node && node.range) {
      // A key's value is more useful than the map it sits in, but a missing key points at its map.
      return toPosition(lines, node.range[0]);
    }
  }
  return { line: 1, column: 1 };
}

function toPosition(lines: LineCounter, offset: number): FilePosition {
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

/**
 * Map a UTF-16 offset inside the string value at `key` to a position in the file. Block scalars (`|`, `>`)
 * keep one source line per value line, shifted by the block's indentation; quoted and plain scalars are
 * mapped from their first character.
 *
 * @param doc the parsed document
 * @param text the YAML text
 * @param lines the document's line counter
 * @param key the top-level key of the string
 * @param offset the offset inside the string's value
 * @returns the file position
 */
export function positionInString(
  doc: Document,
  text: string,
  lines: LineCounter,
  key: string,
  offset: number,
): FilePosition {
  const node = doc.get(key, true);
  if (!isScalar(node) || node.range === undefined || node.range === null) return { line: 1, column: 1 };
  const value = typeof node.value === "string" ? node.value : String(node.value);
  const before = value.slice(0, Math.max(0, Math.min(offset, value.length)));
  const valueLine = before.split("\n").length - 1;
  const valueColumn = before.length - (before.lastIndexOf("\n") + 1);
  if (node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED") {
    const contentStart = text.indexOf("\n", node.range[0]) + 1;
    const rawLines = text.slice(contentStart, node.range[1]).split("\n");
    const indent = Math.min(
      ...rawLines.filter((l) => l.trim() !== "").map((l) => l.length - l.trimStart().length),
    );
    const first = lines.linePos(contentStart).line;
    return { line: first + valueLine, column: (Number.isFinite(indent) ? indent : 0) + valueColumn + 1 };
  }
  const quoted = node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE" ? 1 : 0;
  if (valueLine === 0) return toPosition(lines, node.range[0] + quoted + valueColumn);
  const start = lines.linePos(node.range[0]);
  return { line: start.line + valueLine, column: valueColumn + 1 };
}
