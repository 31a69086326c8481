/**
 * ArcSight CEF to its parts. Header fields are separated by `|` and escape `\|` and `\\`; the extension is
 * `key=value` pairs separated by spaces, where values may hold spaces and escape `\=`, `\\`, `\n` and `\r`.
 * Parsing never throws: a line that is not CEF gives a sentence-case reason.
 */

/** A parsed CEF event. */
export interface CefEvent {
  /** The CEF format version (`0` or `1`). */
  readonly version: string;
  readonly deviceVendor: string;
  readonly deviceProduct: string;
  readonly deviceVersion: string;
  readonly signatureId: string;
  readonly name: string;
  readonly severity: string;
  /** Extension pairs in the order sent; keys as sent. */
  readonly extensions: ReadonlyArray<readonly [string, string]>;
}

/** The outcome of parsing. */
export type ParseCefResult = { readonly ok: true; readonly event: CefEvent } | {
  readonly ok: false;
  readonly message: string;
};

const HEADER_FIELDS = 7;

/**
 * Where the CEF payload starts in a line (after a syslog header, when there is one), or -1.
 *
 * @param line The line.
 * @returns The offset of `CEF:`.
 * @example
 * ```ts
 * findCefStart("<134>Mar  1 12:00:00 fw CEF:0|a|b|c|d|e|1|"); // 25
 * ```
 */
export function findCefStart(line: string): number {
  const match = /(?:^|[\s:>])(CEF:\s?\d+\|)/.exec(line);
  if (!match) return -1;
  return match.index + match[0].length - match[1].length;
}

/**
 * Parse a CEF payload starting with `CEF:`.
 *
 * @param text The payload.
 * @returns The event or the reason it is not CEF.
 * @example
 * ```ts
 * const result = parseCef("CEF:0|security|threatmanager|1.0|100|worm stopped|10|src=10.0.0.1 act=blocked a \\= b");
 * result.ok && result.event.extensions; // [["src", "10.0.0.1"], ["act", "blocked a = b"]]
 * ```
 */
export function parseCef(text: string): ParseCefResult {
  if (!text.startsWith("CEF:")) {
    return { ok: false, message: 'Cannot parse CEF: line does not start with "CEF:"' };
  }
  const fields: string[] = [];
  let current = "";
  let i = 4;
  for (; i < text.length && fields.length < HEADER_FIELDS; i++) {
    const c = text[i];
    if (c === "\\" && (text[i + 1] === "|" || text[i + 1] === "\\")) {
      current += text[i + 1];
      i++;
    } else if (c === "|") {
      fields.push(current);
      current = "";
    } else {
      current += c;
    }
  }
  if (fields.length < HEADER_FIELDS) {
    return {
      ok: false,
      message:
        `Cannot parse CEF header: expected ${HEADER_FIELDS} pipe-separated fields but found ${fields.length}`,
    };
  }
  const [version, deviceVendor, deviceProduct, deviceVersion, signatureId, name, severity] = fields;
  if (!/^\s?\d+$/.test(version)) {
    return { ok: false, message: `Cannot parse CEF header: version "${version}" is not a number` };
  }
  return {
    ok: true,
    event: {
      version: version.trim(),
      deviceVendor,
      deviceProduct,
      deviceVersion,
      signatureId,
      name,
      severity,
      extensions: parseExtensions(text.slice(i)),
    },
  };
}

const KEY = /^[A-Za-z0-9_.\[\]-]+$/;

/**
 * Split the extension into pairs. A key is the word before an unescaped `=`; the value runs to the space before
 * the next key. An unescaped `=` whose word is not a valid key (common in URLs) stays in the value, as senders
 * often forget to escape it.
 */
function parseExtensions(text: string): Array<[string, string]> {
  const boundaries: Array<{ keyStart: number; equals: number }> = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (c !== "=") continue;
    let keyStart = i;
    while (keyStart > 0 && text[keyStart - 1] !== " ") keyStart--;
    const key = text.slice(keyStart, i);
    if (KEY.test(key) && (boundaries.length === 0 || keyStart > boundaries[boundaries.length - 1].equals)) {
      boundaries.push({ keyStart, equals: i });
    }
  }
  const pairs: Array<[string, string]> = [];
  boundaries.forEach((boundary, n) => {
    const end = n + 1 < boundaries.length ? boundaries[n + 1].keyStart : text.length;
    const raw = text.slice(boundary.equals + 1, end);
    pairs.push([
      text.slice(boundary.keyStart, boundary.equals),
      unescapeValue(n + 1 < boundaries.length ? raw.replace(/ $/, "") : raw.trimEnd()),
    ]);
  });
  return pairs;
}

function unescapeValue(value: string): string {
  if (!value.includes("\\")) return value;
  return value.replace(/\\([\\=nr|])/g, (_, c: string) => (c === "n" ? "\n" : c === "r" ? "\r" : c));
}
