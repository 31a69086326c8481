/** The text of a payload and whether it had to be repaired. */
export interface DecodedText {
  readonly text: string;
  /** True when the bytes were not valid UTF-8 and bad sequences were replaced with U+FFFD. */
  readonly invalidUtf8: boolean;
}

const STRICT = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
const LENIENT = new TextDecoder("utf-8", { fatal: false, ignoreBOM: false });

/**
 * Decode a payload as UTF-8 without ever throwing: valid input is decoded as is (a leading BOM dropped); invalid
 * sequences are replaced with U+FFFD and flagged so that the caller can report them.
 *
 * @param bytes The payload.
 * @returns The text and the repair flag.
 * @example
 * ```ts
 * decodeText(new Uint8Array([0x68, 0xff])); // { text: "h\uFFFD", invalidUtf8: true }
 * ```
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  // The lenient decoder is much faster than the fatal one; only a text that contains U+FFFD needs a second, strict
  // look to tell replaced bytes from a U+FFFD the sender really sent.
  if (bytes.length <= SMALL_ASCII && isAscii(bytes)) {
    // Syslog frames are small and mostly ASCII; building them in JS avoids a decoder call per frame.
    return { text: String.fromCharCode.apply(null, bytes as unknown as number[]), invalidUtf8: false };
  }
  const text = LENIENT.decode(bytes);
  if (!text.includes("\uFFFD")) return { text, invalidUtf8: false };
  try {
    STRICT.decode(bytes);
    return { text, invalidUtf8: false };
  } catch {
    return { text, invalidUtf8: true };
  }
}

const SMALL_ASCII = 8192;

function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return false;
  return true;
}

/** The warning text for a repaired payload, shared so that every connector words it the same way. */
export const INVALID_UTF8_MESSAGE = "Invalid UTF-8 in input: bad byte sequences replaced with U+FFFD";
