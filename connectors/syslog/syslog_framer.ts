/**
 * TCP syslog framing (RFC 6587): octet counting (`LEN SP MSG`) and non-transparent framing (one message per line).
 * Fed with whatever chunks the socket delivers, down to one byte at a time; each frame is detected on its own, as
 * senders may mix them. Memory is bounded by `maxFrameBytes`: a longer frame is reported and skipped, not buffered.
 */

/** A complete frame or a framing error. */
export type SyslogFrame =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly message: string; readonly raw: Uint8Array };

/** Options of SyslogFramer. */
export interface SyslogFramerOptions {
  /** Longest accepted frame in bytes (default 256 KiB: Windows events forwarded over syslog run to tens of KiB). */
  readonly maxFrameBytes?: number;
}

/** Default frame limit. */
export const MAX_SYSLOG_FRAME_BYTES = 256 * 1024;

/** How much of a rejected frame is kept for the dead-letter record. */
const RAW_SAMPLE_BYTES = 1024;

const LF = 0x0a;
const SPACE = 0x20;
const LT = 0x3c;

/**
 * Splits a syslog byte stream into frames.
 *
 * @example
 * ```ts
 * const framer = new SyslogFramer();
 * const bytes = new TextEncoder().encode("11 <13>hello\n<13>world\n");
 * [...framer.push(bytes), ...framer.flush()].length; // 2
 * ```
 */
export class SyslogFramer {
  #buffer = new Uint8Array(4096);
  /** Unconsumed bytes are `#buffer[#start, #end)`; consuming moves `#start` so that many small frames stay linear. */
  #start = 0;
  #end = 0;
  /** Where the search for the end of the current line resumes (absolute index). */
  #scanFrom = 0;
  /** Bytes still to drop from an oversized frame: a count for octet framing, Infinity until the next LF. */
  #skip = 0;
  readonly #max: number;

  /** @param options Frame size limit. */
  constructor(options: SyslogFramerOptions = {}) {
    this.#max = options.maxFrameBytes ?? MAX_SYSLOG_FRAME_BYTES;
  }

  /**
   * Add received bytes.
   *
   * @param chunk The next bytes of the stream.
   * @returns The frames they completed.
   */
  push(chunk: Uint8Array): SyslogFrame[] {
    const frames: SyslogFrame[] = [];
    let input = chunk;
    while (input.length > 0) {
      input = this.#dropSkipped(input);
      if (input.length === 0) break;
      // Append at most what can still make a frame, so that one call never buffers much more than the limit.
      const room = Math.max(this.#max + 16 - this.#size(), 1);
      const take = Math.min(input.length, room);
      this.#append(input.subarray(0, take));
      input = input.subarray(take);
      this.#extract(frames);
    }
    return frames;
  }

  /**
   * End of stream: the unterminated last line becomes a frame; an incomplete counted frame is an error.
   *
   * @returns The last frames.
   */
  flush(): SyslogFrame[] {
    const frames: SyslogFrame[] = [];
    this.#extract(frames);
    if (this.#size() > 0 && this.#skip === 0) {
      const rest = this.#buffer.slice(this.#start, this.#end);
      const header = this.#octetHeader();
      if (header.kind === "octet") {
        frames.push({
          ok: false,
          message: `Cannot read syslog frame: truncated, expected ${header.count} bytes but got ${
            this.#end - header.start
          }`,
          raw: rest.slice(0, RAW_SAMPLE_BYTES),
        });
      } else {
        const line = stripCr(rest);
        if (line.length > 0) frames.push({ ok: true, bytes: line });
      }
    }
    this.#start = this.#end = this.#scanFrom = 0;
    this.#skip = 0;
    return frames;
  }

  #size(): number {
    return this.#end - this.#start;
  }

