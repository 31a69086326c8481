import type {
  ConnectorResult,
  ParseContext,
  ParsedRecord,
  RecordError,
  RecordWarning,
} from "../connector.ts";
import { decodeText, INVALID_UTF8_MESSAGE } from "../encode/decode_text.ts";
import { SyslogFramer, type SyslogFramerOptions } from "./syslog_framer.ts";

/** What to do with one decoded syslog message: rows, or a reason to reject it. */
export type SyslogLineHandler = (
  line: string,
  context: ParseContext,
) => ParsedRecord | { readonly error: string };

/**
 * Frame a body of syslog messages (newline or octet-counted, as a TCP stream or an HTTP body carries them), decode
 * each as UTF-8 (repairing and reporting bad bytes) and hand it to `handle`. Frames are numbered from 0 in order,
 * framing errors included, so that an error's index names the frame.
 *
 * @param body The bytes.
 * @param options Arrival context, the per-line handler and the framing limit.
 * @returns Rows, rejected frames and repairs.
 * @example
 * ```ts
 * const result = parseSyslogBody(new TextEncoder().encode("a\nb\n"), {
 *   context: { receivedAt: new Date() },
 *   handle: (line) => ({ table: "T", row: { Line: line } }),
 * });
 * result.records.length; // 2
 * ```
 */
export function parseSyslogBody(
  body: Uint8Array,
  options: { context: ParseContext; handle: SyslogLineHandler; framing?: SyslogFramerOptions },
): ConnectorResult {
  const framer = new SyslogFramer(options.framing);
  const frames = [...framer.push(body), ...framer.flush()];
  const records: ParsedRecord[] = [];
  const errors: RecordError[] = [];
  const warnings: RecordWarning[] = [];
  frames.forEach((frame, index) => {
    if (!frame.ok) {
      errors.push({ index, message: frame.message, raw: decodeText(frame.raw).text });
      return;
    }
    const { text, invalidUtf8 } = decodeText(frame.bytes);
    if (invalidUtf8) warnings.push({ index, message: INVALID_UTF8_MESSAGE });
    const outcome = options.handle(text, options.context);
    if ("error" in outcome) errors.push({ index, message: outcome.error, raw: text });
    else records.push(outcome);
  });
  return warnings.length > 0 ? { records, errors, warnings } : { records, errors };
}
