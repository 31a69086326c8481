import assert from "node:assert/strict";
import { type SyslogFrame, SyslogFramer } from "./syslog_framer.ts";

const encode = (text: string) => new TextEncoder().encode(text);
const texts = (frames: SyslogFrame[]) =>
  frames.map((frame) => frame.ok ? new TextDecoder().decode(frame.bytes) : `error: ${frame.message}`);

function byteAtATime(framer: SyslogFramer, bytes: Uint8Array): SyslogFrame[] {
  const frames: SyslogFrame[] = [];
  for (let i = 0; i < bytes.length; i++) frames.push(...framer.push(bytes.subarray(i, i + 1)));
  return [...frames, ...framer.flush()];
}

const MIXED = "<13>one\r\n15 <13>two\nwith LF\n<13>three\n\n12345 not a count\n8 <13>four<13>tail";

Deno.test("SyslogFramer splits mixed newline and octet-counted frames the same whichever the chunking", () => {
  const expected = ["<13>one", "<13>two\nwith LF", "<13>three", "12345 not a count", "<13>four", "<13>tail"];
  const whole = new SyslogFramer();
  assert.deepEqual(texts([...whole.push(encode(MIXED)), ...whole.flush()]), expected);
  assert.deepEqual(texts(byteAtATime(new SyslogFramer(), encode(MIXED))), expected);
  const chunked = new SyslogFramer();
  const bytes = encode(MIXED);
  const frames: SyslogFrame[] = [];
  for (let i = 0; i < bytes.length; i += 7) frames.push(...chunked.push(bytes.subarray(i, i + 7)));
  assert.deepEqual(texts([...frames, ...chunked.flush()]), expected);
});

Deno.test("SyslogFramer reports a truncated octet-counted frame at end of stream", () => {
  const framer = new SyslogFramer();
  assert.deepEqual(texts([...framer.push(encode("20 <13>short")), ...framer.flush()]), [
    "error: Cannot read syslog frame: truncated, expected 20 bytes but got 9",
  ]);
});

Deno.test("SyslogFramer skips an oversized counted frame without buffering it and resumes after it", () => {
  const framer = new SyslogFramer({ maxFrameBytes: 16 });
  const frames = byteAtATime(framer, encode("40 <13>" + "x".repeat(36) + "<13>after\n"));
  assert.deepEqual(texts(frames), [
    "error: Cannot read syslog frame: 40 bytes exceeds the limit of 16",
    "<13>after",
  ]);
});

Deno.test("SyslogFramer drops an overlong line up to its newline and keeps the next", () => {
  const framer = new SyslogFramer({ maxFrameBytes: 16 });
  const frames = [...framer.push(encode("<13>" + "y".repeat(100) + "\n<13>ok\n")), ...framer.flush()];
  assert.deepEqual(texts(frames), [
    "error: Cannot read syslog frame: line longer than the limit of 16 bytes",
    "<13>ok",
  ]);
  assert.equal(frames[0].ok ? 0 : frames[0].raw.length, 32);
});

// A quadratic framer would take minutes here; the speed itself is a benchmark's business, not a unit test's
// (a wall-clock bound fails on a loaded CI machine).
Deno.test("SyslogFramer splits a large buffer of many small frames in one push", () => {
  const body = encode("<13>x\n".repeat(200_000));
  const framer = new SyslogFramer();
  const count = framer.push(body).length + framer.flush().length;
  assert.equal(count, 200_000);
});

Deno.test("SyslogFramer drops CR and NUL trailers", () => {
  const framer = new SyslogFramer();
  const frames = [...framer.push(encode("<13>a\r\n<13>b\u0000\n<13>c\u0000")), ...framer.flush()];
  assert.deepEqual(texts(frames), ["<13>a", "<13>b", "<13>c"]);
});