  #dropSkipped(input: Uint8Array): Uint8Array {
    if (this.#skip === 0) return input;
    if (this.#skip === Infinity) {
      const newline = input.indexOf(LF);
      if (newline === -1) return input.subarray(input.length);
      this.#skip = 0;
      return input.subarray(newline + 1);
    }
    const drop = Math.min(this.#skip, input.length);
    this.#skip -= drop;
    return input.subarray(drop);
  }

  #extract(frames: SyslogFrame[]): void {
    while (this.#size() > 0 && this.#skip === 0) {
      const header = this.#octetHeader();
      if (header.kind === "wait") return;
      if (header.kind === "octet") {
        if (header.count > this.#max) {
          frames.push({
            ok: false,
            message: `Cannot read syslog frame: ${header.count} bytes exceeds the limit of ${this.#max}`,
            raw: this.#buffer.slice(this.#start, Math.min(this.#end, this.#start + RAW_SAMPLE_BYTES)),
          });
          const buffered = this.#end - header.start;
          this.#skip = Math.max(header.count - buffered, 0);
          this.#consumeTo(Math.min(this.#end, header.start + header.count));
          continue;
        }
        if (this.#end - header.start < header.count) return;
        frames.push({ ok: true, bytes: this.#buffer.slice(header.start, header.start + header.count) });
        this.#consumeTo(header.start + header.count);
        continue;
      }
      const from = Math.max(this.#scanFrom, this.#start);
      const found = this.#buffer.subarray(from, this.#end).indexOf(LF);
      if (found === -1) {
        if (this.#size() > this.#max) {
          frames.push({
            ok: false,
            message: `Cannot read syslog frame: line longer than the limit of ${this.#max} bytes`,
            raw: this.#buffer.slice(this.#start, Math.min(this.#end, this.#start + RAW_SAMPLE_BYTES)),
          });
          this.#skip = Infinity;
          this.#consumeTo(this.#end);
        } else {
          this.#scanFrom = this.#end;
        }
        return;
      }
      const newline = from + found;
      const line = stripCr(this.#buffer.slice(this.#start, newline));
      this.#consumeTo(newline + 1);
      if (line.length > 0) frames.push({ ok: true, bytes: line });
    }
  }

  /**
   * Octet counting is `[1-9][0-9]* SP` followed by the message, which starts with `<` (its PRI); requiring the `<`
   * keeps a PRI-less line that happens to start with a number from being taken for a count.
   */
  #octetHeader(): { kind: "octet"; count: number; start: number } | { kind: "line" } | { kind: "wait" } {
    const b = this.#buffer;
    const first = b[this.#start];
    if (first < 0x31 || first > 0x39) return { kind: "line" };
    let i = this.#start + 1;
    while (i < this.#end && i - this.#start < 10 && b[i] >= 0x30 && b[i] <= 0x39) i++;
    if (i + 1 >= this.#end) return i - this.#start >= 10 ? { kind: "line" } : { kind: "wait" };
    if (b[i] !== SPACE || b[i + 1] !== LT) return { kind: "line" };
    let count = 0;
    for (let j = this.#start; j < i; j++) count = count * 10 + (b[j] - 0x30);
    return { kind: "octet", count, start: i + 1 };
  }

  #append(bytes: Uint8Array): void {
    if (this.#end + bytes.length > this.#buffer.length) {
      // Compact first; grow only when the live bytes themselves need the room.
      const size = this.#size();
      const target = size + bytes.length > this.#buffer.length
        ? new Uint8Array(Math.max(this.#buffer.length * 2, size + bytes.length))
        : this.#buffer;
      target.set(this.#buffer.subarray(this.#start, this.#end));
      this.#scanFrom = Math.max(this.#scanFrom - this.#start, 0);
      this.#buffer = target;
      this.#start = 0;
      this.#end = size;
    }
    this.#buffer.set(bytes, this.#end);
    this.#end += bytes.length;
  }

  #consumeTo(index: number): void {
    this.#start = index;
    this.#scanFrom = index;
    if (this.#start >= this.#end) this.#start = this.#end = this.#scanFrom = 0;
  }
}

/** Drop the CR of a CRLF line end and the NUL trailers some senders add (RFC 6587 §3.4.2 notes both). */
function stripCr(line: Uint8Array): Uint8Array {
  let end = line.length;
  while (end > 0 && (line[end - 1] === 0x0d || line[end - 1] === 0x00)) end--;
  return end === line.length ? line : line.subarray(0, end);
}
